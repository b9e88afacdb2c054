/**
 * The Profiles screen's filters and order, kept in the address (`/profiles?status=error&q=contoso`), so a
 * link from another screen opens the list filtered and a reload keeps it.
 */

export const STATUSES = ["draft", "active", "paused", "error", "needs_confirmation"] as const;
export const SOURCES = ["manual", "import", "group", "config"] as const;
export const MAILBOX_CHECKS = ["verified", "invalid", "unverified"] as const;
export const SORTS = ["name", "status", "sync", "lastRun", "createdAt"] as const;

export type Status = (typeof STATUSES)[number];
export type Source = (typeof SOURCES)[number];
export type MailboxCheck = (typeof MAILBOX_CHECKS)[number];
export type SortKey = (typeof SORTS)[number];

/** The list's filters, named as the API names them (GET /api/profiles and an action's `filter`). */
export interface Filters {
  sync?: string;
  status?: Status;
  source?: Source;
  mailboxCheck?: MailboxCheck;
  search?: string;
}

export interface Sorting {
  sort: SortKey;
  order: "asc" | "desc";
}

export const SOURCE_LABELS: Record<Source, string> = {
  manual: "Added by hand",
  import: "Imported",
  group: "Group binding",
  config: "Config file",
};

export const CHECK_LABELS: Record<MailboxCheck, string> = {
  verified: "Both verified",
  invalid: "A mailbox failed",
  unverified: "Not checked yet",
};

export const SORT_LABELS: Record<SortKey, string> = {
  name: "Name",
  status: "Status",
  sync: "Sync",
  lastRun: "Last run",
  createdAt: "Date added",
};

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** Filters and order from the address's query string; anything unknown is left out. */
export function fromSearch(search: string): { filters: Filters; sorting: Sorting } {
  const params = new URLSearchParams(search);
  const filters: Filters = {};
  const sync = params.get("sync");
  const status = oneOf(STATUSES, params.get("status"));
  const source = oneOf(SOURCES, params.get("source"));
  const mailboxCheck = oneOf(MAILBOX_CHECKS, params.get("check"));
  const text = params.get("q")?.trim();
  if (sync) filters.sync = sync;
  if (status) filters.status = status;
  if (source) filters.source = source;
  if (mailboxCheck) filters.mailboxCheck = mailboxCheck;
  if (text) filters.search = text.slice(0, 200);
  const sort = oneOf(SORTS, params.get("sort")) ?? "name";
  const order = params.get("order") === "desc" ? "desc" : "asc";
  return { filters, sorting: { sort, order } };
}

/** The query string for filters and order (defaults left out). */
export function toSearch(filters: Filters, sorting: Sorting): string {
  const params = new URLSearchParams();
  if (filters.search) params.set("q", filters.search);
  if (filters.status) params.set("status", filters.status);
  if (filters.sync) params.set("sync", filters.sync);
  if (filters.source) params.set("source", filters.source);
  if (filters.mailboxCheck) params.set("check", filters.mailboxCheck);
  if (sorting.sort !== "name") params.set("sort", sorting.sort);
  if (sorting.order !== "asc") params.set("order", sorting.order);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const hasFilters = (filters: Filters) => Object.values(filters).some((value) => value !== undefined);
