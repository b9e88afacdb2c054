import { PasswordInput, type PasswordInputProps } from "@mantine/core";

/**
 * Mantine's PasswordInput, made as accessible as its other inputs: the input says it is invalid when it
 * has an error (screen readers announce it; use-focus-invalid finds it), and the show/hide button is in
 * the Tab order like every other action.
 */
export function PasswordField(props: PasswordInputProps) {
  return (
    <PasswordInput
      {...props}
      aria-invalid={props.error ? true : undefined}
      visibilityToggleButtonProps={{ tabIndex: 0, "aria-label": "Show the password" }}
    />
  );
}
