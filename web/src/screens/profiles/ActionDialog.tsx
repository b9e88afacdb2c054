import { Button, Group, List, Modal, Radio, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { FormError } from "../../components/FormError";
import type { Dialog } from "../../components/use-dialog";
import type { JobSummary } from "../../components/use-jobs";
import {
  count,
  type ProfileAction,
  profilesCount,
  type Selection,
  type StartMode,
  useProfileAction,
} from "./use-profiles";

/** What an action dialog is asked to do: an action, on which profiles, how many. */
export interface ActionRequest {
  action: ProfileAction;
  selection: Selection;
  count: number;
  /** The one profile's name, when the selection is one profile. */
  name?: string | undefined;
  /** The mode a start offers first (the profile's, or the sync's). */
  startMode?: StartMode | undefined;
  /** How far back merge copies meetings, when known. */
  pastDays?: number | undefined;
}

export const ACTION_LABELS: Record<ProfileAction, string> = {
  start: "Start",
  pause: "Pause",
  resume: "Resume",
  resync: "Resync",
  cleanup: "Clean up",
  remove: "Remove",
};

/** "Pause 1,240 profiles", "Pause “Adele Vance”": names the job the action becomes. */
export const actionLabel = (request: Pick<ActionRequest, "action" | "count" | "name">) =>
  `${ACTION_LABELS[request.action]} ${request.name ? `“${request.name}”` : profilesCount(request.count)}`;

/** The words an admin types to confirm the actions that delete. */
function confirmation(request: ActionRequest): string | undefined {
  if (request.action === "cleanup") return "clean up";
  if (request.action === "remove") return request.name ? "remove" : String(request.count);
  return undefined;
}

/**
 * Asks before an action on one profile or a selection, saying in plain words what it does: start (sync
 * only new meetings, or merge the existing ones both ways), pause (with a reason), resume, resync; clean
 * up and remove need the admin to type a confirmation. The action is queued as a background job.
 */
export function ActionDialog({
  dialog,
  onStarted,
}: {
  dialog: Dialog<ActionRequest>;
  onStarted: (job: JobSummary, request: ActionRequest) => void;
}) {
  const request = dialog.item;
  const act = useProfileAction();
  const [mode, setMode] = useState<StartMode>("only_new");
  const [reason, setReason] = useState("");
  const [typed, setTyped] = useState("");
  const [opened, setOpened] = useState<ActionRequest | null>(null);
  // A new request starts from its own defaults.
  if (request !== opened) {
    setOpened(request);
    setMode(request?.startMode ?? "only_new");
    setReason("");
    setTyped("");
  }
  if (!request) return <Modal opened={false} onClose={dialog.close} title="" />;

  const what = request.name ? `“${request.name}”` : profilesCount(request.count);
  const expected = confirmation(request);
  const confirmed = expected === undefined || typed.trim().toLowerCase() === expected;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed) return;
    act.mutate(
      {
        action: request.action,
        selection: request.selection,
        ...(request.action === "start" && { mode }),
        ...(request.action === "pause" && reason.trim() && { reason: reason.trim() }),
      },
      {
        onSuccess: (job) => {
          onStarted(job, request);
          dialog.close();
        },
      },
    );
  };
  const destructive = request.action === "cleanup" || request.action === "remove";

  return (
    <Modal
      opened={dialog.opened}
      onClose={dialog.close}
      onExitTransitionEnd={() => {
        act.reset();
        dialog.exited();
      }}
      title={TITLES[request.action](what)}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {request.action === "start" && (
            <>
              <Radio.Group
                label="Meetings already in the calendars"
                value={mode}
                onChange={(value) => setMode(value as StartMode)}
              >
                <Stack gap="sm" mt="xs">
                  <Radio
                    value="only_new"
                    label="Sync only new meetings"
                    description="Meetings already in the calendars stay as they are. From now on, every meeting created or changed in one calendar is copied to the other."
                  />
                  <Radio
                    value="merge"
                    label="Merge existing meetings two-way"
                    description={`Meetings already in either calendar (from ${request.pastDays ?? 30} days ago on, and every future one) are copied to the other too, then new ones as they come. A meeting already in both, such as one invitation sent to both addresses, is matched up, not duplicated.`}
                  />
                </Stack>
              </Radio.Group>
              <Text size="sm">
                Nobody is emailed: copies carry no attendees. Each mailbox is checked first; a profile whose
                mailbox cannot be reached stays a draft and is listed with the reason.
              </Text>
            </>
          )}
          {request.action === "pause" && (
            <>
              <Text>No more changes are copied until the profile is resumed. Copies already made stay.</Text>
              <TextInput
                label="Reason (optional)"
                description="Shown beside the status, e.g. on leave, tenant migration."
                maxLength={500}
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
              />
            </>
          )}
          {request.action === "resume" && (
            <Text>
              Paused profiles and profiles in error run again at once. For a profile that needs confirmation,
              resuming confirms it: the changes the safety guard held back (such as many deletions) go
              through.
            </Text>
          )}
          {request.action === "resync" && (
            <Text>
              Both mailboxes are read again from scratch on the next run, as if they were new. Nothing is
              duplicated: existing copies stay linked to their originals.
            </Text>
          )}
          {request.action === "cleanup" && (
            <List spacing={4}>
              <List.Item>Every copy crosscal made is deleted from both mailboxes.</List.Item>
              <List.Item>Originals are not touched.</List.Item>
              <List.Item>
                {request.count === 1
                  ? "The profile is paused; resume starts it again from scratch."
                  : "The profiles are paused; resume starts them again from scratch."}
              </List.Item>
            </List>
          )}
          {request.action === "remove" && (
            <List spacing={4}>
              <List.Item>Every copy crosscal made is deleted from both mailboxes first.</List.Item>
              <List.Item>Then the profiles and their history are deleted. This cannot be undone.</List.Item>
              <List.Item>Originals are not touched.</List.Item>
            </List>
          )}
          {expected !== undefined && (
            <TextInput
              label={`Type “${expected}” to confirm`}
              autoComplete="off"
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
            />
          )}
          {request.count > 1 && (
            <Text size="sm" c="dimmed">
              It runs in the background: progress shows on this screen, and it can be cancelled. A profile the
              action does not apply to (e.g. pausing a draft) is listed with why; the others go ahead.
            </Text>
          )}
          <FormError title="Not started" message={act.error?.message} />
          <Group justify="end">
            <Button variant="default" onClick={dialog.close} data-autofocus={destructive || undefined}>
              Cancel
            </Button>
            <Button
              type="submit"
              color={destructive ? "red" : undefined}
              loading={act.isPending}
              disabled={!confirmed}
            >
              {BUTTONS[request.action](request.count)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const TITLES: Record<ProfileAction, (what: string) => string> = {
  start: (what) => `Start syncing ${what}`,
  pause: (what) => `Pause ${what}?`,
  resume: (what) => `Resume ${what}?`,
  resync: (what) => `Resync ${what}?`,
  cleanup: (what) => `Clean up ${what}?`,
  remove: (what) => `Remove ${what}?`,
};

const BUTTONS: Record<ProfileAction, (n: number) => string> = {
  start: () => "Start syncing",
  pause: () => "Pause",
  resume: () => "Resume",
  resync: () => "Resync",
  cleanup: () => "Clean up",
  remove: (n) => (n === 1 ? "Remove profile" : `Remove ${count(n)} profiles`),
};
