import { Alert, Anchor, Button, Group, Loader, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import type { RowSelectionState } from "@tanstack/react-table";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { queryKeys } from "../../api/query-keys";
import { FormError } from "../../components/FormError";
import { JobPanel } from "../../components/JobPanel";
import { Loading } from "../../components/Loading";
import { Screen } from "../../components/Screen";
import { useDialog } from "../../components/use-dialog";
import { useTrackedJobs } from "../../components/use-jobs";
import { ActionDialog, type ActionRequest, actionLabel } from "./ActionDialog";
import { AddProfileDialog } from "./AddProfileDialog";
import { BulkActions } from "./BulkActions";
import { type Filters, fromSearch, hasFilters, type Sorting, toSearch } from "./filters";
import { ImportDialog } from "./ImportDialog";
import { ProfileFilters } from "./ProfileFilters";
import { ProfileTable } from "./ProfileTable";
import {
  count,
  type Profile,
  type ProfileAction,
  profileStartMode,
  type Sync,
  useConnections,
  useProfileList,
  useSyncs,
} from "./use-profiles";

const NO_PROFILES: Profile[] = [];
const NO_SYNCS: Sync[] = [];

/** One value when every sync agrees on it (the start dialog's defaults), else undefined. */
function shared<T>(syncs: Sync[], of: (sync: Sync) => T): T | undefined {
  const values = new Set(syncs.map(of));
  return values.size === 1 ? [...values][0] : undefined;
}

/**
 * Every person synced, one row each, fast at ten thousand: search and filters, sorting, rows loaded as
 * the admin scrolls; a selection (rows, or everything the filters match) and the actions on it, each
 * run as a background job with its progress here; adding one profile, importing many, group bindings.
 */
export default function ProfilesScreen() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const { filters, sorting } = useMemo(() => fromSearch(search), [search]);
  const setView = useCallback(
    (nextFilters: Filters, nextSorting: Sorting) =>
      navigate(`/profiles${toSearch(nextFilters, nextSorting)}`, { replace: true }),
    [navigate],
  );
  const queryClient = useQueryClient();
  const list = useProfileList(filters, sorting);
  const syncs = useSyncs().data ?? NO_SYNCS;
  const connections = useConnections().data ?? [];
  const profiles = useMemo(
    () => list.data?.pages.flatMap((page) => page.profiles) ?? NO_PROFILES,
    [list.data],
  );
  const total = list.data?.pages[0]?.total ?? 0;
  // Keyed by the names alone: the syncs' profile counts change with every run, the names seldom, and the
  // table's cells are rebuilt (remounted) when this map changes.
  const syncNamesKey = JSON.stringify(syncs.map((sync) => [sync.id, sync.name]));
  const syncNames = useMemo(
    () => new Map<string, string>(JSON.parse(syncNamesKey) as Array<[string, string]>),
    [syncNamesKey],
  );
  const names = useMemo(() => new Map(profiles.map((profile) => [profile.id, profile.name])), [profiles]);

  // The selection: rows ticked one by one (or a page of them), or every profile the filters match.
  const [selected, setSelected] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const clearSelection = useCallback(() => {
    setSelected({});
    setAllMatching(false);
  }, []);
  const filterKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new filters, new selection
  useEffect(clearSelection, [filterKey]);
  const selectedIds = useMemo(() => Object.keys(selected).filter((id) => selected[id]), [selected]);
  const selectedCount = allMatching ? total : selectedIds.length;
  const onSelect = useCallback((next: RowSelectionState) => {
    setAllMatching(false);
    setSelected(next);
  }, []);
  // Read through a ref, so that the handler (and with it the table's columns) stays the same while the
  // list refreshes: new columns remount every cell, and a click landing meanwhile was lost.
  const loaded = useRef(profiles);
  useEffect(() => {
    loaded.current = profiles;
  }, [profiles]);
  const onUnselectFromAll = useCallback((id: string) => {
    setAllMatching(false);
    setSelected(Object.fromEntries(loaded.current.filter((p) => p.id !== id).map((p) => [p.id, true])));
  }, []);

  const actionDialog = useDialog<ActionRequest>();
  const openAction = (action: ProfileAction) => {
    const one =
      !allMatching && selectedIds.length === 1 ? profiles.find((p) => p.id === selectedIds[0]) : undefined;
    const inSyncs = filters.sync ? syncs.filter((sync) => sync.id === filters.sync) : syncs;
    actionDialog.open({
      action,
      selection: allMatching ? { filter: filters } : { ids: selectedIds },
      count: selectedCount,
      name: one?.name,
      startMode: one?.startMode ?? shared(inSyncs, (sync) => profileStartMode(sync.startMode)),
      pastDays: shared(inSyncs, (sync) => sync.window.pastDays),
    });
  };
  const jobs = useTrackedJobs("profiles");
  const onJobFinished = useCallback(() => {
    // Removed profiles send no event: read the list again once a job ends.
    void queryClient.invalidateQueries({ queryKey: queryKeys.profiles });
    void queryClient.invalidateQueries({ queryKey: queryKeys.syncs, exact: true });
  }, [queryClient]);

  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<ReactNode>(null);
  const loadMore = useCallback(() => {
    if (!list.isFetchingNextPage) void list.fetchNextPage();
  }, [list.isFetchingNextPage, list.fetchNextPage]);
  const noSyncs = syncs.length === 0;

  return (
    <Screen
      title="Profiles"
      actions={
        <Group gap="xs">
          <Button onClick={() => setAdding(true)} disabled={noSyncs}>
            Add a profile
          </Button>
          <Button variant="default" onClick={() => setImporting(true)} disabled={noSyncs}>
            Import or paste
          </Button>
          <Button variant="default" component={Link} href="/profiles/groups">
            Group bindings
          </Button>
        </Group>
      }
    >
      {notice && (
        <Alert color="green" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {jobs.jobs.map((job) => (
        <JobPanel
          key={job.id}
          jobId={job.id}
          label={job.label}
          nameOf={(id) => names.get(id)}
          onFinished={onJobFinished}
          onDismiss={() => jobs.dismiss(job.id)}
        />
      ))}
      <ProfileFilters filters={filters} sorting={sorting} syncs={syncs} onChange={setView} />
      {list.isPending && <Loading label="Loading the profiles" />}
      {list.isError && (
        <Stack align="start">
          <FormError title="The profiles could not be listed" message={list.error.message} />
          <Button variant="default" onClick={() => list.refetch()}>
            Try again
          </Button>
        </Stack>
      )}
      {list.data && (
        <Stack gap="sm">
          <BulkActions
            total={total}
            selected={selectedCount}
            allMatching={allMatching}
            loaded={profiles.length}
            onSelectAllMatching={() => {
              setSelected({});
              setAllMatching(true);
            }}
            onClear={clearSelection}
            onAction={openAction}
          />
          {total === 0 ? (
            <Text>
              {hasFilters(filters) ? (
                "No profile matches these filters."
              ) : noSyncs ? (
                <>
                  No syncs yet.{" "}
                  <Anchor component={Link} href="/syncs">
                    Create a sync
                  </Anchor>{" "}
                  between two connections first, then add its people here.
                </>
              ) : (
                "No profiles yet. Add one, paste lines or import a CSV file, or bind a group in each tenant."
              )}
            </Text>
          ) : (
            <ProfileTable
              profiles={profiles}
              total={total}
              syncNames={syncNames}
              sorting={sorting}
              onSort={(next) => setView(filters, next)}
              selected={selected}
              onSelect={onSelect}
              allMatching={allMatching}
              onUnselectFromAll={onUnselectFromAll}
              hasMore={list.hasNextPage}
              loadMore={loadMore}
            />
          )}
          {total > 0 && (
            <Group gap="sm">
              <Text size="sm" c="dimmed">
                {count(profiles.length)} of {count(total)} loaded
              </Text>
              {list.hasNextPage && (
                <Button variant="default" size="xs" onClick={loadMore} loading={list.isFetchingNextPage}>
                  Load more
                </Button>
              )}
              {list.isFetching && !list.isFetchingNextPage && (
                <Loader size="xs" role="status" aria-label="Refreshing" />
              )}
            </Group>
          )}
        </Stack>
      )}

      <ActionDialog
        dialog={actionDialog}
        onStarted={(job, request) => {
          jobs.track({ id: job.id, label: actionLabel(request) });
          clearSelection();
        }}
      />
      <AddProfileDialog
        opened={adding}
        onClose={() => setAdding(false)}
        syncs={syncs}
        connections={connections}
        defaultSync={filters.sync}
        onAdded={(profile) =>
          setNotice(
            <>
              Added{" "}
              <Anchor component={Link} href={`/profiles/${profile.id}`}>
                {profile.name}
              </Anchor>{" "}
              as a draft: start it to begin syncing.
            </>,
          )
        }
      />
      <ImportDialog
        opened={importing}
        onClose={() => setImporting(false)}
        syncs={syncs}
        defaultSync={filters.sync}
        onImported={(report) =>
          setNotice(
            `Imported ${count(report.totals.created)} new profiles (drafts) and renamed ${count(report.totals.updated)}.`,
          )
        }
      />
    </Screen>
  );
}
