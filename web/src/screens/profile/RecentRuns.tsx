import { Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { FormError } from "../../components/FormError";
import { formatDateTime } from "../../components/format";
import { Loading } from "../../components/Loading";
import { type Run, useProfileRuns } from "./use-profile";

const OUTCOMES: Record<string, { label: string; color: string }> = {
  ok: { label: "ok", color: "green" },
  failed: { label: "failed", color: "red" },
  needs_confirmation: { label: "needs confirmation", color: "orange" },
  skipped: { label: "skipped", color: "gray" },
};

/** What a run changed, in words: "2 created, 1 updated" (or "no changes"). */
export function changesOf(counts: Run["counts"]): string {
  const parts = (
    [
      ["created", counts.created],
      ["updated", counts.updated],
      ["deleted", counts.deleted],
      ["linked", counts.linked],
      ["skipped", counts.skipped],
      ["not recreated", counts.tombstoned],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([word, n]) => `${n.toLocaleString()} ${word}`);
  return parts.length > 0 ? parts.join(", ") : "no changes";
}

const seconds = (run: Run) =>
  run.finishedAt ? `${((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)} s` : "";

/**
 * The profile's recent runs, newest first. Each run event of the live stream refreshes the list, so a
 * run that just finished appears without a reload.
 */
export function RecentRuns({ profileId }: { profileId: string }) {
  const runs = useProfileRuns(profileId);
  const list = runs.data?.pages.flatMap((page) => page.runs) ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="recent-runs">
      <Title order={2} size="h3" id="recent-runs">
        Recent runs
      </Title>
      {runs.isPending && <Loading label="Loading the runs" />}
      {runs.isError && <FormError title="The runs could not be listed" message={runs.error.message} />}
      {runs.data && list.length === 0 && <Text>No runs yet: a profile runs once it is started.</Text>}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="xs" aria-labelledby="recent-runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Started</Table.Th>
                <Table.Th scope="col">Why it ran</Table.Th>
                <Table.Th scope="col">Outcome</Table.Th>
                <Table.Th scope="col">Changes</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((run) => (
                <Table.Tr key={run.id}>
                  <Table.Th scope="row" fw={400}>
                    <time dateTime={run.startedAt}>{formatDateTime(run.startedAt)}</time>
                    <Text span size="xs" c="dimmed" ml={6}>
                      {seconds(run)}
                    </Text>
                  </Table.Th>
                  <Table.Td>{run.trigger}</Table.Td>
                  <Table.Td>
                    {run.outcome === null ? (
                      <Badge variant="light">running</Badge>
                    ) : (
                      <Badge variant="light" color={OUTCOMES[run.outcome]?.color ?? "gray"}>
                        {OUTCOMES[run.outcome]?.label ?? run.outcome}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {changesOf(run.counts)}
                    {run.error && (
                      <Text size="sm" c="red.9">
                        {run.error}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {runs.hasNextPage && (
        <Group>
          <Button
            variant="default"
            size="xs"
            loading={runs.isFetchingNextPage}
            onClick={() => runs.fetchNextPage()}
          >
            Older runs
          </Button>
        </Group>
      )}
    </Stack>
  );
}
