import type { ConnectionUsage, Job, WaitingStatus } from "./use-overview";

const NUMBER = new Intl.NumberFormat();

/** A count in the admin's language (1,250 or 1 250). */
export const formatCount = (value: number) => NUMBER.format(value);

/** A duration in milliseconds as people say it: 640 ms, 2.95 s, 1 min 5 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${NUMBER.format(ms)} ms`;
  if (ms < 60_000) {
    const seconds = new Intl.NumberFormat(undefined, { maximumFractionDigits: ms < 10_000 ? 2 : 1 });
    return `${seconds.format(ms / 1000)} s`;
  }
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${NUMBER.format(minutes)} min ${seconds} s` : `${NUMBER.format(minutes)} min`;
}

/** The statuses of profiles the overview counts, in the order shown, with their names on screen. */
export const PROFILE_STATUS_CARDS = [
  { status: "active", label: "Active", color: "green" },
  { status: "paused", label: "Paused", color: "gray" },
  { status: "needs_confirmation", label: "Needs confirmation", color: "orange" },
  { status: "error", label: "Error", color: "red" },
] as const;

/** The statuses that wait for someone, with the overview's words for them. */
export const WAITING_STATUSES: readonly { status: WaitingStatus; label: string; all: string }[] = [
  { status: "error", label: "In error", all: "All profiles in error" },
  { status: "needs_confirmation", label: "Needs confirmation", all: "All profiles that need confirmation" },
  { status: "paused", label: "Paused", all: "All paused profiles" },
];

const CONNECTION_STATUS: Record<ConnectionUsage["status"], { label: string; color: string }> = {
  unchecked: { label: "Not checked yet", color: "gray" },
  connected: { label: "Connected", color: "green" },
  bad_credentials: { label: "Bad credentials", color: "red" },
  consent_missing: { label: "No admin consent", color: "red" },
  permission_missing: { label: "Permission missing", color: "red" },
  mailbox_out_of_scope: { label: "Mailbox out of scope", color: "orange" },
  mailbox_not_found: { label: "Mailbox not found", color: "orange" },
  tenant_not_found: { label: "Tenant not found", color: "red" },
  unreachable: { label: "Unreachable", color: "red" },
  error: { label: "Error", color: "red" },
};

export const connectionStatus = (status: ConnectionUsage["status"]) =>
  CONNECTION_STATUS[status] ?? { label: status, color: "gray" };

const ACTIONS: Record<string, string> = {
  start: "Start",
  pause: "Pause",
  resume: "Resume",
  resync: "Resync",
  cleanup: "Clean up",
  remove: "Remove",
};

/** What a background job does, in a few words: "Pause profiles", "Apply the sync contoso-fabrikam now". */
export function describeJob(job: Job): string {
  if (job.kind === "apply_sync") return `Apply the settings of ${job.sync?.name || "a sync"} now`;
  return `${ACTIONS[job.action] ?? job.action} profiles`;
}
