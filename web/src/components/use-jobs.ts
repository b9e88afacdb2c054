import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { answer, api } from "../api/client";
import { ApiError } from "../api/errors";
import { type LiveEvent, useLiveEvent } from "../api/live-updates";
import { queryKeys } from "../api/query-keys";
import type { Answer } from "../api/types";

/** A background job with its progress and first failures (GET /api/jobs/{id}). */
export type Job = Answer<"/api/jobs/{id}", "get">;
export type JobSummary = Answer<"/api/jobs/{id}/cancel", "post">;

export const jobFinished = (job: Pick<Job, "status"> | undefined) =>
  job !== undefined && (job.status === "done" || job.status === "cancelled" || job.status === "failed");

/** While the stream is down (or absent), progress is still read this often. */
const POLL_MS = 2_000;

/**
 * One job's progress. Each job event on the live stream updates the cached job at once (and the app
 * shell reads it again, failures included); a poll keeps it moving if the stream is not there, and
 * stops once the job has ended.
 */
export function useJob(id: string) {
  const queryClient = useQueryClient();
  useLiveEvent(
    useCallback(
      (event: LiveEvent) => {
        if (event.type !== "job" || event.data.id !== id) return;
        const { status, total, done, failed } = event.data;
        queryClient.setQueryData<Job>(queryKeys.job(id), (job) =>
          job ? { ...job, status: status as Job["status"], total, done, failed } : job,
        );
      },
      [id, queryClient],
    ),
  );
  return useQuery({
    queryKey: queryKeys.job(id),
    queryFn: () => answer(api.GET("/api/jobs/{id}", { params: { path: { id } } })),
    refetchInterval: (query) => (jobFinished(query.state.data) ? false : POLL_MS),
  });
}

export function useCancelJob(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await answer(api.POST("/api/jobs/{id}/cancel", { params: { path: { id } } }));
      } catch (error) {
        // It ended meanwhile: nothing is left to cancel.
        if (!(error instanceof ApiError && error.code === "job_finished")) throw error;
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.job(id) }),
  });
}

/** A job a screen started, shown until the admin dismisses it (kept while they visit other screens). */
export interface TrackedJob {
  id: string;
  /** Which screen shows it: "profiles", or "profile:<id>". */
  scope: string;
  /** What it does, e.g. "Pause 1,240 profiles". */
  label: string;
}

const NONE: TrackedJob[] = [];

/**
 * The jobs started on the screens, kept in the query cache (not fetched: a refetch keeps them), so they
 * last while the admin visits other screens and go with the session when the cache is emptied.
 */
function useTracked() {
  const queryClient = useQueryClient();
  const tracked = useQuery({
    queryKey: queryKeys.trackedJobs,
    queryFn: () => queryClient.getQueryData<TrackedJob[]>(queryKeys.trackedJobs) ?? NONE,
    initialData: NONE,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  }).data;
  const update = (change: (jobs: TrackedJob[]) => TrackedJob[]) =>
    queryClient.setQueryData<TrackedJob[]>(queryKeys.trackedJobs, (jobs) => change(jobs ?? NONE));
  return { tracked, update };
}

/** The jobs started on one screen (newest first), and how to add or dismiss one. */
export function useTrackedJobs(scope: string) {
  const { tracked, update } = useTracked();
  return {
    jobs: tracked.filter((job) => job.scope === scope),
    track: (job: Omit<TrackedJob, "scope">) =>
      update((jobs) => [{ ...job, scope }, ...jobs.filter((other) => other.id !== job.id)]),
    dismiss: (id: string) => update((jobs) => jobs.filter((job) => job.id !== id)),
  };
}
