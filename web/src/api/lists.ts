import { queryOptions } from "@tanstack/react-query";
import { answer, api } from "./client";
import { queryKeys } from "./query-keys";

/**
 * How long a list read on a page's first visit (navigation.ts, prefetch) stays fresh: the screen that
 * mounts just after uses it instead of asking again. Changes reach these lists through invalidation
 * (the live update stream and every mutation), which refetches whatever its age.
 */
export const PREFETCH_FRESH_MS = 5_000;

/** Every sync (their names, sides, start modes and profile counts): one query for every screen. */
export const syncsQuery = queryOptions({
  queryKey: queryKeys.syncs,
  queryFn: async () => (await answer(api.GET("/api/syncs"))).syncs,
  staleTime: PREFETCH_FRESH_MS,
});

/** Every connection with its last check: one query for every screen. */
export const connectionsQuery = queryOptions({
  queryKey: queryKeys.connections,
  queryFn: async () => (await answer(api.GET("/api/connections"))).connections,
  staleTime: PREFETCH_FRESH_MS,
});
