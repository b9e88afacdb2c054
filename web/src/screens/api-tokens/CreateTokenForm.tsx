import { Button, Group, NativeSelect, Radio, Stack, TextInput, Title } from "@mantine/core";
import { useId, useRef, useState } from "react";
import { formErrors } from "../../api/errors";
import { FormError } from "../../components/FormError";
import { useFocusInvalid } from "../../components/use-focus-invalid";
import { EXPIRY_CHOICES, type ExpiryChoice, expiresAtOf } from "./expiry";
import { type CreatedToken, type NewToken, useCreateToken } from "./use-tokens";

interface Values {
  name: string;
  scope: NewToken["scope"];
  expiry: ExpiryChoice;
  date: string;
}

const EMPTY: Values = { name: "", scope: "read", expiry: "never", date: "" };

/**
 * A new token: its name, scope (read by default: least privilege) and expiry. After a refusal everything
 * typed stays; after success the form empties and the token is handed over once.
 */
export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const [values, setValues] = useState<Values>(EMPTY);
  const create = useCreateToken();
  const form = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const errors = formErrors(create.error, { name: [], scope: [], expiresAt: [] });
  useFocusInvalid(form, create.error);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  return (
    <form
      ref={form}
      noValidate
      aria-labelledby={headingId}
      onSubmit={(event) => {
        event.preventDefault();
        const expiresAt = expiresAtOf(values.expiry, values.date, new Date());
        const token: NewToken = { name: values.name, scope: values.scope, ...(expiresAt && { expiresAt }) };
        create.mutate(token, {
          onSuccess: (created) => {
            setValues(EMPTY);
            onCreated(created);
          },
        });
      }}
    >
      <Stack>
        <Title order={2} size="h3" id={headingId}>
          New token
        </Title>
        <FormError title="No token was created" message={errors.form} />
        <TextInput
          label="Name"
          description="What uses it, e.g. prometheus or the nightly report (up to 100 characters)."
          name="name"
          required
          maxLength={100}
          value={values.name}
          onChange={(event) => set("name", event.currentTarget.value)}
          error={errors.inputs.name}
        />
        <Radio.Group
          label="Scope"
          name="scope"
          value={values.scope}
          onChange={(scope) => set("scope", scope as Values["scope"])}
          error={errors.inputs.scope}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="read" label="Read" description="GET only: monitoring, reports, /metrics." />
            <Radio value="admin" label="Admin" description="Everything an administrator can do." />
          </Stack>
        </Radio.Group>
        <Group align="start" grow preventGrowOverflow={false} wrap="wrap">
          <NativeSelect
            label="Expires"
            name="expiry"
            data={EXPIRY_CHOICES.map((choice) => ({ ...choice }))}
            value={values.expiry}
            onChange={(event) => set("expiry", event.currentTarget.value as ExpiryChoice)}
            error={values.expiry === "date" ? undefined : errors.inputs.expiresAt}
            miw={200}
          />
          {values.expiry === "date" && (
            <TextInput
              type="date"
              label="Expiry date"
              description="It stops working at the end of that day."
              name="expiresAt"
              required
              value={values.date}
              onChange={(event) => set("date", event.currentTarget.value)}
              error={errors.inputs.expiresAt}
              miw={200}
            />
          )}
        </Group>
        <Group>
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
