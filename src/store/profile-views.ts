import { type AliasableExpression, type ExpressionBuilder, sql } from "kysely";
import type { Store } from "./database.js";
import type { Page } from "./history.js";
import type {
  Database,
  MailboxCheck,
  ProfileRow,
  ProfileSource,
  ProfileStatus,
  RunOutcome,
} from "./schema.js";

/**
 * Profiles as the API lists them: each row with what it has done, in one statement per page. The counts
 * are correlated subqueries over the page's rows only (links by their (profile, side) key, the last run
 * by the (profile, started_at) index), so a page costs the same whatever the size of the history.
 */

export interface ProfileCounts {
  /** Copies crosscal wrote in B of originals in A, and the other way. */
  copiesAToB: number;
  copiesBToA: number;
  /** Meetings found in both mailboxes at a merge start and linked instead of copied. */
  linked: number;
  lastRun: { startedAt: string; finishedAt: string | null; outcome: RunOutcome | null } | null;
}

export interface ProfileView extends ProfileRow {
  counts: ProfileCounts;
}

export interface ProfileViewFilter {
  sync: string;
  status?: ProfileStatus;
  source?: ProfileSource;
  mailboxCheck?: MailboxCheck;
  /** Part of the name or of either address, case-insensitive. */
  search?: string;
}

/** After this profile in the list's order: its sort key (none when sorted by name), its name and id. */
export interface ProfilePosition {
  key?: string;
  name: string;
  id: string;
}

type Profiles = ExpressionBuilder<Database, "profiles">;

const copies = (eb: Profiles, side: "A" | "B", owned: 0 | 1) =>
  eb
    .selectFrom("links")
    .select((inner) => inner.fn.countAll().as("n"))
    .whereRef("links.profileId", "=", "profiles.id")
    .where("links.sourceSide", "=", side)
    .where("links.owned", "=", owned);

const latestRunId = (eb: ExpressionBuilder<Database, "profiles">) =>
  eb
    .selectFrom("runs as latest")
    .select("latest.id")
    .whereRef("latest.profileId", "=", "profiles.id")
    .orderBy("latest.startedAt", "desc")
    .orderBy("latest.id", "desc")
    .limit(1);

function viewSelect(db: Store) {
  return db
    .selectFrom("profiles")
    .leftJoin("runs", (join) => join.on((eb) => eb("runs.id", "=", latestRunId(eb))))
    .selectAll("profiles")
    .select((eb) => [
      copies(eb, "A", 1).as("copiesFromA"),
      copies(eb, "B", 1).as("copiesFromB"),
      // A twin link is one meeting found in both mailboxes: count each once, whichever side it starts from.
      copies(eb, "A", 0).as("linkedFromA"),
      copies(eb, "B", 0).as("linkedFromB"),
      "runs.startedAt as lastRunStartedAt",
      "runs.finishedAt as lastRunFinishedAt",
      "runs.outcome as lastRunOutcome",
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewSelect>["executeTakeFirstOrThrow"]>>;

const count = (value: string | number | bigint | null) => Number(value ?? 0);

function toView(row: ViewRow): ProfileView {
  // Aliases avoid runs of capitals: the camel-case plugin would not map "copiesAToB" back to itself.
  const {
    copiesFromA,
    copiesFromB,
    linkedFromA,
    linkedFromB,
    lastRunStartedAt,
    lastRunFinishedAt,
    lastRunOutcome,
    ...profile
  } = row;
  return {
    ...profile,
    counts: {
      copiesAToB: count(copiesFromA),
      copiesBToA: count(copiesFromB),
      linked: count(linkedFromA) + count(linkedFromB),
      lastRun:
        lastRunStartedAt === null
          ? null
          : { startedAt: lastRunStartedAt, finishedAt: lastRunFinishedAt, outcome: lastRunOutcome },
    },
  };
}

/** `%` and `_` in a search are literal characters, not patterns. */
const likePattern = (search: string) => `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function matches(eb: Profiles, search: string) {
  const pattern = likePattern(search);
  const like = (column: "profiles.name" | "profiles.mailboxA" | "profiles.mailboxB") =>
    sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
  return eb.or([like("profiles.name"), like("profiles.mailboxA"), like("profiles.mailboxB")]);
}

/** How a list of profiles is sorted: by one of these, ties broken by name then id. */
export const PROFILE_SORTS = ["name", "status", "sync", "lastRun", "createdAt"] as const;
export type ProfileSort = (typeof PROFILE_SORTS)[number];
export type SortDirection = "asc" | "desc";

export interface ProfileOrder {
  sort: ProfileSort;
  direction: SortDirection;
}

type Listed = ExpressionBuilder<Database, "profiles" | "syncs">;

/**
 * The value a sort compares, never null: a sync by its name (its id once it is gone), the last run by the
 * start of the latest (a max over the (profile_id, started_at) index; "" for a profile never run), so that
 * a keyset position can always name it.
 */
function sortKey(eb: Listed, sort: Exclude<ProfileSort, "name">): AliasableExpression<string> {
  switch (sort) {
    case "status":
      return eb.ref("profiles.status");
    case "createdAt":
      return eb.ref("profiles.createdAt");
    case "sync":
      return sql<string>`coalesce(${eb.ref("syncs.name")}, ${eb.ref("profiles.sync")})`;
    case "lastRun":
      return sql<string>`coalesce((select max(last.started_at) from runs last where last.profile_id = ${eb.ref("profiles.id")}), '')`;
  }
}

/** Where the page starts: after `after` in the list's order (the sort key one way, then name and id up). */
function afterPosition(eb: Listed, order: ProfileOrder, after: ProfilePosition) {
  const rest = eb(eb.refTuple("profiles.name", "profiles.id"), ">", eb.tuple(after.name, after.id));
  if (order.sort === "name") {
    const restDown = eb(eb.refTuple("profiles.name", "profiles.id"), "<", eb.tuple(after.name, after.id));
    return order.direction === "asc" ? rest : restDown;
  }
  const key = sortKey(eb, order.sort);
  const position = after.key ?? "";
  return eb.or([
    eb(key, order.direction === "asc" ? ">" : "<", position),
    eb.and([eb(key, "=", position), rest]),
  ]);
}

function whereFilter(eb: Profiles, filter: ProfileSelection) {
  const { sync, status, source, mailboxCheck, search } = filter;
  const conditions = [];
  if (sync !== undefined) conditions.push(eb("profiles.sync", "=", sync));
  if (status !== undefined) conditions.push(eb("profiles.status", "=", status));
  if (source !== undefined) conditions.push(eb("profiles.source", "=", source));
  if (mailboxCheck !== undefined) conditions.push(eb("profiles.mailboxCheck", "=", mailboxCheck));
  if (search !== undefined) conditions.push(matches(eb, search));
  return eb.and(conditions);
}

/**
 * One page of profiles with their counts, in `order`. Two statements: the page's ids in order (filters,
 * keyset and sort over the profiles alone), then their views, so the counts' subqueries run for the page's
 * rows only, never for every profile the sort has to look at.
 */
export async function listProfileViewPage(
  db: Store,
  filter: ProfileSelection & { limit: number; after?: ProfilePosition | undefined; order?: ProfileOrder },
): Promise<Page<ProfileView, ProfilePosition>> {
  const order: ProfileOrder = filter.order ?? { sort: "name", direction: "asc" };
  const { sort, direction } = order;
  const { after, limit } = filter;
  const ids = await db
    .selectFrom("profiles")
    .leftJoin("syncs", "syncs.id", "profiles.sync")
    .select((eb) => [
      "profiles.id",
      "profiles.name",
      sort === "name" ? sql<string>`''`.as("sortKey") : sortKey(eb, sort).as("sortKey"),
    ])
    .where((eb) => eb.and([whereFilter(eb, filter), ...(after ? [afterPosition(eb, order, after)] : [])]))
    .$call((query) =>
      sort === "name"
        ? query.orderBy("profiles.name", direction).orderBy("profiles.id", direction)
        : query.orderBy("sortKey", direction).orderBy("profiles.name").orderBy("profiles.id"),
    )
    .limit(limit + 1)
    .execute();
  const page = ids.slice(0, limit);
  const pageIds = page.map((row) => row.id);
  const views = page.length === 0 ? [] : await viewSelect(db).where("profiles.id", "in", pageIds).execute();
  const byId = new Map(views.map((row) => [row.id, toView(row)]));
  // A profile removed between the two statements is left out of its page.
  const entries = page.flatMap((row) => byId.get(row.id) ?? []);
  const last = page.at(-1);
  if (ids.length <= limit || !last) return { entries };
  const key = sort === "name" ? {} : { key: last.sortKey };
  return { entries, next: { ...key, name: last.name, id: last.id } };
}

/** How many profiles the filters match, whatever the page: one COUNT. */
export async function countProfileViews(db: Store, filter: ProfileSelection): Promise<number> {
  const row = await db
    .selectFrom("profiles")
    .select((eb) => eb.fn.countAll().as("n"))
    .where((eb) => whereFilter(eb, filter))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What a bulk action selects: the list's filters, the sync optional (every sync's profiles without it). */
export type ProfileSelection = Partial<ProfileViewFilter>;

/**
 * The ids of every profile a selection matches, in the list's order (by name, then id); at most `limit`
 * (the caller asks for one more than it takes, to tell a selection that is too large).
 */
export async function profileIdsMatching(
  db: Store,
  selection: ProfileSelection,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("profiles")
    .select("profiles.id")
    .where((eb) => whereFilter(eb, selection))
    .orderBy("profiles.name")
    .orderBy("profiles.id")
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** One profile with its counts. */
export async function findProfileView(db: Store, id: string): Promise<ProfileView | undefined> {
  const row = await viewSelect(db).where("profiles.id", "=", id).executeTakeFirst();
  return row && toView(row);
}

/** A profile in a status that waits for someone, with why, for the overview. */
export interface StatusReason {
  id: string;
  name: string;
  sync: string;
  /** Null when the sync is gone. */
  syncName: string | null;
  status: ProfileStatus;
  reason: string | null;
  /** When the profile last changed (its status, or an edit since). */
  since: string;
}

/** The `perStatus` most recently changed profiles of each of `statuses`, in one statement. */
export async function latestStatusReasons(
  db: Store,
  statuses: readonly ProfileStatus[],
  perStatus: number,
): Promise<StatusReason[]> {
  if (statuses.length === 0) return [];
  const ranked = db
    .selectFrom("profiles")
    .leftJoin("syncs", "syncs.id", "profiles.sync")
    .select((eb) => [
      "profiles.id",
      "profiles.name",
      "profiles.sync",
      "syncs.name as syncName",
      "profiles.status",
      "profiles.statusReason as reason",
      "profiles.updatedAt as since",
      eb.fn
        .agg<number>("row_number")
        .over((over) =>
          over
            .partitionBy("profiles.status")
            .orderBy("profiles.updatedAt", "desc")
            .orderBy("profiles.id", "desc"),
        )
        .as("rank"),
    ])
    .where("profiles.status", "in", [...statuses]);
  const rows = await db
    .selectFrom(ranked.as("ranked"))
    .selectAll()
    .where("rank", "<=", perStatus)
    .orderBy("status")
    .orderBy("rank")
    .execute();
  return rows.map(({ rank: _rank, ...row }) => row);
}
