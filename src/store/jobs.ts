import type { Store } from "./database.js";
import type { JobKind, JobRow, JobStatus } from "./schema.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/**
 * The admin's background jobs (migration 010): a bulk action on profiles, or a sync's runs after its settings
 * changed. Not graphile-worker's run jobs: these are processed by a serve process in batches, the row holding
 * everything needed to resume (the profile ids, how many are done), so the truth stays in the database. A
 * process works on a job only while it holds the job's lease (owner, lease_expires_at); every write of the
 * worker's names the owner, so a process that lost its lease changes nothing.
 */

/** One profile the job could not act on: its id, a stable code and a message for people. */
export interface JobFailure {
  id: string;
  code: string;
  message: string;
}

export interface Job extends Omit<JobRow, "profileIds" | "failures" | "cancelRequested" | "parameters"> {
  parameters: Record<string, unknown>;
  profileIds: string[];
  failures: JobFailure[];
  cancelRequested: boolean;
}

export interface NewJob {
  id: string;
  kind: JobKind;
  action: string;
  parameters: Record<string, unknown>;
  profileIds: readonly string[];
  createdBy: string;
}

/** Statuses in which a job still has work to do. */
export const UNFINISHED: readonly JobStatus[] = ["queued", "running"];

/** What a list of jobs shows: everything but the profile ids and failures, which can be long. */
export type JobSummary = Omit<Job, "profileIds" | "failures">;

const toSummary = (row: Omit<JobRow, "profileIds" | "failures">): JobSummary => ({
  ...row,
  parameters: JSON.parse(row.parameters) as Record<string, unknown>,
  cancelRequested: Number(row.cancelRequested) === 1,
  total: Number(row.total),
  done: Number(row.done),
  failed: Number(row.failed),
});

function toJob(row: JobRow): Job {
  const { profileIds, failures, ...summary } = row;
  return {
    ...toSummary(summary),
    profileIds: JSON.parse(profileIds) as string[],
    failures: JSON.parse(failures) as JobFailure[],
  };
}

/** A new job, queued; one with nothing to do is done at once. */
export async function insertJob(db: Store, job: NewJob, now: Instant): Promise<Job> {
  const at = toTimestamp(now);
  const empty = job.profileIds.length === 0;
  const row = await db
    .insertInto("jobs")
    .values({
      id: job.id,
      kind: job.kind,
      action: job.action,
      parameters: JSON.stringify(job.parameters),
      profileIds: JSON.stringify(job.profileIds),
      total: job.profileIds.length,
      status: empty ? "done" : "queued",
      error: null,
      owner: null,
      leaseExpiresAt: null,
      createdBy: job.createdBy,
      createdAt: at,
      startedAt: null,
      finishedAt: empty ? at : null,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toJob(row);
}

export async function findJob(db: Store, id: string): Promise<Job | undefined> {
  const row = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toJob(row);
}

/** Jobs newest first, optionally in some statuses. */
export async function listJobs(
  db: Store,
  filter: { statuses?: readonly JobStatus[]; limit: number },
): Promise<JobSummary[]> {
  let query = db
    .selectFrom("jobs")
    .select([
      "id",
      "kind",
      "action",
      "parameters",
      "total",
      "done",
      "failed",
      "status",
      "error",
      "cancelRequested",
      "owner",
      "leaseExpiresAt",
      "createdBy",
      "createdAt",
      "startedAt",
      "finishedAt",
      "updatedAt",
    ]);
  if (filter.statuses !== undefined) query = query.where("status", "in", [...filter.statuses]);
  const rows = await query.orderBy("createdAt", "desc").orderBy("id", "desc").limit(filter.limit).execute();
  return rows.map(toSummary);
}

/**
 * Takes the oldest job that needs a worker: a queued one, or a running one whose lease ran out (its process
 * stopped or died), and holds it for `leaseMs`. Undefined when there is none (or another process took it
 * first: the condition is checked again on the row the update locks).
 */
export async function claimJob(
  db: Store,
  claim: { owner: string; leaseMs: number },
  now: Instant,
): Promise<Job | undefined> {
  const at = toTimestamp(now);
  const expires = toTimestamp(new Date(new Date(at).getTime() + claim.leaseMs));
  const row = await db
    .updateTable("jobs")
    .set((eb) => ({
      status: "running",
      owner: claim.owner,
      leaseExpiresAt: expires,
      startedAt: eb.fn.coalesce("startedAt", eb.val(at)),
      updatedAt: at,
    }))
    .where((eb) =>
      eb.and([
        eb(
          "id",
          "=",
          eb
            .selectFrom("jobs as next")
            .select("next.id")
            .where((inner) => needsWorker(inner, "next", at))
            .orderBy("next.createdAt")
            .orderBy("next.id")
            .limit(1),
        ),
        needsWorker(eb, "jobs", at),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
  return row && toJob(row);
}

// biome-ignore lint/suspicious/noExplicitAny: the same condition on the table and on its alias
function needsWorker(eb: any, table: "jobs" | "next", at: string) {
  const column = (name: string) => eb.ref(`${table}.${name}`);
  return eb.or([
    eb(column("status"), "=", "queued"),
    eb.and([
      eb(column("status"), "=", "running"),
      eb.or([eb(column("leaseExpiresAt"), "is", null), eb(column("leaseExpiresAt"), "<", at)]),
    ]),
  ]);
}

/** Extends the lease of a job this owner holds. False when it holds it no more. */
export async function renewJobLease(
  db: Store,
  lease: { id: string; owner: string; leaseMs: number },
  now: Instant,
): Promise<boolean> {
  const expires = toTimestamp(new Date(new Date(toTimestamp(now)).getTime() + lease.leaseMs));
  const result = await db
    .updateTable("jobs")
    .set({ leaseExpiresAt: expires })
    .where("id", "=", lease.id)
    .where("owner", "=", lease.owner)
    .where("status", "=", "running")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Whether someone asked to cancel the job. */
export async function isJobCancelRequested(db: Store, id: string): Promise<boolean> {
  const row = await db.selectFrom("jobs").select("cancelRequested").where("id", "=", id).executeTakeFirst();
  return Number(row?.cancelRequested ?? 0) === 1;
}

export interface JobProgress {
  id: string;
  owner: string;
  done: number;
  failed: number;
  failures: readonly JobFailure[];
  /** running while profiles remain; done, cancelled or failed ends the job and gives its lease back. */
  status: JobStatus;
  error?: string | null;
}

/**
 * Records a batch's progress (and, with a final status, the end of the job) in one update. False when the
 * owner no longer holds the job: another process took it over, and this one must stop.
 */
export async function recordJobProgress(db: Store, progress: JobProgress, now: Instant): Promise<boolean> {
  const at = toTimestamp(now);
  const finished = progress.status !== "running";
  const result = await db
    .updateTable("jobs")
    .set({
      done: progress.done,
      failed: progress.failed,
      failures: JSON.stringify(progress.failures),
      status: progress.status,
      error: progress.error ?? null,
      updatedAt: at,
      ...(finished && { finishedAt: at, owner: null, leaseExpiresAt: null }),
    })
    .where("id", "=", progress.id)
    .where("owner", "=", progress.owner)
    .where("status", "=", "running")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives a running job back (this process stops): another process, or this one's next start, resumes it. */
export async function releaseJob(db: Store, id: string, owner: string): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ owner: null, leaseExpiresAt: null })
    .where("id", "=", id)
    .where("owner", "=", owner)
    .where("status", "=", "running")
    .execute();
}

/**
 * Asks a job to stop: a queued one is cancelled at once, a running one stops after the batch in progress.
 * Undefined when no unfinished job has this id.
 */
export async function requestJobCancel(db: Store, id: string, now: Instant): Promise<Job | undefined> {
  const at = toTimestamp(now);
  const row = await db
    .updateTable("jobs")
    .set((eb) => ({
      cancelRequested: 1,
      status: eb
        .case()
        .when("status", "=", "queued")
        .then(eb.val<JobStatus>("cancelled"))
        .else(eb.ref("status"))
        .end(),
      finishedAt: eb.case().when("status", "=", "queued").then(at).else(eb.ref("finishedAt")).end(),
      updatedAt: at,
    }))
    .where("id", "=", id)
    .where("status", "in", [...UNFINISHED])
    .returningAll()
    .executeTakeFirst();
  return row && toJob(row);
}
