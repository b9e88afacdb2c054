import { Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useRef, useState } from "react";
import { formErrors } from "../../api/errors";
import { CopyField } from "../../components/CopyField";
import { FormError } from "../../components/FormError";
import { formatDateTime } from "../../components/format";
import type { Dialog } from "../../components/use-dialog";
import { useFocusInvalid } from "../../components/use-focus-invalid";
import { useStartConsent } from "./use-connections";

/**
 * A connection through admin consent for the deployment's own multi-tenant app: the API makes a one-time
 * consent URL (15 minutes); the button goes there, to Microsoft, whose answer comes back to crosscal,
 * which creates and checks the connection and links back to this screen. The URL can also be sent to the
 * tenant's administrator.
 */
export function ConsentDialog({ dialog }: { dialog: Dialog<true> }) {
  const [name, setName] = useState("");
  const [tenant, setTenant] = useState("");
  const start = useStartConsent();
  const form = useRef<HTMLFormElement>(null);
  const errors = formErrors(start.error, { name: ["connection_name_taken"], tenant: [] });
  useFocusInvalid(form, start.error);

  return (
    <Modal
      opened={dialog.opened}
      onClose={dialog.close}
      onExitTransitionEnd={() => {
        start.reset();
        setName("");
        setTenant("");
        dialog.exited();
      }}
      title="Add a connection with this deployment's app"
      size="lg"
    >
      {start.data ? (
        <Stack>
          <Text>
            Open Microsoft's consent page as a Global Administrator or Privileged Role Administrator of the
            tenant, or send them the link. It works once, until{" "}
            <time dateTime={start.data.expiresAt}>{formatDateTime(start.data.expiresAt)}</time>. After
            consent, Microsoft sends the browser back to crosscal, which creates the connection “{name}”,
            checks it and links back to this screen.
          </Text>
          <CopyField label="Consent link" value={start.data.url} />
          <Group justify="end">
            <Button variant="default" onClick={dialog.close}>
              Close
            </Button>
            <Button component="a" href={start.data.url} rel="noreferrer">
              Go to Microsoft's consent page
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          ref={form}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            start.mutate({ name, ...(tenant.trim() && { tenant: tenant.trim() }) });
          }}
        >
          <Stack>
            <Text>
              No app registration of your own: the tenant's administrator grants admin consent to crosscal's
              app with one click, and crosscal connects with the app's credential.
            </Text>
            <FormError title="No consent link" message={errors.form} />
            <TextInput
              label="Name"
              description='Letters, digits, ".", "-" and "_", e.g. contoso.'
              required
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={errors.inputs.name}
              data-autofocus
            />
            <TextInput
              label="Tenant (optional)"
              description="Its ID or a verified domain. Leave it empty to connect the administrator's own tenant."
              value={tenant}
              onChange={(event) => setTenant(event.currentTarget.value)}
              error={errors.inputs.tenant}
            />
            <Group justify="end">
              <Button variant="default" onClick={dialog.close}>
                Cancel
              </Button>
              <Button type="submit" loading={start.isPending}>
                Get the consent link
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
