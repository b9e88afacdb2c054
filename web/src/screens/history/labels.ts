import type { Decision, Run } from "./use-history";

const MOMENT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** A date-time of the history, to the second, in the admin's language and time zone. */
export const formatMoment = (iso: string) => MOMENT.format(new Date(iso));

const OUTCOMES: Record<string, { label: string; color: string }> = {
  ok: { label: "OK", color: "green" },
  failed: { label: "Failed", color: "red" },
  needs_confirmation: { label: "Needs confirmation", color: "orange" },
  skipped: { label: "Skipped", color: "gray" },
  running: { label: "Running", color: "blue" },
};

/** A run's outcome as shown: `null` (not finished) is "Running". */
export const outcomeOf = (outcome: Run["outcome"] | string) =>
  OUTCOMES[outcome ?? "running"] ?? { label: String(outcome), color: "gray" };

/** The outcome filter's choices. */
export const OUTCOME_LABELS: Record<string, string> = {
  ok: "OK",
  failed: "Failed",
  needs_confirmation: "Needs confirmation",
  skipped: "Skipped",
  running: "Running (not finished)",
};

const ACTION_COLORS: Record<Decision["action"], string> = {
  create: "green",
  update: "blue",
  restore: "teal",
  delete: "red",
  link: "cyan",
  unlink: "grape",
  tombstone: "dark",
  baseline: "gray",
  skip: "yellow",
};

export const actionColor = (action: string) => ACTION_COLORS[action as Decision["action"]] ?? "gray";

const COUNT_NAMES = ["created", "updated", "deleted", "skipped", "linked", "tombstoned"] as const;

/** What a run changed, in words: "2 created, 1 updated", or "no change". */
export function describeCounts(counts: Run["counts"]): string {
  const parts = COUNT_NAMES.filter((name) => counts[name] > 0).map((name) => `${counts[name]} ${name}`);
  return parts.length ? parts.join(", ") : "no change";
}

/** How long a run took: "0.6 s", "2 min 5 s"; nothing while it runs. */
export function durationOf(run: Run): string {
  if (!run.finishedAt) return "";
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  if (!Number.isFinite(ms) || ms < 0) return "";
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * A long Graph event id, shortened for the screen: its start (the mailbox's part, alike for every event
 * of a mailbox) and its end (where two events differ).
 */
export const shortId = (id: string) => (id.length > 20 ? `${id.slice(0, 6)}…${id.slice(-12)}` : id);
