import { Button, Stack, TextInput } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { ApiError, formErrors } from "../../api/errors";
import { FormError } from "../../components/FormError";
import { PasswordField } from "../../components/PasswordField";
import { useFocusInvalid } from "../../components/use-focus-invalid";
import { type SetupInput, useSetup } from "./use-setup";

const MIN_PASSWORD_LENGTH = 12;

type Values = SetupInput & { repeatPassword: string };

/** A mismatch of the two passwords, found before asking the API. */
const mismatch = () =>
  new ApiError(
    400,
    "passwords_differ",
    "The two passwords differ: type the same password twice.",
    "body/repeatPassword",
  );

/**
 * The setup token `crosscal serve` printed, the administrator's username, and the password twice. The
 * API's refusals appear beside the input they are about; nothing typed is lost.
 */
export function SetupForm({ onCreated }: { onCreated: (input: SetupInput) => void }) {
  const [values, setValues] = useState<Values>({
    setupToken: "",
    username: "",
    password: "",
    repeatPassword: "",
  });
  const [localError, setLocalError] = useState<ApiError | null>(null);
  const setup = useSetup();
  const form = useRef<HTMLFormElement>(null);
  const token = useRef<HTMLInputElement>(null);
  const error = localError ?? setup.error;
  const errors = formErrors(error, {
    setupToken: ["setup_token_invalid", "setup_token_expired"],
    username: [],
    password: [],
    repeatPassword: [],
  });
  useFocusInvalid(form, error);
  useEffect(() => token.current?.focus(), []);

  const change = (input: keyof Values) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const { value } = event.currentTarget;
    setValues((current) => ({ ...current, [input]: value }));
  };

  return (
    <form
      ref={form}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (values.password !== values.repeatPassword) return setLocalError(mismatch());
        setLocalError(null);
        const { repeatPassword: _, ...input } = values;
        setup.mutate(input, { onSuccess: () => onCreated(input) });
      }}
    >
      <Stack>
        <FormError title="No administrator was created" message={errors.form} />
        <TextInput
          ref={token}
          label="Setup token"
          description="Printed by crosscal serve on its console (ccsetup_…); it works once, for one hour."
          name="setupToken"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={values.setupToken}
          onChange={change("setupToken")}
          error={errors.inputs.setupToken}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
        />
        <TextInput
          label="Username"
          description="Letters, digits and . _ @ - (up to 64)."
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={values.username}
          onChange={change("username")}
          error={errors.inputs.username}
        />
        <PasswordField
          label="Password"
          description={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          name="password"
          autoComplete="new-password"
          required
          value={values.password}
          onChange={change("password")}
          error={errors.inputs.password}
        />
        <PasswordField
          label="Password again"
          name="repeatPassword"
          autoComplete="new-password"
          required
          value={values.repeatPassword}
          onChange={change("repeatPassword")}
          error={errors.inputs.repeatPassword}
        />
        <Button type="submit" loading={setup.isPending}>
          Create the administrator
        </Button>
      </Stack>
    </form>
  );
}
