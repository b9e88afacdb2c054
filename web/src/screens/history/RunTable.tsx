import { Anchor, Badge, Button, Table, Text } from "@mantine/core";
import { Fragment, useState } from "react";
import { Link } from "wouter";
import { describeCounts, durationOf, formatMoment, outcomeOf } from "./labels";
import { RunDecisions } from "./RunDecisions";
import type { Run } from "./use-history";

const COLUMNS = 8;

/**
 * Runs, newest first: when, whose, what started it, how it ended, what it changed. Each opens in place to
 * the decisions it made.
 */
export function RunTable({ runs }: { runs: Run[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table verticalSpacing="xs" fz="sm" aria-label="Runs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Started</Table.Th>
            <Table.Th scope="col">Profile</Table.Th>
            <Table.Th scope="col">Sync</Table.Th>
            <Table.Th scope="col">Trigger</Table.Th>
            <Table.Th scope="col">Outcome</Table.Th>
            <Table.Th scope="col">Changes</Table.Th>
            <Table.Th scope="col">Took</Table.Th>
            <Table.Th scope="col">
              <span className="visually-hidden">Decisions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => {
            const outcome = outcomeOf(run.outcome);
            const expanded = open.has(run.id);
            const detailsId = `run-${run.id}-decisions`;
            const when = formatMoment(run.startedAt);
            return (
              <Fragment key={run.id}>
                <Table.Tr>
                  <Table.Th scope="row" fw={400} style={{ whiteSpace: "nowrap" }}>
                    <time dateTime={run.startedAt}>{when}</time>
                  </Table.Th>
                  <Table.Td>
                    <Anchor component={Link} href={`/profiles/${encodeURIComponent(run.profile.id)}`}>
                      {run.profile.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{run.profile.syncName}</Table.Td>
                  <Table.Td>{run.trigger}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={outcome.color} tt="none">
                      {outcome.label}
                    </Badge>
                    {run.error && (
                      <Text size="sm" mt={4} style={{ overflowWrap: "anywhere" }}>
                        {run.error}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{describeCounts(run.counts)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{durationOf(run)}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      variant="subtle"
                      size="xs"
                      aria-expanded={expanded}
                      aria-controls={expanded ? detailsId : undefined}
                      onClick={() => toggle(run.id)}
                    >
                      {expanded ? "Hide decisions" : "Show decisions"}
                      <span className="visually-hidden">
                        {" "}
                        of {run.profile.name}, {when}
                      </span>
                    </Button>
                  </Table.Td>
                </Table.Tr>
                {expanded && (
                  <Table.Tr id={detailsId}>
                    <Table.Td colSpan={COLUMNS} bg="var(--mantine-color-default-hover)">
                      <RunDecisions
                        runId={run.id}
                        caption={`Decisions of ${run.profile.name}'s run, ${when}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
