import { Alert, Anchor, Button, Group, List, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { useEffect, useId, useRef } from "react";
import { Link } from "wouter";
import { FormError } from "./FormError";
import { type Job, jobFinished, useCancelJob, useJob } from "./use-jobs";

const count = (n: number) => n.toLocaleString();

/** The past tense of a job's action, for its outcome ("1,239 paused"). */
const DONE_WORDS: Record<string, string> = {
  start: "started",
  pause: "paused",
  resume: "resumed",
  resync: "set to resync",
  cleanup: "cleaned up",
  remove: "removed",
  run: "asked to run",
};

function outcome(job: Job): string {
  const succeeded = job.done - job.failed;
  const did = `${count(succeeded)} ${DONE_WORDS[job.action] ?? "done"}`;
  const failed = job.failed > 0 ? `, ${count(job.failed)} failed` : "";
  switch (job.status) {
    case "queued":
      return job.cancelRequested ? "Cancelling…" : `Waiting to start (${count(job.total)} profiles)`;
    case "running":
      return job.cancelRequested
        ? `Cancelling after the current batch: ${count(job.done)} of ${count(job.total)} done`
        : `${count(job.done)} of ${count(job.total)} done${failed}`;
    case "done":
      return `Finished: ${did}${failed}.`;
    case "cancelled":
      return `Cancelled after ${count(job.done)} of ${count(job.total)}: ${did}${failed}; the others were left as they were.`;
    case "failed":
      return `Stopped after ${count(job.done)} of ${count(job.total)}: ${job.error ?? "the job failed"}.`;
  }
}

interface JobPanelProps {
  jobId: string;
  /** What the job does, e.g. "Pause 1,240 profiles". */
  label: string;
  /** A profile's name by id, for the failures list (the API names profiles by id). */
  nameOf?: ((id: string) => string | undefined) | undefined;
  /** Once, when the job has ended (refresh what it changed). */
  onFinished?: ((job: Job) => void) | undefined;
  onDismiss: () => void;
}

/**
 * The progress of one background job: done of total, failures (each profile and why), cancel while it
 * runs. Every bulk action on profiles, of any size, is a job, so this one panel serves them all.
 */
export function JobPanel({ jobId, label, nameOf, onFinished, onDismiss }: JobPanelProps) {
  const job = useJob(jobId);
  const cancel = useCancelJob(jobId);
  const headingId = useId();
  const data = job.data;
  const finished = jobFinished(data);
  const reported = useRef(false);
  useEffect(() => {
    if (data && finished && !reported.current) {
      reported.current = true;
      onFinished?.(data);
    }
  }, [data, finished, onFinished]);

  const percent = data && data.total > 0 ? Math.round((data.done / data.total) * 100) : finished ? 100 : 0;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id={headingId}>
            {label}
          </Title>
          <Group gap="xs">
            {data && !finished && (
              <Button
                variant="default"
                size="xs"
                loading={cancel.isPending}
                disabled={data.cancelRequested}
                onClick={() => cancel.mutate()}
              >
                Cancel
              </Button>
            )}
            {(finished || job.isError) && (
              <Button variant="subtle" size="xs" onClick={onDismiss}>
                Dismiss
              </Button>
            )}
          </Group>
        </Group>
        <Progress
          value={percent}
          aria-label={`${label}: progress`}
          color={data?.status === "failed" ? "red" : data?.failed ? "orange" : undefined}
          animated={!finished}
          striped={!finished}
        />
        <Text size="sm" role="status">
          {data ? outcome(data) : job.isError ? "" : "Starting…"}
        </Text>
        {job.isError && <FormError title="Progress unavailable" message={job.error.message} />}
        <FormError title="Not cancelled" message={cancel.error?.message} />
        {data && data.failures.length > 0 && (
          <Alert color="orange" variant="light" title={`Failed for ${count(data.failed)} profiles`}>
            <List size="sm" spacing={4}>
              {data.failures.map((failure) => (
                <List.Item key={failure.id}>
                  <Anchor component={Link} href={`/profiles/${failure.id}`}>
                    {nameOf?.(failure.id) ?? `Profile ${failure.id.slice(0, 8)}`}
                  </Anchor>
                  : {failure.message}
                </List.Item>
              ))}
            </List>
            {data.failed > data.failures.length && (
              <Text size="sm" mt="xs">
                The first {count(data.failures.length)} are listed.
              </Text>
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
