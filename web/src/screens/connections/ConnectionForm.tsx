import {
  Button,
  Fieldset,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useRef, useState } from "react";
import { formErrors } from "../../api/errors";
import { FormError } from "../../components/FormError";
import { PasswordField } from "../../components/PasswordField";
import { PemField, pemBlocks } from "../../components/PemField";
import { useFocusInvalid } from "../../components/use-focus-invalid";
import { CLOUD_LABELS } from "./labels";
import type { Cloud, Connection, ConnectionPatch, NewConnection } from "./use-connections";

type Credential = "keep" | "secret" | "certificate";

export interface ConnectionValues {
  name: string;
  tenant: string;
  clientId: string;
  credential: Credential;
  clientSecret: string;
  certificatePem: string;
  privateKey: string;
  passphrase: string;
  cloud: Cloud;
  authority: string;
  graph: string;
  graphScope: string;
  probeMailbox: string;
}

const EMPTY: ConnectionValues = {
  name: "",
  tenant: "",
  clientId: "",
  credential: "secret",
  clientSecret: "",
  certificatePem: "",
  privateKey: "",
  passphrase: "",
  cloud: "global",
  authority: "",
  graph: "",
  graphScope: "",
  probeMailbox: "",
};

/** The form's values for a stored connection: everything but its secret, which is kept unless replaced. */
export function valuesOf(connection: Connection | undefined): ConnectionValues {
  if (!connection) return EMPTY;
  return {
    ...EMPTY,
    name: connection.name,
    tenant: connection.tenant,
    clientId: connection.clientId,
    credential: "keep",
    cloud: connection.cloud,
    authority: connection.endpoints?.authority ?? "",
    graph: connection.endpoints?.graph ?? "",
    graphScope: connection.endpoints?.graphScope ?? "",
    probeMailbox: connection.probeMailbox ?? "",
  };
}

function credentialOf(values: ConnectionValues): Pick<NewConnection, "clientSecret" | "certificate"> {
  if (values.credential === "secret") return { clientSecret: values.clientSecret };
  if (values.credential === "certificate") {
    return {
      certificate: {
        certificatePem: values.certificatePem,
        privateKey: values.privateKey,
        ...(values.passphrase && { passphrase: values.passphrase }),
      },
    };
  }
  return {};
}

const endpointsOf = (values: ConnectionValues) => ({
  authority: values.authority.trim(),
  graph: values.graph.trim(),
  ...(values.graphScope.trim() && { graphScope: values.graphScope.trim() }),
});

/** POST /api/connections: what the form holds, as typed (the API is the one judge). */
export function newConnectionOf(values: ConnectionValues): NewConnection {
  const probeMailbox = values.probeMailbox.trim();
  return {
    name: values.name.trim(),
    tenant: values.tenant.trim(),
    clientId: values.clientId.trim(),
    ...credentialOf(values),
    cloud: values.cloud,
    ...(values.cloud === "custom" && { endpoints: endpointsOf(values) }),
    ...(probeMailbox && { probeMailbox }),
  };
}

/**
 * PATCH /api/connections/{id}: only what differs from the stored connection, so an unchanged field
 * neither resets the status nor asks for the credential again.
 */
export function connectionPatchOf(connection: Connection, values: ConnectionValues): ConnectionPatch {
  const patch: ConnectionPatch = {};
  for (const key of ["name", "tenant", "clientId"] as const) {
    if (values[key].trim() !== connection[key]) patch[key] = values[key].trim();
  }
  const probeMailbox = values.probeMailbox.trim() || null;
  if (probeMailbox !== connection.probeMailbox) patch.probeMailbox = probeMailbox;
  if (values.cloud !== connection.cloud) patch.cloud = values.cloud;
  if (values.cloud === "custom") {
    const endpoints = endpointsOf(values);
    const stored = connection.endpoints;
    const same =
      stored &&
      stored.authority === endpoints.authority &&
      stored.graph === endpoints.graph &&
      stored.graphScope === (endpoints.graphScope ?? stored.graphScope);
    if (!same) patch.endpoints = endpoints;
  }
  return { ...patch, ...credentialOf(values) };
}

const INPUTS = {
  name: ["connection_name_taken"],
  tenant: [],
  clientId: [],
  clientSecret: ["credential_required"],
  certificate: [],
  "certificate.certificatePem": [],
  "certificate.privateKey": [],
  "certificate.passphrase": [],
  cloud: [],
  endpoints: ["endpoint_not_allowed"],
  "endpoints.authority": [],
  "endpoints.graph": [],
  "endpoints.graphScope": [],
  probeMailbox: [],
} as const;

interface ConnectionFormProps {
  /** The connection edited; none for a new one. */
  connection?: Connection;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** Called with the values; the form keeps them until the parent says it is saved (a new `key`). */
  onSubmit: (values: ConnectionValues) => void;
  onCancel?: () => void;
}

/**
 * A connection through the tenant's own app registration: name, tenant, client ID, a client secret or a
 * certificate (PEM, read from a file or pasted, with the passphrase of an encrypted key), the cloud, custom
 * endpoints where the deployment allows them, and a probe mailbox for the live check. Editing, the stored
 * credential is kept unless a new one is given. Errors appear beside the field the API names.
 */
export function ConnectionForm({
  connection,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: ConnectionFormProps) {
  const [values, setValues] = useState<ConnectionValues>(() => valuesOf(connection));
  const form = useRef<HTMLFormElement>(null);
  const errors = formErrors(error, INPUTS);
  const e = errors.inputs;
  useFocusInvalid(form, error);
  const set = <K extends keyof ConnectionValues>(key: K, value: ConnectionValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const certificateFile = (text: string) => {
    const blocks = pemBlocks(text);
    setValues((v) => ({
      ...v,
      certificatePem: blocks.certificate ?? text,
      // One file holding the certificate and its key fills both.
      ...(blocks.privateKey && { privateKey: blocks.privateKey }),
    }));
  };
  const keyFile = (text: string) => set("privateKey", pemBlocks(text).privateKey ?? text);
  // credential_required names the secret: with "keep" chosen there is no secret input to show it beside.
  const credentialError = values.credential !== "secret" && e.clientSecret ? e.clientSecret : e.certificate;

  return (
    <form
      ref={form}
      noValidate
      aria-label={connection ? `Edit ${connection.name}` : "New connection"}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(values);
      }}
    >
      <Stack>
        <FormError title="Not saved" message={errors.form} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Name"
            description='Letters, digits, ".", "-" and "_", e.g. contoso.'
            required
            value={values.name}
            onChange={(event) => set("name", event.currentTarget.value)}
            error={e.name}
          />
          <TextInput
            label="Tenant"
            description="The tenant's ID (a GUID) or a verified domain, e.g. contoso.onmicrosoft.com."
            required
            value={values.tenant}
            onChange={(event) => set("tenant", event.currentTarget.value)}
            error={e.tenant}
          />
        </SimpleGrid>
        <TextInput
          label="Client ID"
          description="The app registration's Application (client) ID."
          required
          value={values.clientId}
          onChange={(event) => set("clientId", event.currentTarget.value)}
          error={e.clientId}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
        />
        <Radio.Group
          label="Credential"
          value={values.credential}
          onChange={(credential) => set("credential", credential as Credential)}
          error={credentialError}
        >
          <Group gap="lg" mt="xs">
            {connection && (
              <Radio
                value="keep"
                label={`Keep the stored ${connection.credentialKind === "certificate" ? "certificate" : "secret"}`}
              />
            )}
            <Radio value="secret" label={connection ? "A new client secret" : "Client secret"} />
            <Radio value="certificate" label={connection ? "A new certificate" : "Certificate"} />
          </Group>
        </Radio.Group>
        {values.credential === "secret" && (
          <PasswordField
            label="Client secret"
            description="The secret's value (not its ID). It is stored encrypted and never shown again."
            required
            autoComplete="off"
            value={values.clientSecret}
            onChange={(event) => set("clientSecret", event.currentTarget.value)}
            error={e.clientSecret}
          />
        )}
        {values.credential === "certificate" && (
          <Fieldset legend="Certificate">
            <Stack>
              <PemField
                label="Certificate (PEM)"
                description="The certificate uploaded to the app registration. A file holding the key too fills both."
                fileButton="Choose the certificate file…"
                required
                value={values.certificatePem}
                onChange={(text) => set("certificatePem", text)}
                onFile={certificateFile}
                error={e["certificate.certificatePem"] ?? (e.certificate ? true : undefined)}
              />
              <PemField
                label="Private key (PEM)"
                description="Its private key, PKCS#8 or PKCS#1, encrypted or not. Stored encrypted, never shown again."
                fileButton="Choose the key file…"
                required
                value={values.privateKey}
                onChange={(text) => set("privateKey", text)}
                onFile={keyFile}
                error={e["certificate.privateKey"]}
              />
              <PasswordField
                label="Passphrase"
                description="Only for an encrypted key; used once to open it, not stored."
                autoComplete="off"
                value={values.passphrase}
                onChange={(event) => set("passphrase", event.currentTarget.value)}
                error={e["certificate.passphrase"]}
              />
            </Stack>
          </Fieldset>
        )}
        <NativeSelect
          label="Cloud"
          data={Object.entries(CLOUD_LABELS).map(([value, label]) => ({ value, label }))}
          value={values.cloud}
          onChange={(event) => set("cloud", event.currentTarget.value as Cloud)}
          error={e.cloud}
        />
        {values.cloud === "custom" && (
          <Fieldset legend="Custom endpoints">
            <Stack>
              <Text size="sm">
                https addresses of Entra ID and Graph (a proxy, a sovereign environment, the emulator). The
                deployment must allow their hosts (crosscal serve --allow-endpoint-host).
              </Text>
              {e.endpoints && (
                <Text size="sm" c="red" role="alert">
                  {e.endpoints}
                </Text>
              )}
              <TextInput
                label="Authority"
                description="The Entra ID host, e.g. https://login.microsoftonline.com."
                required
                value={values.authority}
                onChange={(event) => set("authority", event.currentTarget.value)}
                error={e["endpoints.authority"] ?? (e.endpoints ? true : undefined)}
              />
              <TextInput
                label="Graph"
                description="The Graph host, without /v1.0."
                required
                value={values.graph}
                onChange={(event) => set("graph", event.currentTarget.value)}
                error={e["endpoints.graph"] ?? (e.endpoints ? true : undefined)}
              />
              <TextInput
                label="Graph scope (optional)"
                description="Default https://graph.microsoft.com/.default."
                value={values.graphScope}
                onChange={(event) => set("graphScope", event.currentTarget.value)}
                error={e["endpoints.graphScope"]}
              />
            </Stack>
          </Fieldset>
        )}
        <TextInput
          label="Probe mailbox (optional)"
          description="A mailbox whose calendar the live check reads. Without one, the check reads the directory's first user (needs User.Read.All)."
          value={values.probeMailbox}
          onChange={(event) => set("probeMailbox", event.currentTarget.value)}
          error={e.probeMailbox}
        />
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
