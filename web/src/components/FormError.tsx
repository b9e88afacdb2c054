import { Alert } from "@mantine/core";

/**
 * An error that names no input of its form (wrong password, service unreachable), above the form. Alerts
 * are announced by screen readers as they appear.
 */
export function FormError({ title, message }: { title: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" title={title} role="alert">
      {message}
    </Alert>
  );
}
