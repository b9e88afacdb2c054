import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "wouter";
import { FormError } from "../../components/FormError";
import { Loading } from "../../components/Loading";
import { Screen } from "../../components/Screen";
import { useDialog } from "../../components/use-dialog";
import { ConnectionStatusDetails } from "./ConnectionStatus";
import { ConsentDialog } from "./ConsentDialog";
import { DeleteConnectionDialog } from "./DeleteConnectionDialog";
import { CLOUD_LABELS, credentialOf } from "./labels";
import { type Connection, useCheckConnection, useConnections } from "./use-connections";

/** Connections to tenants: each with its live status; add (consent or the tenant's app), check, edit, delete. */
export default function ConnectionsScreen() {
  const connections = useConnections();
  const consent = useDialog<true>();
  const deleting = useDialog<Connection>();

  return (
    <Screen
      title="Connections"
      actions={
        <Group gap="sm">
          <Button variant="default" onClick={() => consent.open(true)}>
            Add with admin consent
          </Button>
          <Button component={Link} href="/connections/new">
            Add with the tenant's app
          </Button>
        </Group>
      }
    >
      <Text>
        One connection per Microsoft 365 tenant. Add one with this deployment's own app (the tenant's
        administrator grants admin consent on Microsoft's page), or with an app registration of the tenant's
        own (tenant, client ID and a client secret or certificate).
      </Text>
      {connections.isPending && <Loading label="Loading the connections" />}
      {connections.isError && (
        <Stack align="start">
          <FormError title="The connections could not be listed" message={connections.error.message} />
          <Button variant="default" onClick={() => connections.refetch()}>
            Try again
          </Button>
        </Stack>
      )}
      {connections.data?.length === 0 && <Text>No connections yet.</Text>}
      {connections.data && connections.data.length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {connections.data.map((connection) => (
            <ConnectionCard key={connection.id} connection={connection} onDelete={deleting.open} />
          ))}
        </SimpleGrid>
      )}
      <ConsentDialog dialog={consent} />
      <DeleteConnectionDialog dialog={deleting} />
    </Screen>
  );
}

function ConnectionCard({
  connection,
  onDelete,
}: {
  connection: Connection;
  onDelete: (connection: Connection) => void;
}) {
  const check = useCheckConnection();
  const headingId = `connection-${connection.id}`;
  return (
    <Paper component="article" withBorder p="md" radius="md" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          <Anchor component={Link} href={`/connections/${connection.id}`} underline="hover">
            {connection.name}
          </Anchor>
        </Title>
        <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {connection.tenant} · {credentialOf(connection)} · {CLOUD_LABELS[connection.cloud]}
        </Text>
        <ConnectionStatusDetails connection={connection} compact />
        <FormError title="Not checked" message={check.error?.message} />
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            loading={check.isPending}
            onClick={() => check.mutate(connection.id)}
            aria-label={`Check now: ${connection.name}`}
          >
            Check now
          </Button>
          <Button
            variant="default"
            size="xs"
            component={Link}
            href={`/connections/${connection.id}`}
            aria-label={`Edit ${connection.name}`}
          >
            Edit
          </Button>
          <Button
            variant="subtle"
            color="red"
            size="xs"
            onClick={() => onDelete(connection)}
            aria-label={`Delete ${connection.name}`}
          >
            Delete
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
