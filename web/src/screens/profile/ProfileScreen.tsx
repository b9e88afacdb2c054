import { Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { Link, useLocation, useParams } from "wouter";
import { ApiError } from "../../api/errors";
import { queryKeys } from "../../api/query-keys";
import { FormError } from "../../components/FormError";
import { JobPanel } from "../../components/JobPanel";
import { Loading } from "../../components/Loading";
import { Screen } from "../../components/Screen";
import { useDialog } from "../../components/use-dialog";
import { type Job, useTrackedJobs } from "../../components/use-jobs";
import { ACTION_LABELS, ActionDialog, type ActionRequest, actionLabel } from "../profiles/ActionDialog";
import { type ProfileAction, useConnections, useSyncs } from "../profiles/use-profiles";
import { Decisions, type WhyTarget } from "./Decisions";
import { FindEvent } from "./FindEvent";
import { ProfileSummary } from "./ProfileSummary";
import { RecentRuns } from "./RecentRuns";
import { type ProfileDetail, useProfile } from "./use-profile";
import { WhyAnswer } from "./WhyAnswer";

/** The actions a profile in this status accepts (docs/service.md, "Actions on profiles"). */
const ACTIONS_BY_STATUS: Record<ProfileDetail["status"], ProfileAction[]> = {
  draft: ["start", "cleanup", "remove"],
  active: ["pause", "resync", "cleanup", "remove"],
  paused: ["resume", "cleanup", "remove"],
  error: ["pause", "resume", "resync", "cleanup", "remove"],
  needs_confirmation: ["resume", "pause", "cleanup", "remove"],
};

/**
 * One profile: both mailboxes, status and why, its recent runs and decisions (fresh as runs finish), the
 * actions on it with the same dialogs as a selection's, and "why" for any meeting found by subject or day.
 */
export default function ProfileScreen() {
  const { id = "" } = useParams<{ id: string }>();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const profile = useProfile(id);
  const syncs = useSyncs().data ?? [];
  const connections = useConnections().data ?? [];
  const sync = syncs.find((candidate) => candidate.id === profile.data?.sync);
  const actionDialog = useDialog<ActionRequest>();
  const jobs = useTrackedJobs(`profile:${id}`);
  const [why, setWhy] = useState<WhyTarget | null>(null);
  const onJobFinished = useCallback(
    (job: Job) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.profiles });
      void queryClient.invalidateQueries({ queryKey: queryKeys.syncs, exact: true });
      if (job.action === "remove" && job.failed === 0 && job.done > 0) navigate("/profiles");
    },
    [queryClient, navigate],
  );

  if (profile.isPending) return <Loading label="Loading the profile" />;
  if (profile.isError) {
    const gone = profile.error instanceof ApiError && profile.error.status === 404;
    return (
      <Screen title={gone ? "Profile not found" : "Profile"}>
        {gone ? (
          <Text>
            There is no such profile: it may have been removed. See every profile in{" "}
            <Anchor component={Link} href="/profiles">
              Profiles
            </Anchor>
            .
          </Text>
        ) : (
          <Stack align="start">
            <FormError title="The profile could not be read" message={profile.error.message} />
            <Button variant="default" onClick={() => profile.refetch()}>
              Try again
            </Button>
          </Stack>
        )}
      </Screen>
    );
  }

  const data = profile.data;
  const open = (action: ProfileAction) =>
    actionDialog.open({
      action,
      selection: { ids: [data.id] },
      count: 1,
      name: data.name,
      startMode: data.startMode,
      pastDays: sync?.window.pastDays,
    });

  return (
    <Screen
      title={data.name}
      actions={
        <Group gap="xs" role="group" aria-label={`Actions on ${data.name}`}>
          {ACTIONS_BY_STATUS[data.status].map((action) => (
            <Button
              key={action}
              variant={
                action === "start" || action === "resume"
                  ? "filled"
                  : action === "cleanup" || action === "remove"
                    ? "light"
                    : "default"
              }
              color={action === "cleanup" || action === "remove" ? "red" : undefined}
              onClick={() => open(action)}
            >
              {ACTION_LABELS[action]}
            </Button>
          ))}
        </Group>
      }
    >
      <Anchor component={Link} href="/profiles" size="sm">
        ← All profiles
      </Anchor>
      {jobs.jobs.map((job) => (
        <JobPanel
          key={job.id}
          jobId={job.id}
          label={job.label}
          nameOf={(profileId) => (profileId === data.id ? data.name : undefined)}
          onFinished={onJobFinished}
          onDismiss={() => jobs.dismiss(job.id)}
        />
      ))}
      <ProfileSummary profile={data} sync={sync} connections={connections} />
      <RecentRuns profileId={data.id} />
      <FindEvent profile={data} onWhy={setWhy} />
      {why && <WhyAnswer profileId={data.id} target={why} onClose={() => setWhy(null)} />}
      <Decisions profileId={data.id} onWhy={setWhy} />
      <ActionDialog
        dialog={actionDialog}
        onStarted={(job, request) => jobs.track({ id: job.id, label: actionLabel(request) })}
      />
    </Screen>
  );
}
