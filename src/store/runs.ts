import { randomUUID } from "node:crypto";
import { fixedQuery } from "./compiled.js";
import type { Store } from "./database.js";
import type { RunOutcome, RunRow } from "./schema.js";
import { type Instant, toTimestamp } from "./timestamps.js";

export interface RunCounts {
  created: number;
  updated: number;
  deleted: number;
  skipped: number;
  linked: number;
  tombstoned: number;
}

export const zeroCounts = (): RunCounts => ({
  created: 0,
  updated: 0,
  deleted: 0,
  skipped: 0,
  linked: 0,
  tombstoned: 0,
});

/** One run of one profile. `finishedAt` and `outcome` are null while it is in progress. */
export interface Run extends Omit<RunRow, "counts"> {
  counts: RunCounts;
}

export interface NewRun {
  /** Defaults to a random UUID. */
  id?: string;
  profileId: string;
  /** What started it, e.g. "manual", "schedule", "notification", "start". */
  trigger: string;
}

export interface RunResult {
  outcome: RunOutcome;
  counts: RunCounts;
  error?: string | null;
  /** From the change notification the run answered to its end (ms); only for runs that mirrored one. */
  lagMs?: number | null;
}

const insertRunQuery = fixedQuery((db: Store, p: RunRow) =>
  db.insertInto("runs").values({
    id: p.id,
    profileId: p.profileId,
    trigger: p.trigger,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
    outcome: p.outcome,
    counts: p.counts,
    error: p.error,
  }),
);

const finishRunQuery = fixedQuery(
  (
    db: Store,
    p: {
      id: string;
      outcome: RunOutcome;
      counts: string;
      error: string | null;
      finishedAt: string;
      lagMs: number | null;
    },
  ) =>
    db
      .updateTable("runs")
      .set({ outcome: p.outcome, counts: p.counts, error: p.error, finishedAt: p.finishedAt, lagMs: p.lagMs })
      .where("id", "=", p.id)
      .where("finishedAt", "is", null),
);

const toRun = (row: RunRow): Run => ({ ...row, counts: { ...zeroCounts(), ...JSON.parse(row.counts) } });

export async function startRun(db: Store, run: NewRun, now: Instant): Promise<Run> {
  const row: RunRow = {
    id: run.id ?? randomUUID(),
    profileId: run.profileId,
    trigger: run.trigger,
    startedAt: toTimestamp(now),
    finishedAt: null,
    outcome: null,
    counts: JSON.stringify(zeroCounts()),
    error: null,
    lagMs: null,
  };
  await insertRunQuery.run(db, row);
  return toRun(row);
}

/** Closes a run. Returns false if there is no such run or it was already finished. */
export async function finishRun(db: Store, id: string, result: RunResult, now: Instant): Promise<boolean> {
  const updated = await finishRunQuery.affected(db, {
    id,
    outcome: result.outcome,
    counts: JSON.stringify(result.counts),
    error: result.error ?? null,
    finishedAt: toTimestamp(now),
    lagMs: result.lagMs ?? null,
  });
  return updated > 0n;
}

export async function findRunById(db: Store, id: string): Promise<Run | undefined> {
  const row = await db.selectFrom("runs").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toRun(row);
}

export interface RunFilter {
  profileId?: string;
  /** Only runs that started strictly before this instant (paging backwards through history). */
  startedBefore?: Instant;
  limit?: number;
}

/** Runs, newest first. */
export async function listRuns(db: Store, filter: RunFilter = {}): Promise<Run[]> {
  let query = db.selectFrom("runs").selectAll();
  if (filter.profileId !== undefined) query = query.where("profileId", "=", filter.profileId);
  if (filter.startedBefore !== undefined)
    query = query.where("startedAt", "<", toTimestamp(filter.startedBefore));
  const rows = await query
    .orderBy("startedAt", "desc")
    .orderBy("id", "desc")
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(toRun);
}

/**
 * The change-to-copy lags (ms) of the runs that finished at or after `since`, lowest first, at most `limit`
 * of them (the newest when there are more): what the overview's percentiles are taken over.
 */
export async function runLagsSince(db: Store, since: Instant, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom("runs")
    .select("lagMs")
    .where("finishedAt", ">=", toTimestamp(since))
    .where("lagMs", "is not", null)
    .orderBy("finishedAt", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => Number(row.lagMs)).sort((a, b) => a - b);
}

/** Why a run ended early: its process was shutting down (SIGTERM) and stopped it between two actions. */
export const STOPPED_RUN_ERROR =
  "stopped by shutdown before it ended: what it did is recorded, the next run reads the same changes and does the rest";

/** Why a run's row was closed by the next run: its worker died (or stalled) while it held the lease. */
export const ABANDONED_RUN_ERROR = "the worker stopped during the run";

/**
 * Closes the profile's unfinished runs as failed: called by a run that took the profile's lease after the
 * previous holder's lease expired, so those runs can never finish on their own. Returns how many.
 */
export async function closeAbandonedRuns(db: Store, profileId: string, now: Instant): Promise<number> {
  const result = await db
    .updateTable("runs")
    .set({ outcome: "failed", error: ABANDONED_RUN_ERROR, finishedAt: toTimestamp(now) })
    .where("profileId", "=", profileId)
    .where("finishedAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
