import type { paths } from "../../api/schema";

/**
 * The History screen's state, all of it in the address (`/history?view=decisions&sync=…&action=skip`), so
 * a link shares a view and Back returns to the previous one. Values are kept as typed: the API is the one
 * judge of them, and its 400 appears beside the filter it names.
 */
export type View = "runs" | "decisions";

export interface Filters {
  view: View;
  /** A sync's name or id. */
  sync: string;
  /** A profile's id or name. */
  profile: string;
  /** Runs: ok, failed, needs_confirmation, skipped, running. */
  outcome: string;
  /** Runs: notification, reconcile, manual, start, apply-now… */
  trigger: string;
  /** Decisions: an event id, original or copy. */
  event: string;
  /** Decisions: any of these actions (none: all). */
  action: string[];
  /** Date-times as the API takes them (ISO-8601); `since` included, `until` excluded. */
  since: string;
  until: string;
}

export type TextFilter = Exclude<keyof Filters, "view" | "action">;

/** The filters each list takes, in the order they appear in addresses. */
export const FILTERS_OF: Record<View, readonly (keyof Filters)[]> = {
  runs: ["sync", "profile", "outcome", "trigger", "since", "until"],
  decisions: ["sync", "profile", "event", "action", "since", "until"],
};

export const RUN_OUTCOMES = ["ok", "failed", "needs_confirmation", "skipped", "running"] as const;
export const DECISION_ACTIONS = [
  "create",
  "update",
  "restore",
  "delete",
  "link",
  "unlink",
  "tombstone",
  "baseline",
  "skip",
] as const;

/** The filters an address holds (its search, without `?`). */
export function parseFilters(search: string): Filters {
  const query = new URLSearchParams(search);
  const text = (name: string) => query.get(name)?.trim() ?? "";
  return {
    view: query.get("view") === "decisions" ? "decisions" : "runs",
    sync: text("sync"),
    profile: text("profile"),
    outcome: text("outcome"),
    trigger: text("trigger"),
    event: text("event"),
    action: query.getAll("action").filter(Boolean),
    since: text("since"),
    until: text("until"),
  };
}

/** name=value pairs of the filters that apply to the view and are set, in a stable order. */
function pairs(filters: Filters): [string, string][] {
  const list: [string, string][] = [];
  for (const name of FILTERS_OF[filters.view]) {
    const value = filters[name];
    if (Array.isArray(value)) for (const item of value) list.push([name, item]);
    else if (value) list.push([name, value]);
  }
  return list;
}

const encode = (list: [string, string][]) =>
  list.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");

/** How many filters of the view are set (each action counts). */
export const filterCount = (filters: Filters) => pairs(filters).length;

/** Whether any filter of the view is set. */
export const anyFilter = (filters: Filters) => filterCount(filters) > 0;

/** The History screen's address for these filters. */
export function historyPath(filters: Filters): string {
  const list = pairs(filters);
  if (filters.view === "decisions") list.unshift(["view", "decisions"]);
  return list.length ? `/history?${encode(list)}` : "/history";
}

/** The CSV export of the view's list with its filters (every match: no limit, no cursor). */
export function csvPath(filters: Filters): string {
  const list = pairs(filters);
  const file = filters.view === "runs" ? "/api/runs.csv" : "/api/decisions.csv";
  return list.length ? `${file}?${encode(list)}` : file;
}

type RunsQuery = NonNullable<paths["/api/runs"]["get"]["parameters"]["query"]>;
type DecisionsQuery = NonNullable<paths["/api/decisions"]["get"]["parameters"]["query"]>;

/** Rows per page of the lists. */
export const PAGE_SIZE = 50;

const given = (value: string) => value || undefined;

/** GET /api/runs's query for these filters (values unchecked: the API refuses what it does not take). */
export const runsQuery = (filters: Filters, cursor?: string): RunsQuery => ({
  sync: given(filters.sync),
  profile: given(filters.profile),
  outcome: given(filters.outcome) as RunsQuery["outcome"],
  trigger: given(filters.trigger),
  since: given(filters.since),
  until: given(filters.until),
  limit: PAGE_SIZE,
  cursor,
});

/** GET /api/decisions's query for these filters. */
export const decisionsQuery = (filters: Filters, cursor?: string): DecisionsQuery => ({
  sync: given(filters.sync),
  profile: given(filters.profile),
  event: given(filters.event),
  action: filters.action.length ? (filters.action as DecisionsQuery["action"]) : undefined,
  since: given(filters.since),
  until: given(filters.until),
  limit: PAGE_SIZE,
  cursor,
});

/**
 * A date-time of the address as a `datetime-local` input shows it (the admin's time zone, to the minute,
 * or the second when it has one), or "" when it is not a date.
 */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return "";
  const two = (n: number) => String(n).padStart(2, "0");
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  const time = `${two(date.getHours())}:${two(date.getMinutes())}`;
  return `${day}T${time}${date.getSeconds() ? `:${two(date.getSeconds())}` : ""}`;
}

/** What a `datetime-local` input holds (the admin's time) as the API's UTC date-time; "" when empty. */
export function fromLocalInput(value: string): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
