import { Anchor, Button, Stack, Table, Text } from "@mantine/core";
import { Link } from "wouter";
import { FormError } from "../../components/FormError";
import { Loading } from "../../components/Loading";
import { Screen } from "../../components/Screen";
import { useConnections } from "../connections/use-connections";
import type { MappingRef, SyncInfo } from "./types";
import { useSyncs } from "./use-syncs";
import { PRESETS } from "./vocabulary";

const ARROWS: Record<SyncInfo["direction"], string> = { "two-way": "⇄", "a-to-b": "→", "b-to-a": "←" };
const DIRECTION_WORDS: Record<SyncInfo["direction"], string> = {
  "two-way": "two-way",
  "a-to-b": "A to B only",
  "b-to-a": "B to A only",
};

const mappingLabel = (mapping: MappingRef) =>
  typeof mapping === "string"
    ? (PRESETS[mapping as keyof typeof PRESETS]?.label ?? mapping)
    : `${PRESETS[mapping.preset].label}, customized`;

/** Every sync: its two connections and direction, what a copy shows, its rules and profiles. */
export default function SyncsScreen() {
  const syncs = useSyncs();
  const connections = useConnections();
  const nameOf = (id: string) => connections.data?.find((c) => c.id === id)?.name ?? "…";

  return (
    <Screen
      title="Syncs"
      actions={
        <Button component={Link} href="/syncs/new">
          New sync
        </Button>
      }
    >
      <Text>
        A sync joins two connections and says how meetings are copied between them: direction, what a copy
        shows, and rules for the meetings to skip or show otherwise.
      </Text>
      {syncs.isPending && <Loading label="Loading the syncs" />}
      {syncs.isError && (
        <Stack align="start">
          <FormError title="The syncs could not be listed" message={syncs.error.message} />
          <Button variant="default" onClick={() => syncs.refetch()}>
            Try again
          </Button>
        </Stack>
      )}
      {syncs.data?.length === 0 && <Text>No syncs yet.</Text>}
      {syncs.data && syncs.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Connections</Table.Th>
                <Table.Th scope="col">A copy shows</Table.Th>
                <Table.Th scope="col">Rules</Table.Th>
                <Table.Th scope="col">Profiles</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {syncs.data.map((sync) => (
                <Table.Tr key={sync.id}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} href={`/syncs/${sync.id}`}>
                      {sync.name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    {nameOf(sync.connectionA)}{" "}
                    <span aria-label={DIRECTION_WORDS[sync.direction]} role="img">
                      {ARROWS[sync.direction]}
                    </span>{" "}
                    {nameOf(sync.connectionB)}
                  </Table.Td>
                  <Table.Td>{mappingLabel(sync.mapping)}</Table.Td>
                  <Table.Td>{sync.rules.length}</Table.Td>
                  <Table.Td>
                    {sync.profiles.total} ({sync.profiles.active} active
                    {sync.profiles.error > 0 ? `, ${sync.profiles.error} in error` : ""})
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Screen>
  );
}
