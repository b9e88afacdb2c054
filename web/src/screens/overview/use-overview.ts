import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { answer, api } from "../../api/client";
import { type LiveEvent, useLiveEvent } from "../../api/live-updates";
import { queryKeys } from "../../api/query-keys";
import type { Answer } from "../../api/types";

export type Overview = Answer<"/api/overview", "get">;
export type WaitingStatus = keyof Overview["profiles"]["latestReasons"];
export type WaitingProfile = Overview["profiles"]["latestReasons"][WaitingStatus][number];
export type ConnectionUsage = Overview["connections"][number];
export type Job = Answer<"/api/jobs", "get">["jobs"][number];

/**
 * GET /api/overview. Profile and run events refresh it (the app shell's useLiveUpdates); the Graph counts
 * and subscriptions change without an event, so it is also read again every half minute while shown.
 */
export const useOverview = () =>
  useQuery({
    queryKey: queryKeys.overview,
    queryFn: () => answer(api.GET("/api/overview")),
    refetchInterval: 30_000,
  });

const RUNNING = queryKeys.jobList("running");

/**
 * The background jobs in progress, their progress kept current by the stream's `job` events: a running
 * job's counts are written into the list as they arrive; a job that starts or ends reads the list again.
 */
export function useRunningJobs() {
  const queryClient = useQueryClient();
  useLiveEvent(
    useCallback(
      (event: LiveEvent) => {
        if (event.type !== "job") return;
        const { id, status, total, done, failed } = event.data;
        const jobs = queryClient.getQueryData<Job[]>(RUNNING);
        if (status === "running" && jobs?.some((job) => job.id === id)) {
          queryClient.setQueryData<Job[]>(RUNNING, (list) =>
            list?.map((job) => (job.id === id ? { ...job, total, done, failed } : job)),
          );
        } else {
          void queryClient.invalidateQueries({ queryKey: RUNNING });
        }
      },
      [queryClient],
    ),
  );
  return useQuery({
    queryKey: RUNNING,
    queryFn: async () =>
      (await answer(api.GET("/api/jobs", { params: { query: { status: "running", limit: 50 } } }))).jobs,
  });
}
