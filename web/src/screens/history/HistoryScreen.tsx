import { Tabs, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useLocation, useSearch } from "wouter";
import { type LiveEvent, useLiveEvent } from "../../api/live-updates";
import { queryKeys } from "../../api/query-keys";
import { Screen } from "../../components/Screen";
import { DecisionTable } from "./DecisionTable";
import { type Filters, historyPath, parseFilters } from "./filters";
import { emptyFilters } from "./HistoryFilters";
import { HistoryList } from "./HistoryList";
import { RunTable } from "./RunTable";
import { useDecisionPages, useRunPages } from "./use-history";

/**
 * Every run and every decision it made, filtered by sync, profile, outcome or action, trigger and time,
 * paged by cursor, exported as CSV. The whole view is in the address, so a link shares it.
 */
export default function HistoryScreen() {
  const filters = parseFilters(useSearch());
  const [, navigate] = useLocation();
  const switchTo = (view: string | null) => {
    if (view !== "runs" && view !== "decisions") return;
    // The filters both lists take go along; the others belong to the list left.
    const { sync, profile, since, until } = filters;
    navigate(historyPath({ ...emptyFilters(view), sync, profile, since, until }));
  };

  return (
    <Screen title="History">
      <Text>
        Every run of a profile and every decision it made about an event (created, updated, deleted, skipped…
        and why), newest first. Times are in your time zone.
      </Text>
      <Tabs value={filters.view} onChange={switchTo} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="runs">Runs</Tabs.Tab>
          <Tabs.Tab value="decisions">Decisions</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="runs" pt="md">
          <RunsTab filters={filters} />
        </Tabs.Panel>
        <Tabs.Panel value="decisions" pt="md">
          <DecisionsTab filters={filters} />
        </Tabs.Panel>
      </Tabs>
    </Screen>
  );
}

function RunsTab({ filters }: { filters: Filters }) {
  // Finished runs arrive by the event stream, which refreshes every ["runs", …] query.
  const runs = useRunPages(filters);
  return (
    <HistoryList
      filters={filters}
      query={runs}
      rows={(page) => page.runs}
      noun="runs"
      empty="No run recorded yet: a profile runs once it is started."
    >
      {(pages) => <RunTable runs={pages.flatMap((page) => page.runs)} />}
    </HistoryList>
  );
}

function DecisionsTab({ filters }: { filters: Filters }) {
  const decisions = useDecisionPages(filters);
  const queryClient = useQueryClient();
  // A finished run's decisions are new rows of this list too.
  useLiveEvent(
    useCallback(
      (event: LiveEvent) => {
        if (event.type === "run") void queryClient.invalidateQueries({ queryKey: queryKeys.decisions });
      },
      [queryClient],
    ),
  );
  return (
    <HistoryList
      filters={filters}
      query={decisions}
      rows={(page) => page.decisions}
      noun="decisions"
      empty="No decision recorded yet."
    >
      {(pages) => (
        <DecisionTable decisions={pages.flatMap((page) => page.decisions)} caption="Decisions" withProfile />
      )}
    </HistoryList>
  );
}
