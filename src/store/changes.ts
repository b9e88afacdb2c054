import type { Store } from "./database.js";
import type { JobKind, JobStatus, ProfileStatus, RunOutcome, Timestamp } from "./schema.js";

/**
 * What changed since a moment, for the live update stream (one poller per serve process): runs finished,
 * profiles updated, jobs updated, each read from `from` (included) in the order of its time, by the indexes of
 * migration 010. Times come from the writers' clocks, so the reader looks back a little and drops repeats.
 */

export interface FinishedRun {
  id: string;
  profileId: string;
  trigger: string;
  outcome: RunOutcome;
  /** JSON text of RunCounts. */
  counts: string;
  error: string | null;
  startedAt: Timestamp;
  finishedAt: Timestamp;
  lagMs: number | null;
}

export interface UpdatedProfile {
  id: string;
  sync: string;
  name: string;
  status: ProfileStatus;
  statusReason: string | null;
  updatedAt: Timestamp;
}

export interface UpdatedJob {
  id: string;
  kind: JobKind;
  action: string;
  status: JobStatus;
  total: number;
  done: number;
  failed: number;
  cancelRequested: boolean;
  updatedAt: Timestamp;
}

/** The newest time of each kind of change: where a new reader starts. */
export interface ChangeTimes {
  runs: Timestamp | null;
  profiles: Timestamp | null;
  jobs: Timestamp | null;
}

export async function latestChangeTimes(db: Store): Promise<ChangeTimes> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("runs")
        .select((inner) => inner.fn.max("finishedAt").as("t"))
        .as("runs"),
      eb
        .selectFrom("profiles")
        .select((inner) => inner.fn.max("updatedAt").as("t"))
        .as("profiles"),
      eb
        .selectFrom("jobs")
        .select((inner) => inner.fn.max("updatedAt").as("t"))
        .as("jobs"),
    ])
    .executeTakeFirstOrThrow();
  return { runs: row.runs ?? null, profiles: row.profiles ?? null, jobs: row.jobs ?? null };
}

export async function runsFinishedFrom(db: Store, from: Timestamp, limit: number): Promise<FinishedRun[]> {
  const rows = await db
    .selectFrom("runs")
    .select(["id", "profileId", "trigger", "outcome", "counts", "error", "startedAt", "finishedAt", "lagMs"])
    .where("finishedAt", ">=", from)
    .orderBy("finishedAt")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...row,
    outcome: row.outcome!,
    finishedAt: row.finishedAt!,
    lagMs: row.lagMs === null ? null : Number(row.lagMs),
  }));
}

export async function profilesUpdatedFrom(
  db: Store,
  from: Timestamp,
  limit: number,
): Promise<UpdatedProfile[]> {
  return db
    .selectFrom("profiles")
    .select(["id", "sync", "name", "status", "statusReason", "updatedAt"])
    .where("updatedAt", ">=", from)
    .orderBy("updatedAt")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function jobsUpdatedFrom(db: Store, from: Timestamp, limit: number): Promise<UpdatedJob[]> {
  const rows = await db
    .selectFrom("jobs")
    .select(["id", "kind", "action", "status", "total", "done", "failed", "cancelRequested", "updatedAt"])
    .where("updatedAt", ">=", from)
    .orderBy("updatedAt")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...row,
    total: Number(row.total),
    done: Number(row.done),
    failed: Number(row.failed),
    cancelRequested: Number(row.cancelRequested) === 1,
  }));
}
