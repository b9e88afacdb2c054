import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answer, api } from "../../api/client";
import { ApiError } from "../../api/errors";
import { syncsQuery } from "../../api/lists";
import { queryKeys } from "../../api/query-keys";
import type { NewSync, PreviewRequest, SyncInfo, SyncPatch } from "./types";

export const useSyncs = () => useQuery(syncsQuery);

export const useSync = (id: string) =>
  useQuery({
    queryKey: queryKeys.sync(id),
    queryFn: () => answer(api.GET("/api/syncs/{id}", { params: { path: { id } } })),
    enabled: id !== "",
  });

/**
 * A saved sync goes into the cache as the API answered it; the list is read again. Only the list and
 * the sync: the test area's event lists (also under ["syncs", id]) cost Graph requests to read again.
 */
function useSaved() {
  const queryClient = useQueryClient();
  return (sync: SyncInfo) => {
    queryClient.setQueryData(queryKeys.sync(sync.id), sync);
    return queryClient.invalidateQueries({ queryKey: queryKeys.syncs, exact: true });
  };
}

export function useCreateSync() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: NewSync) => answer(api.POST("/api/syncs", { body })),
    onSuccess: saved,
  });
}

export function useEditSync(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: SyncPatch) => answer(api.PATCH("/api/syncs/{id}", { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useDeleteSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      try {
        await answer(api.DELETE("/api/syncs/{id}", { params: { path: { id } } }));
      } catch (error) {
        if (!(error instanceof ApiError && error.code === "sync_not_found")) throw error;
      }
    },
    onSuccess: (_, id) => queryClient.removeQueries({ queryKey: queryKeys.sync(id) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.syncs, exact: true }),
  });
}

/**
 * The copy a draft would write of one event (POST /api/syncs/preview-copy): a query keyed by the whole
 * request, so the same draft and event are asked once; the previous answer stays shown while the next
 * one arrives. `null`: nothing to preview yet.
 */
export const usePreview = (request: PreviewRequest | null) =>
  useQuery({
    queryKey: queryKeys.syncPreview(request),
    queryFn: ({ signal }) => answer(api.POST("/api/syncs/preview-copy", { body: request!, signal })),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

export interface EventsQuery {
  side: "A" | "B";
  profile?: string;
  mailbox?: string;
  search?: string;
}

/** Events of one of the sync's mailboxes (each listing reads Graph: kept, never refetched on its own). */
export const useSyncEvents = (syncId: string, query: EventsQuery | null) =>
  useQuery({
    queryKey: queryKeys.syncEvents(syncId, query ?? {}),
    queryFn: ({ signal }) =>
      answer(
        api.GET("/api/syncs/{id}/events", {
          params: { path: { id: syncId }, query: { ...query!, limit: 20 } },
          signal,
        }),
      ),
    enabled: query !== null && (query.profile !== undefined || query.mailbox !== undefined),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** The sync's profiles whose name or address contains `search` (the first 50), to pick a mailbox. */
export const useSyncProfiles = (syncId: string, search: string, enabled = true) =>
  useQuery({
    enabled,
    queryKey: queryKeys.syncProfiles(syncId, search),
    queryFn: async () =>
      answer(
        api.GET("/api/syncs/{syncId}/profiles", {
          params: { path: { syncId }, query: { limit: 50, ...(search && { search }) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

/** Runs of every active profile of the sync, asked for at a pace Graph allows: a background job. */
export function useApplyNow(syncId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => answer(api.POST("/api/syncs/{syncId}/apply-now", { params: { path: { syncId } } })),
    onSuccess: (job) => queryClient.setQueryData(queryKeys.job(job.id), { ...job, failures: [] }),
  });
}
