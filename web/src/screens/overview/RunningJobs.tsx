import { Group, Progress, Stack, Text } from "@mantine/core";
import { DateTime } from "../../components/DateTime";
import { LoadError } from "../../components/LoadError";
import { Loading } from "../../components/Loading";
import { describeJob, formatCount } from "./labels";
import { Section } from "./Section";
import { type Job, useRunningJobs } from "./use-overview";

/** Background jobs in progress (bulk actions on profiles, a sync's settings applied now), with progress. */
export function RunningJobs() {
  const jobs = useRunningJobs();
  return (
    <Section title="Background jobs">
      {jobs.isPending && <Loading label="Loading the background jobs" />}
      {jobs.isError && (
        <LoadError
          title="The background jobs could not be listed"
          error={jobs.error}
          onRetry={() => jobs.refetch()}
        />
      )}
      {jobs.data?.length === 0 && <Text>No background job is running.</Text>}
      {jobs.data && jobs.data.length > 0 && (
        <Stack gap="md" component="ul" m={0} p={0} style={{ listStyle: "none" }}>
          {jobs.data.map((job) => (
            <JobProgress key={job.id} job={job} />
          ))}
        </Stack>
      )}
    </Section>
  );
}

function JobProgress({ job }: { job: Job }) {
  const name = describeJob(job);
  const percent = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0;
  const what = job.kind === "apply_sync" ? "runs asked for" : "profiles";
  const progress = `${formatCount(job.done)} of ${formatCount(job.total)} ${what}`;
  return (
    <li>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={500}>{name}</Text>
        <Text size="sm">
          {progress}
          {job.failed > 0 && `, ${formatCount(job.failed)} failed`}
          {job.cancelRequested && " (stopping)"}
        </Text>
      </Group>
      <Progress.Root size="lg" mt={4}>
        <Progress.Section
          value={percent}
          color={job.failed > 0 ? "orange" : "blue"}
          withAria={false}
          role="progressbar"
          aria-label={name}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${progress}, ${percent}%`}
        />
      </Progress.Root>
      <Text size="sm" c="dimmed" mt={4}>
        {job.reason && <>Reason: {job.reason}. </>}
        Asked by {job.createdBy}
        {job.startedAt && (
          <>
            , started <DateTime value={job.startedAt} />
          </>
        )}
        .
      </Text>
    </li>
  );
}
