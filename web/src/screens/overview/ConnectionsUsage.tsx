import { Anchor, Badge, Table, Text } from "@mantine/core";
import { Link } from "wouter";
import { DateTime } from "../../components/DateTime";
import { connectionStatus, formatCount } from "./labels";
import { Section } from "./Section";
import type { ConnectionUsage } from "./use-overview";

/** Each connection's live check and its Graph requests and 429 answers in the window. */
export function ConnectionsUsage({
  connections,
  windowMinutes,
}: {
  connections: ConnectionUsage[];
  windowMinutes: number;
}) {
  return (
    <Section title="Connections">
      {connections.length === 0 ? (
        <Text>
          No connection yet.{" "}
          <Anchor component={Link} href="/connections">
            Connect a tenant
          </Anchor>
          .
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table
            verticalSpacing="xs"
            aria-label={`Connections and their Graph requests in the last ${windowMinutes} minutes`}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Connection</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col" ta="right">
                  Graph requests
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Throttled (429)
                </Table.Th>
                <Table.Th scope="col">Checked</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {connections.map((connection) => {
                const status = connectionStatus(connection.status);
                return (
                  <Table.Tr key={connection.id}>
                    <Table.Th scope="row" fw={500}>
                      <Anchor component={Link} href={`/connections/${encodeURIComponent(connection.id)}`}>
                        {connection.name}
                      </Anchor>
                    </Table.Th>
                    <Table.Td>
                      <Badge variant="light" color={status.color} tt="none">
                        {status.label}
                      </Badge>
                      {!connection.connected && connection.statusReason && (
                        <Text size="sm" mt={4} style={{ overflowWrap: "anywhere" }}>
                          {connection.statusReason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{formatCount(connection.graph.requests)}</Table.Td>
                    <Table.Td
                      ta="right"
                      c={connection.graph.throttled > 0 ? "orange.9" : undefined}
                      fw={connection.graph.throttled > 0 ? 700 : undefined}
                    >
                      {formatCount(connection.graph.throttled)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {connection.checkedAt ? <DateTime value={connection.checkedAt} /> : "never"}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="sm" c="dimmed">
        Requests and 429 answers over the last {windowMinutes} minutes, counted by every process that calls
        Graph.
      </Text>
    </Section>
  );
}
