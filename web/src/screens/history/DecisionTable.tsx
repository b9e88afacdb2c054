import { Anchor, Badge, Table, Text } from "@mantine/core";
import { Link } from "wouter";
import { historyPath } from "./filters";
import { emptyFilters } from "./HistoryFilters";
import { actionColor, formatMoment, shortId } from "./labels";
import type { Decision } from "./use-history";

/** Every decision crosscal recorded about one event of one profile, newest first. */
const tracePath = (decision: Decision) =>
  historyPath({ ...emptyFilters("decisions"), profile: decision.profile.id, event: decision.sourceId });

/**
 * Decisions: when, (whose), what was done and why, the meeting's subject and the original's event id,
 * which leads to every decision about that event. Names and subjects are shown as text, exactly as stored.
 */
export function DecisionTable({
  decisions,
  caption,
  withProfile,
}: {
  decisions: Decision[];
  caption: string;
  /** Show the profile and sync (the decisions list); a run's decisions all share its profile. */
  withProfile: boolean;
}) {
  return (
    <Table.ScrollContainer minWidth={withProfile ? 960 : 720}>
      <Table verticalSpacing="xs" fz="sm" striped aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">At</Table.Th>
            {withProfile && <Table.Th scope="col">Profile</Table.Th>}
            {withProfile && <Table.Th scope="col">Sync</Table.Th>}
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Reason</Table.Th>
            <Table.Th scope="col">Subject</Table.Th>
            <Table.Th scope="col">Original</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {decisions.map((decision) => (
            <Table.Tr key={decision.id}>
              <Table.Th scope="row" fw={400} style={{ whiteSpace: "nowrap" }}>
                <time dateTime={decision.at}>{formatMoment(decision.at)}</time>
              </Table.Th>
              {withProfile && (
                <Table.Td>
                  <Anchor component={Link} href={`/profiles/${encodeURIComponent(decision.profile.id)}`}>
                    {decision.profile.name}
                  </Anchor>
                </Table.Td>
              )}
              {withProfile && <Table.Td>{decision.profile.syncName}</Table.Td>}
              <Table.Td>
                <Badge variant="light" color={actionColor(decision.action)} tt="none">
                  {decision.action}
                </Badge>
              </Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{decision.reason}</Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>
                {decision.subjectHint ?? (
                  <Text span c="dimmed" size="sm">
                    not recorded
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text span size="sm">
                  in {decision.side}:{" "}
                </Text>
                <Anchor
                  component={Link}
                  href={tracePath(decision)}
                  ff="monospace"
                  size="sm"
                  aria-label={`${shortId(decision.sourceId)}: every decision about this event`}
                >
                  {shortId(decision.sourceId)}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
