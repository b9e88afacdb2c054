import { Button, Group, NativeSelect, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { FormError } from "../../components/FormError";
import { formatDateTime } from "../../components/format";
import { Loading } from "../../components/Loading";
import { type Decision, type DecisionAction, useProfileDecisions } from "./use-profile";

export const DECISION_LABELS: Record<DecisionAction, string> = {
  create: "Copied",
  update: "Copy updated",
  restore: "Copy restored",
  delete: "Copy deleted",
  link: "Linked",
  unlink: "Unlinked",
  tombstone: "Not recreated",
  baseline: "Baseline",
  skip: "Skipped",
};

/** What the admin asks "why" about: an event of one of the profile's mailboxes. */
export interface WhyTarget {
  eventId: string;
  /** What the admin knows it by. */
  subject: string | null;
}

/**
 * Every decision the profile's runs made, newest first, of one kind or all; each names its event, with
 * a way to ask why about it. Refreshed whenever the profile runs.
 */
export function Decisions({ profileId, onWhy }: { profileId: string; onWhy: (target: WhyTarget) => void }) {
  const [action, setAction] = useState<DecisionAction | "">("");
  const decisions = useProfileDecisions(profileId, action);
  const list = decisions.data?.pages.flatMap((page) => page.decisions) ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="decisions">
      <Group justify="space-between" align="end" wrap="wrap">
        <Title order={2} size="h3" id="decisions">
          Decisions
        </Title>
        <NativeSelect
          label="Show"
          value={action}
          onChange={(event) => setAction(event.currentTarget.value as DecisionAction | "")}
          data={[
            { value: "", label: "Every decision" },
            ...Object.entries(DECISION_LABELS).map(([value, label]) => ({ value, label })),
          ]}
        />
      </Group>
      {decisions.isPending && <Loading label="Loading the decisions" />}
      {decisions.isError && (
        <FormError title="The decisions could not be listed" message={decisions.error.message} />
      )}
      {decisions.data && list.length === 0 && <Text>No decisions{action ? " of this kind" : ""} yet.</Text>}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs" aria-labelledby="decisions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">Meeting</Table.Th>
                <Table.Th scope="col">Decision</Table.Th>
                <Table.Th scope="col">Why</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">Ask why</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((decision) => (
                <DecisionRow key={decision.id} decision={decision} onWhy={onWhy} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {decisions.hasNextPage && (
        <Group>
          <Button
            variant="default"
            size="xs"
            loading={decisions.isFetchingNextPage}
            onClick={() => decisions.fetchNextPage()}
          >
            Older decisions
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function DecisionRow({ decision, onWhy }: { decision: Decision; onWhy: (target: WhyTarget) => void }) {
  const subject = decision.subjectHint ?? "(no subject recorded)";
  return (
    <Table.Tr>
      <Table.Td>
        <time dateTime={decision.at}>{formatDateTime(decision.at)}</time>
      </Table.Td>
      <Table.Th scope="row" fw={400}>
        {subject}
        <Text size="xs" c="dimmed">
          in {decision.side}
        </Text>
      </Table.Th>
      <Table.Td>{DECISION_LABELS[decision.action]}</Table.Td>
      <Table.Td>{decision.reason}</Table.Td>
      <Table.Td ta="right">
        <Button
          variant="subtle"
          size="compact-sm"
          aria-label={`Why: ${subject}`}
          onClick={() => onWhy({ eventId: decision.sourceId, subject: decision.subjectHint })}
        >
          Why?
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
