import type { ExpressionBuilder } from "kysely";
import type { Store } from "./database.js";
import type { Link } from "./links.js";
import { type RunCounts, zeroCounts } from "./runs.js";
import type { Database, DecisionAction, LinkRow, RunOutcome, TombstoneRow } from "./schema.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/**
 * The history as the API browses it: runs and decisions with their profile, filtered and read in pages
 * (keyset paging: rows written meanwhile never shift a page). Each function is one SQL statement; pages
 * read one row more than asked to tell whether another follows.
 */

export interface ProfileRef {
  id: string;
  name: string;
  /** The sync's id. */
  sync: string;
  syncName: string;
}

export interface Page<T, P> {
  entries: T[];
  /** Where the next page starts; absent on the last one. */
  next?: P;
}

/** Which profiles: `profile` is a profile's id or its name (names are unique only within a sync). */
export interface ProfileFilter {
  sync?: string;
  profile?: string;
}

export interface RunEntry {
  id: string;
  profile: ProfileRef;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  /** null while the run is in progress. */
  outcome: RunOutcome | null;
  counts: RunCounts;
  error: string | null;
}

/** "running": not finished yet. */
export type RunOutcomeFilter = RunOutcome | "running";

export interface RunQuery extends ProfileFilter {
  outcome?: RunOutcomeFilter;
  trigger?: string;
  /** Runs that started at or after this instant... */
  since?: Instant;
  /** ...and strictly before this one. */
  until?: Instant;
  limit: number;
  after?: RunPosition;
}

/** After the run that started at `startedAt` with this id, newest first. */
export interface RunPosition {
  startedAt: string;
  id: string;
}

export interface DecisionEntry {
  id: string;
  runId: string;
  profile: ProfileRef;
  seq: number;
  at: string;
  /** The original's mailbox (for a skip: the skipped event's). */
  side: "A" | "B";
  sourceId: string;
  copyId: string | null;
  action: DecisionAction;
  reason: string;
  subjectHint: string | null;
}

export interface DecisionQuery extends ProfileFilter {
  profileId?: string;
  /** An event id on either side: the original's or its copy's. */
  event?: string;
  actions?: readonly DecisionAction[];
  since?: Instant;
  until?: Instant;
  limit: number;
  after?: DecisionPosition;
}

/** After this decision, newest first (by time, then run, then the reverse of the order the run made them). */
export interface DecisionPosition {
  at: string;
  runId: string;
  seq: number;
}

type Joined = ExpressionBuilder<Database, "profiles">;

function whereProfile(eb: Joined, filter: ProfileFilter) {
  const conditions = [];
  if (filter.sync !== undefined) {
    // A profile holds its sync's id; the filter may name the sync by id or by name.
    const named = eb.selectFrom("syncs").select("syncs.id").where("syncs.name", "=", filter.sync);
    conditions.push(eb.or([eb("profiles.sync", "=", filter.sync), eb("profiles.sync", "in", named)]));
  }
  if (filter.profile !== undefined) {
    conditions.push(
      eb.or([eb("profiles.id", "=", filter.profile), eb("profiles.name", "=", filter.profile)]),
    );
  }
  return eb.and(conditions);
}

const profileColumns = [
  "profiles.id as profileId",
  "profiles.name as profileName",
  "profiles.sync",
  "syncs.name as syncName",
] as const;

interface ProfileColumns {
  profileId: string;
  profileName: string;
  sync: string;
  syncName: string | null;
}

const profileOf = (row: ProfileColumns): ProfileRef => ({
  id: row.profileId,
  name: row.profileName,
  sync: row.sync,
  // A profile whose sync is gone (a run of it failed saying so) is still listed, under its sync's id.
  syncName: row.syncName ?? row.sync,
});

function runsSelect(db: Store) {
  return db
    .selectFrom("runs")
    .innerJoin("profiles", "profiles.id", "runs.profileId")
    .leftJoin("syncs", "syncs.id", "profiles.sync")
    .select([
      "runs.id",
      "runs.trigger",
      "runs.startedAt",
      "runs.finishedAt",
      "runs.outcome",
      "runs.counts",
      "runs.error",
      ...profileColumns,
    ]);
}

type RunJoinedRow = Awaited<ReturnType<ReturnType<typeof runsSelect>["executeTakeFirstOrThrow"]>>;

const toRunEntry = (row: RunJoinedRow): RunEntry => ({
  id: row.id,
  profile: profileOf(row),
  trigger: row.trigger,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
  outcome: row.outcome,
  counts: { ...zeroCounts(), ...(JSON.parse(row.counts) as Partial<RunCounts>) },
  error: row.error,
});

/** One page of runs, newest first. */
export async function listRunPage(db: Store, query: RunQuery): Promise<Page<RunEntry, RunPosition>> {
  const { outcome, trigger, since, until, after } = query;
  const rows = await runsSelect(db)
    .where((eb) => {
      const conditions = [whereProfile(eb, query)];
      if (outcome === "running") conditions.push(eb("runs.outcome", "is", null));
      else if (outcome !== undefined) conditions.push(eb("runs.outcome", "=", outcome));
      if (trigger !== undefined) conditions.push(eb("runs.trigger", "=", trigger));
      if (since !== undefined) conditions.push(eb("runs.startedAt", ">=", toTimestamp(since)));
      if (until !== undefined) conditions.push(eb("runs.startedAt", "<", toTimestamp(until)));
      if (after !== undefined) {
        conditions.push(
          eb(eb.refTuple("runs.startedAt", "runs.id"), "<", eb.tuple(after.startedAt, after.id)),
        );
      }
      return eb.and(conditions);
    })
    .orderBy("runs.startedAt", "desc")
    .orderBy("runs.id", "desc")
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows.map(toRunEntry), query.limit, (last) => ({ startedAt: last.startedAt, id: last.id }));
}

export async function findRunEntry(db: Store, id: string): Promise<RunEntry | undefined> {
  const row = await runsSelect(db).where("runs.id", "=", id).executeTakeFirst();
  return row && toRunEntry(row);
}

function decisionsSelect(db: Store) {
  return db
    .selectFrom("decisions")
    .innerJoin("profiles", "profiles.id", "decisions.profileId")
    .leftJoin("syncs", "syncs.id", "profiles.sync")
    .select([
      "decisions.id",
      "decisions.runId",
      "decisions.seq",
      "decisions.at",
      "decisions.side",
      "decisions.sourceId",
      "decisions.copyId",
      "decisions.action",
      "decisions.reason",
      "decisions.subjectHint",
      ...profileColumns,
    ]);
}

type DecisionJoinedRow = Awaited<ReturnType<ReturnType<typeof decisionsSelect>["executeTakeFirstOrThrow"]>>;

const toDecisionEntry = ({
  profileId,
  profileName,
  sync,
  syncName,
  ...decision
}: DecisionJoinedRow): DecisionEntry => ({
  ...decision,
  profile: profileOf({ profileId, profileName, sync, syncName }),
});

/** One page of decisions, newest first. */
export async function listDecisionPage(
  db: Store,
  query: DecisionQuery,
): Promise<Page<DecisionEntry, DecisionPosition>> {
  const { profileId, event, actions, since, until, after } = query;
  const rows = await decisionsSelect(db)
    .where((eb) => {
      const conditions = [whereProfile(eb, query)];
      if (profileId !== undefined) conditions.push(eb("decisions.profileId", "=", profileId));
      if (event !== undefined) {
        conditions.push(eb.or([eb("decisions.sourceId", "=", event), eb("decisions.copyId", "=", event)]));
      }
      if (actions !== undefined && actions.length > 0) conditions.push(eb("decisions.action", "in", actions));
      if (since !== undefined) conditions.push(eb("decisions.at", ">=", toTimestamp(since)));
      if (until !== undefined) conditions.push(eb("decisions.at", "<", toTimestamp(until)));
      if (after !== undefined) {
        const position = eb.tuple(after.at, after.runId, after.seq);
        conditions.push(eb(eb.refTuple("decisions.at", "decisions.runId", "decisions.seq"), "<", position));
      }
      return eb.and(conditions);
    })
    .orderBy("decisions.at", "desc")
    .orderBy("decisions.runId", "desc")
    .orderBy("decisions.seq", "desc")
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows.map(toDecisionEntry), query.limit, (last) => ({
    at: last.at,
    runId: last.runId,
    seq: last.seq,
  }));
}

/** One page of a run's decisions in the order the run made them, after position `afterSeq`. */
export async function listRunDecisionPage(
  db: Store,
  runId: string,
  page: { limit: number; afterSeq?: number },
): Promise<Page<DecisionEntry, number>> {
  const rows = await decisionsSelect(db)
    .where("decisions.runId", "=", runId)
    .where("decisions.seq", ">", page.afterSeq ?? -1)
    .orderBy("decisions.seq", "asc")
    .limit(page.limit + 1)
    .execute();
  return pageOf(rows.map(toDecisionEntry), page.limit, (last) => last.seq);
}

/** The profiles `ref` names: the one with that id, or those with that name (in `sync` if given). */
export async function findProfileRefs(db: Store, ref: string, sync?: string): Promise<ProfileRef[]> {
  const rows = await db
    .selectFrom("profiles")
    .leftJoin("syncs", "syncs.id", "profiles.sync")
    .select([...profileColumns])
    .where((eb) => whereProfile(eb, { profile: ref, ...(sync === undefined ? {} : { sync }) }))
    .orderBy("profiles.sync")
    .orderBy("profiles.id")
    .execute();
  return rows.map(profileOf);
}

/** The links of a profile that hold this event id on either side: as the original or as its copy. */
export async function findLinksOfEvent(db: Store, profileId: string, eventId: string): Promise<Link[]> {
  const rows: LinkRow[] = await db
    .selectFrom("links")
    .selectAll()
    .where("profileId", "=", profileId)
    .where((eb) =>
      eb.or([
        // Both sides named, so the (profile, side, source) unique index serves the lookup.
        eb.and([eb("sourceSide", "in", ["A", "B"]), eb("sourceId", "=", eventId)]),
        eb("copyId", "=", eventId),
      ]),
    )
    .orderBy("sourceSide")
    .orderBy("sourceId")
    .execute();
  return rows.map((row) => ({ ...row, owned: row.owned === 1 }));
}

/** A profile's tombstones of any of these originals (a tombstone names the original, never the copy). */
export async function findTombstonesOf(
  db: Store,
  profileId: string,
  sourceIds: readonly string[],
): Promise<TombstoneRow[]> {
  if (sourceIds.length === 0) return [];
  return db
    .selectFrom("tombstones")
    .selectAll()
    .where("profileId", "=", profileId)
    .where("sourceSide", "in", ["A", "B"])
    .where("sourceId", "in", [...sourceIds])
    .orderBy("createdAt", "desc")
    .execute();
}

/**
 * Every entry of a paged list, page by page from the first, each page one statement (`read`, given where
 * the previous page ended): a list of any length is never held at once, and rows written meanwhile never
 * shift a page.
 */
export async function* allPages<T, P>(
  read: (after: P | undefined) => Promise<Page<T, P>>,
): AsyncGenerator<T[]> {
  let after: P | undefined;
  do {
    const page = await read(after);
    yield page.entries;
    after = page.next;
  } while (after !== undefined);
}

function pageOf<T, P>(rows: T[], limit: number, positionOf: (last: T) => P): Page<T, P> {
  const entries = rows.slice(0, limit);
  const last = entries.at(-1);
  return rows.length > limit && last !== undefined ? { entries, next: positionOf(last) } : { entries };
}
