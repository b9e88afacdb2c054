import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useIsMutating } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useLocation, useParams } from "wouter";
import { FormError } from "../../components/FormError";
import { formatDateTime } from "../../components/format";
import { Loading } from "../../components/Loading";
import { Screen } from "../../components/Screen";
import { useDialog } from "../../components/use-dialog";
import { ConnectionForm, connectionPatchOf } from "./ConnectionForm";
import { ConnectionStatusDetails } from "./ConnectionStatus";
import { DeleteConnectionDialog } from "./DeleteConnectionDialog";
import { CLOUD_LABELS, credentialOf } from "./labels";
import {
  CHECK_MUTATION,
  type CheckedConnection,
  type Connection,
  useCheckConnection,
  useConnection,
  useEditConnection,
} from "./use-connections";

/** One connection: its live status (check now), what it is, the edit form, and deleting it. */
export default function ConnectionScreen() {
  const { id = "" } = useParams<{ id: string }>();
  const connection = useConnection(id);
  if (connection.isPending) return <Loading label="Loading the connection" />;
  if (connection.isError) {
    return (
      <Screen title="Connection">
        <FormError title="The connection could not be read" message={connection.error.message} />
        <Anchor component={Link} href="/connections">
          Back to the connections
        </Anchor>
      </Screen>
    );
  }
  return <ConnectionDetails connection={connection.data} />;
}

function ConnectionDetails({ connection }: { connection: Connection }) {
  const check = useCheckConnection();
  const edit = useEditConnection(connection.id);
  const deleting = useDialog<Connection>();
  const [, navigate] = useLocation();
  const [checked, setChecked] = useState<CheckedConnection | null>(null);
  // A check started elsewhere (right after creating it) shows here too.
  const checking =
    useIsMutating({
      mutationKey: CHECK_MUTATION,
      predicate: (mutation) => mutation.state.variables === connection.id,
    }) > 0;
  // A saved edit gives the form a new key: it starts again from what was stored.
  const [saved, setSaved] = useState(0);

  return (
    <Screen
      title={`Connection ${connection.name}`}
      actions={
        <Group gap="sm">
          <Button
            variant="default"
            loading={checking}
            onClick={() => check.mutate(connection.id, { onSuccess: setChecked })}
          >
            Check now
          </Button>
          <Button variant="subtle" color="red" onClick={() => deleting.open(connection)}>
            Delete
          </Button>
        </Group>
      }
    >
      <Anchor component={Link} href="/connections" size="sm">
        All connections
      </Anchor>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="status-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="status-heading">
            Status
          </Title>
          {checking ? <Text>Checking… (a token from Entra ID, then one calendar read)</Text> : null}
          <ConnectionStatusDetails connection={connection} />
          <FormError title="Not checked" message={check.error?.message} />
          {checked?.roles && (
            <Text size="sm">
              Application permissions in the token:{" "}
              {checked.roles.length > 0 ? checked.roles.join(", ") : "none"}.
            </Text>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="details-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="details-heading">
            Details
          </Title>
          <Table.ScrollContainer minWidth={320}>
            <Table variant="vertical" layout="fixed" withTableBorder={false}>
              <Table.Tbody>
                <Row label="Tenant" value={connection.tenant} />
                <Row label="Client ID" value={connection.clientId} />
                <Row
                  label="Credential"
                  value={
                    connection.certificateThumbprint
                      ? `${credentialOf(connection)}, SHA-256 thumbprint ${connection.certificateThumbprint}`
                      : `${credentialOf(connection)}${connection.hasSecret ? " (stored encrypted)" : " (none stored)"}`
                  }
                />
                <Row label="Cloud" value={CLOUD_LABELS[connection.cloud]} />
                {connection.endpoints && (
                  <Row
                    label="Endpoints"
                    value={`${connection.endpoints.authority} · ${connection.endpoints.graph} · ${connection.endpoints.graphScope}`}
                  />
                )}
                <Row
                  label="Probe mailbox"
                  value={connection.probeMailbox ?? "none (the directory's first user)"}
                />
                <Row label="Created" value={formatDateTime(connection.createdAt)} />
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="edit-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="edit-heading">
            Edit
          </Title>
          <Text size="sm">
            A change other than the name resets the status until the next check. Moving the connection to
            another cloud or other endpoints needs its credential again.
          </Text>
          {edit.isSuccess && (
            <Text size="sm" role="status">
              Saved.
            </Text>
          )}
          <ConnectionForm
            key={saved}
            connection={connection}
            submitLabel="Save changes"
            pending={edit.isPending}
            error={edit.error}
            onSubmit={(values) =>
              edit.mutate(connectionPatchOf(connection, values), { onSuccess: () => setSaved((n) => n + 1) })
            }
          />
        </Stack>
      </Paper>
      <DeleteConnectionDialog dialog={deleting} onDeleted={() => navigate("/connections")} />
    </Screen>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={140}>
        {label}
      </Table.Th>
      <Table.Td style={{ overflowWrap: "anywhere" }}>{value}</Table.Td>
    </Table.Tr>
  );
}
