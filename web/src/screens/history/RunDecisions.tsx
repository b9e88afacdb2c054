import { Stack, Text } from "@mantine/core";
import { LoadError } from "../../components/LoadError";
import { Loading } from "../../components/Loading";
import { DecisionTable } from "./DecisionTable";
import { LoadMore } from "./LoadMore";
import { useRunDecisions } from "./use-history";

/** One run's decisions in the order it made them (GET /api/runs/{id}), shown under its row. */
export function RunDecisions({ runId, caption }: { runId: string; caption: string }) {
  const run = useRunDecisions(runId);
  if (run.isPending) return <Loading label="Loading the run's decisions" />;
  if (run.isError && !run.data)
    return (
      <LoadError
        title="The run's decisions could not be read"
        error={run.error}
        onRetry={() => run.refetch()}
      />
    );
  const decisions = run.data.pages.flatMap((page) => page.decisions);
  if (decisions.length === 0)
    return <Text size="sm">This run made no decision: nothing had changed in either mailbox.</Text>;
  return (
    <Stack gap="xs">
      <DecisionTable decisions={decisions} caption={caption} withProfile={false} />
      <LoadMore
        noun="decisions"
        shown={decisions.length}
        hasNextPage={run.hasNextPage}
        isFetchingNextPage={run.isFetchingNextPage}
        error={run.isFetchNextPageError ? run.error : null}
        fetchNextPage={() => run.fetchNextPage()}
      />
    </Stack>
  );
}
