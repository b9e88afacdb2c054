import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answer, api } from "../../api/client";
import { queryKeys } from "../../api/query-keys";
import type { Answer } from "../../api/types";

export type ProfileDetail = Answer<"/api/profiles/{id}", "get">;
export type Run = Answer<"/api/runs", "get">["runs"][number];
export type Decision = Answer<"/api/decisions", "get">["decisions"][number];
export type DecisionAction = Decision["action"];
export type SyncEvent = Answer<"/api/syncs/{id}/events", "get">["events"][number];
export type Why = Answer<"/api/events/{eventId}/why", "get">;
export type Verified = Answer<"/api/profiles/{id}/verify", "post">;

const RUNS_PAGE = 10;
const DECISIONS_PAGE = 25;
const EVENTS_LIMIT = 50;

/** The profile with its status, mailbox check and counts; every event about it refreshes it. */
export const useProfile = (id: string) =>
  useQuery({
    queryKey: queryKeys.profile(id),
    queryFn: () => answer(api.GET("/api/profiles/{id}", { params: { path: { id } } })),
  });

/** The profile's runs, newest first: a run that finishes shows up at once (run events refresh "runs"). */
export const useProfileRuns = (id: string) =>
  useInfiniteQuery({
    queryKey: queryKeys.profileRuns(id),
    queryFn: ({ pageParam, signal }) =>
      answer(
        api.GET("/api/runs", {
          params: { query: { profile: id, limit: RUNS_PAGE, ...(pageParam && { cursor: pageParam }) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

/** The profile's decisions, newest first, of one kind or all (refreshed when the profile runs). */
export const useProfileDecisions = (id: string, action: DecisionAction | "") =>
  useInfiniteQuery({
    queryKey: queryKeys.profileDecisions(id, { action }),
    queryFn: ({ pageParam, signal }) =>
      answer(
        api.GET("/api/decisions", {
          params: {
            query: {
              profile: id,
              limit: DECISIONS_PAGE,
              ...(action && { action: [action] }),
              ...(pageParam && { cursor: pageParam }),
            },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

export interface EventSearch {
  side: "A" | "B";
  search?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

/** Events of one of the profile's mailboxes, read from the tenant (by subject and time), to ask why. */
export const useMailboxEvents = (syncId: string, profileId: string, search: EventSearch | null) =>
  useQuery({
    queryKey: queryKeys.syncEvents(syncId, { profile: profileId, ...search }),
    queryFn: ({ signal }) =>
      answer(
        api.GET("/api/syncs/{id}/events", {
          params: { path: { id: syncId }, query: { profile: profileId, limit: EVENTS_LIMIT, ...search! } },
          signal,
        }),
      ),
    enabled: search !== null && syncId !== "",
    staleTime: 30_000,
  });

/** Why one event was (not) synced for the profile (refreshed when the profile runs). */
export const useWhy = (profileId: string, eventId: string | null) =>
  useQuery({
    queryKey: queryKeys.why(profileId, eventId ?? ""),
    queryFn: ({ signal }) =>
      answer(
        api.GET("/api/events/{eventId}/why", {
          params: { path: { eventId: eventId! }, query: { profile: profileId, limit: 20 } },
          signal,
        }),
      ),
    enabled: eventId !== null,
  });

/** Checks both mailboxes again in their tenants and records the outcome on the profile. */
export function useVerifyProfile(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => answer(api.POST("/api/profiles/{id}/verify", { params: { path: { id } } })),
    onSuccess: (verified) => {
      queryClient.setQueryData(queryKeys.profile(id), verified.profile);
      void queryClient.invalidateQueries({ queryKey: queryKeys.profiles });
    },
  });
}
