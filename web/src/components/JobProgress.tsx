import { Button, Group, List, Progress, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useCallback } from "react";
import { answer, api } from "../api/client";
import { ApiError } from "../api/errors";
import { type LiveEvent, useLiveEvent } from "../api/live-updates";
import { queryKeys } from "../api/query-keys";
import type { Answer } from "../api/types";
import { FormError } from "./FormError";

export type Job = Answer<"/api/jobs/{id}", "get">;

const FINISHED = new Set<Job["status"]>(["done", "cancelled", "failed"]);
/** Without the event stream (a proxy buffering it), the job is read this often until it ends. */
const POLL_MS = 3_000;

/**
 * A background job (docs/service.md, "Background jobs"), fresh from the event stream: each `job` event
 * updates the cached job at once (and the app shell reads it again); it is also polled until it ends.
 */
export function useJob(id: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.job(id),
    queryFn: () => answer(api.GET("/api/jobs/{id}", { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && FINISHED.has(q.state.data.status) ? false : POLL_MS),
  });
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
  return query;
}

function useCancelJob(id: string) {
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

interface JobProgressProps {
  jobId: string;
  /** What the job does, e.g. "Applying the change to the active profiles": the progress bar's name. */
  label: string;
  /** What `done` counts, e.g. "runs asked for" (default "profiles"). */
  unit?: string;
  /** Shown once the job is done, e.g. where the results are. */
  whenDone?: ReactNode;
}

/**
 * A job's progress bar ("12 of 40 profiles"), its state in words, a Cancel button while it can be
 * cancelled (a running job stops after its current batch), and its first failures once it has ended.
 */
export function JobProgress({ jobId, label, unit = "profiles", whenDone }: JobProgressProps) {
  const job = useJob(jobId);
  const cancel = useCancelJob(jobId);
  if (job.isError)
    return <FormError title="The job's progress could not be read" message={job.error.message} />;
  if (!job.data) return <Text size="sm">Reading the job's progress…</Text>;
  const { status, total, done, failed, cancelRequested } = job.data;
  const finished = FINISHED.has(status);
  const percent = total > 0 ? Math.round((done / total) * 100) : finished ? 100 : 0;
  const counts = `${done} of ${total} ${unit}${failed > 0 ? ` (${failed} failed)` : ""}`;
  const state: Record<Job["status"], string> = {
    queued: "Queued: starting in a moment.",
    running: cancelRequested ? "Stopping after the current batch…" : "Running.",
    done: "Done.",
    cancelled: "Cancelled: what was done stays done.",
    failed: `Failed: ${job.data.error ?? "see the service's log"}.`,
  };
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Progress.Root size="lg" aria-hidden={false}>
        <Progress.Section
          value={percent}
          withAria={false}
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={counts}
          color={status === "failed" ? "red" : status === "cancelled" ? "gray" : undefined}
        />
      </Progress.Root>
      <Group justify="space-between" gap="sm">
        <Text size="sm">{counts}</Text>
        {!finished && !cancelRequested && (
          <Button variant="default" size="xs" loading={cancel.isPending} onClick={() => cancel.mutate()}>
            Cancel
          </Button>
        )}
      </Group>
      <Text size="sm" role="status">
        {state[status]}
      </Text>
      {status === "done" && whenDone}
      <FormError title="Not cancelled" message={cancel.error?.message} />
      {finished && job.data.failures.length > 0 && (
        <List size="sm">
          {job.data.failures.slice(0, 10).map((failure) => (
            <List.Item key={failure.id}>
              {failure.id}: {failure.message}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
