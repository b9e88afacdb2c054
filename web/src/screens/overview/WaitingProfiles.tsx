import { Anchor, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "wouter";
import { DateTime } from "../../components/DateTime";
import { formatCount, WAITING_STATUSES } from "./labels";
import { Section } from "./Section";
import type { Overview, WaitingProfile } from "./use-overview";

/** For each status that waits for someone (error, needs confirmation, paused), the latest profiles and why. */
export function WaitingProfiles({ profiles }: { profiles: Overview["profiles"] }) {
  const waiting = WAITING_STATUSES.filter(({ status }) => profiles.latestReasons[status].length > 0);
  return (
    <Section title="Waiting for you">
      {waiting.length === 0 && <Text>No profile is in error, paused or waiting for a confirmation.</Text>}
      {waiting.map(({ status, label, all }) => (
        <Stack key={status} gap={4} align="stretch">
          <Title order={3} size="h4">
            {label} ({formatCount(profiles.byStatus[status])})
          </Title>
          <ReasonTable caption={`${label}: the latest`} entries={profiles.latestReasons[status]} />
          <Anchor component={Link} href={`/profiles?status=${status}`} size="sm">
            {all}
          </Anchor>
        </Stack>
      ))}
    </Section>
  );
}

function ReasonTable({ caption, entries }: { caption: string; entries: WaitingProfile[] }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Profile</Table.Th>
            <Table.Th scope="col">Sync</Table.Th>
            <Table.Th scope="col">Reason</Table.Th>
            <Table.Th scope="col">Since</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.profile.id}>
              <Table.Th scope="row" fw={500}>
                <Anchor component={Link} href={`/profiles/${encodeURIComponent(entry.profile.id)}`}>
                  {entry.profile.name}
                </Anchor>
              </Table.Th>
              <Table.Td>{entry.sync.name ?? entry.sync.id}</Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{entry.reason ?? "No reason given"}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <DateTime value={entry.since} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
