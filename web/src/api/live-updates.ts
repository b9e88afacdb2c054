import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { queryKeys } from "./query-keys";

/** What GET /api/stream sends (docs/service.md, "Live updates"), as the screens use it. */
export type LiveEvent =
  | { type: "profile"; data: { id: string; sync: string; status: string; statusReason: string | null } }
  | {
      type: "run";
      data: { id: string; profileId: string; outcome: string | null; finishedAt: string | null };
    }
  | { type: "job"; data: { id: string; status: string; total: number; done: number; failed: number } }
  | { type: "reset"; data: unknown };

type Listener = (event: LiveEvent) => void;

const listeners = new Set<Listener>();

/** Hears every event of the stream while mounted (a job's progress bar, a profile's page). */
export function useLiveEvent(listener: Listener): void {
  useEffect(() => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [listener]);
}

/**
 * Keeps the cached answers fresh from the service's event stream: one EventSource for the app (the
 * browser sends the session cookie and reconnects by itself, with Last-Event-ID), each event refreshing
 * the queries it touches. On `reset` (events were missed) everything is refetched.
 */
export function useLiveUpdates(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource("/api/stream");
    const on = (type: LiveEvent["type"]) => (message: MessageEvent<string>) => {
      const event = { type, data: JSON.parse(message.data) } as LiveEvent;
      refresh(queryClient, event);
      for (const listener of listeners) listener(event);
    };
    for (const type of ["profile", "run", "job", "reset"] as const) {
      source.addEventListener(type, on(type));
    }
    return () => source.close();
  }, [enabled, queryClient]);
}

function refresh(queryClient: QueryClient, event: LiveEvent): void {
  switch (event.type) {
    case "profile":
      void queryClient.invalidateQueries({ queryKey: queryKeys.profiles });
      void queryClient.invalidateQueries({ queryKey: queryKeys.overview });
      // The syncs list counts each sync's profiles by status.
      void queryClient.invalidateQueries({ queryKey: queryKeys.syncs, exact: true });
      return;
    case "run":
      void queryClient.invalidateQueries({ queryKey: queryKeys.runs });
      void queryClient.invalidateQueries({ queryKey: queryKeys.decisions });
      void queryClient.invalidateQueries({ queryKey: queryKeys.profile(event.data.profileId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.overview });
      return;
    case "job":
      // Progress moves the cached job where a screen listens (useLiveEvent) without a read per event; a job
      // that starts, changes status or ends changes the lists, which are read again then.
      void queryClient.invalidateQueries({ queryKey: queryKeys.job(event.data.id) });
      if (!listedWithStatus(queryClient, event.data.id, event.data.status)) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.jobs });
      }
      return;
    case "reset":
      void queryClient.invalidateQueries();
  }
}

/** Whether a cached list of jobs already holds this job with this status (its progress alone moved). */
function listedWithStatus(queryClient: QueryClient, id: string, status: string): boolean {
  return queryClient
    .getQueriesData<{ id: string; status?: string }[]>({ queryKey: ["jobs", "list"] })
    .some(([key, jobs]) => jobs?.some((job) => job.id === id && (job.status ?? key[2]) === status));
}
