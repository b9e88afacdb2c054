import { Button, Stack, TextInput } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { formErrors } from "../../api/errors";
import { type Credentials, useSignIn } from "../../api/session";
import { FormError } from "../../components/FormError";
import { PasswordField } from "../../components/PasswordField";
import { useFocusInvalid } from "../../components/use-focus-invalid";

/** Username and password; the API's refusals beside the input they name, what was typed kept. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const [values, setValues] = useState<Credentials>({ username: "", password: "" });
  const signIn = useSignIn();
  const form = useRef<HTMLFormElement>(null);
  const username = useRef<HTMLInputElement>(null);
  const errors = formErrors(signIn.error, { username: [], password: [] });
  useFocusInvalid(form, signIn.error);
  useEffect(() => username.current?.focus(), []);

  const change = (input: keyof Credentials) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const { value } = event.currentTarget;
    setValues((current) => ({ ...current, [input]: value }));
  };

  return (
    <form
      ref={form}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        signIn.mutate(values, { onSuccess: onSignedIn });
      }}
    >
      <Stack>
        <FormError title="Not signed in" message={errors.form} />
        <TextInput
          ref={username}
          label="Username"
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
          name="password"
          autoComplete="current-password"
          required
          value={values.password}
          onChange={change("password")}
          error={errors.inputs.password}
        />
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
