import { Group, Stack, Text } from "@mantine/core";
import type { UseInfiniteQueryResult } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef } from "react";
import { useLocation } from "wouter";
import { FormError } from "../../components/FormError";
import { Loading } from "../../components/Loading";
import { ExportLink } from "./ExportLink";
import { type FilterName, filterErrors } from "./filter-errors";
import { anyFilter, FILTERS_OF, type Filters, historyPath } from "./filters";
import { HistoryFilters } from "./HistoryFilters";
import { LoadMore } from "./LoadMore";

interface HistoryListProps<Page> {
  filters: Filters;
  /** The list's pages (useRunPages, useDecisionPages). */
  query: UseInfiniteQueryResult<{ pages: Page[] }, Error>;
  /** The rows of a page. */
  rows: (page: Page) => unknown[];
  noun: "runs" | "decisions";
  /** What to say when nothing matches. */
  empty: string;
  children: (pages: Page[]) => ReactNode;
}

/**
 * A tab of the History screen: filters (kept in the address), the CSV export with the same filters, the
 * list and "Load more". A refused filter shows the API's message beside it; after "Apply filters" the
 * keyboard lands there.
 */
export function HistoryList<Page>({ filters, query, rows, noun, empty, children }: HistoryListProps<Page>) {
  const [, navigate] = useLocation();
  const form = useRef<HTMLFormElement>(null);
  const applied = useRef(false);
  const names = FILTERS_OF[filters.view] as FilterName[];
  const firstPageError = query.isError && !query.isFetchNextPageError ? query.error : null;
  const errors = filterErrors(firstPageError, names);
  const refused = Object.keys(errors.inputs).length > 0;

  useEffect(() => {
    if (!firstPageError || !applied.current) return;
    applied.current = false;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [firstPageError]);

  const pages = query.data?.pages ?? [];
  const shown = pages.reduce((sum, page) => sum + rows(page).length, 0);

  return (
    <Stack gap="md">
      <HistoryFilters
        ref={form}
        filters={filters}
        errors={errors.inputs}
        onApply={(next) => {
          applied.current = true;
          navigate(historyPath(next));
        }}
      />
      <Group justify="space-between" gap="sm">
        <ExportLink filters={filters} refused={refused} />
      </Group>
      {refused && (
        <FormError title={`No ${noun} listed`} message="A filter was refused: its message is beside it." />
      )}
      <FormError title={`The ${noun} could not be listed`} message={errors.form} />
      {query.isPending && <Loading label={`Loading the ${noun}`} />}
      {query.data && shown === 0 && (
        <Text>{anyFilter(filters) ? `No ${noun.slice(0, -1)} matches these filters.` : empty}</Text>
      )}
      {query.data && shown > 0 && (
        <>
          {children(pages)}
          <LoadMore
            noun={noun}
            shown={shown}
            hasNextPage={query.hasNextPage}
            isFetchingNextPage={query.isFetchingNextPage}
            error={query.isFetchNextPageError ? query.error : null}
            fetchNextPage={() => query.fetchNextPage()}
          />
        </>
      )}
    </Stack>
  );
}
