import { randomUUID } from "node:crypto";
import { requireSync } from "../profiles/find-profile.js";
import type { ProfileAction } from "../profiles/profile-actions.js";
import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import { type Store, transaction } from "../store/database.js";
import {
  findJob,
  insertJob,
  type Job,
  type JobSummary,
  listJobs,
  type NewJob,
  requestJobCancel,
} from "../store/jobs.js";
import { type ProfileSelection, profileIdsMatching } from "../store/profile-views.js";
import type { JobStatus, StartMode } from "../store/schema.js";

/**
 * The admin's background jobs: an action on a selection of profiles too large for one request (ids, or
 * everything a filter of the profile list matches), and the runs of a sync's active profiles after its
 * settings changed. Queued here with their audit entry; a serve process works through them in batches
 * (src/jobs/job-runner.ts); cancelled here.
 */

/** Why a job request was refused; `code` is the stable word clients branch on. */
export class JobRefusal extends Error {
  override readonly name = "JobRefusal";

  constructor(
    readonly kind: "invalid" | "not_found" | "conflict" | "too_large",
    readonly code: string,
    message: string,
    /** The field of the request body at fault. */
    readonly at?: string,
  ) {
    super(message);
  }
}

/** The most profiles one job takes (its ids are kept in its row). */
export const MAX_JOB_PROFILES = 50_000;

export interface JobDeps {
  db: Store;
  now: () => Date;
  /** Tells the runner of this process there is work (it also looks by itself every few seconds). */
  wake?: () => void;
}

/** The filter of the profile list, any sync's profiles when `sync` (an id) is absent. */
export type JobFilter = ProfileSelection;

export interface ProfileActionJobInput {
  action: ProfileAction;
  /** Exactly one of ids and filter. */
  ids?: readonly string[];
  filter?: JobFilter;
  mode?: StartMode;
  reason?: string;
}

/** What a profile action job was asked besides its profiles: kept in the row's parameters. */
export interface ProfileActionParameters {
  filter?: JobFilter;
  mode?: StartMode;
  reason?: string;
}

const distinct = (ids: readonly string[]) => [...new Set(ids)];

async function selectedIds(db: Store, input: ProfileActionJobInput): Promise<string[]> {
  if ((input.ids === undefined) === (input.filter === undefined))
    throw new JobRefusal("invalid", "invalid_request", "give exactly one of ids and filter", "body");
  if (input.ids) return distinct(input.ids);
  const filter = input.filter!;
  if (filter.sync !== undefined) await requireSync(db, filter.sync);
  const ids = await profileIdsMatching(db, filter, MAX_JOB_PROFILES + 1);
  if (ids.length > MAX_JOB_PROFILES)
    throw new JobRefusal(
      "too_large",
      "selection_too_large",
      `the filter matches more than ${MAX_JOB_PROFILES} profiles: narrow it (by sync or status)`,
      "body/filter",
    );
  return ids;
}

async function queue(deps: JobDeps, job: Omit<NewJob, "id">, actor: AuditActor): Promise<Job> {
  const created = await transaction(deps.db, async (trx) => {
    const row = await insertJob(trx, { ...job, id: randomUUID() }, deps.now());
    const detail = {
      job: row.id,
      kind: row.kind,
      action: row.action,
      total: row.total,
      ...row.parameters,
      profiles: row.profileIds.slice(0, 100),
    };
    await recordAudit(trx, { action: "job_created", ...actor, detail }, deps.now());
    return row;
  });
  deps.wake?.();
  return created;
}

/**
 * Queues an action on a selection: the ids given (repeats dropped), or the profiles a filter matches now
 * (the job takes exactly those, whatever changes later). Refused: neither or both, an unknown sync, a filter
 * matching more than MAX_JOB_PROFILES.
 */
export async function queueProfileActionJob(
  deps: JobDeps,
  input: ProfileActionJobInput,
  actor: AuditActor,
): Promise<Job> {
  const profileIds = await selectedIds(deps.db, input);
  const parameters: ProfileActionParameters = {
    ...(input.filter && { filter: input.filter }),
    ...(input.mode && { mode: input.mode }),
    ...(input.reason !== undefined && { reason: input.reason }),
  };
  return queue(
    deps,
    {
      kind: "profile_action",
      action: input.action,
      parameters: { ...parameters },
      profileIds,
      createdBy: actor.actor,
    },
    actor,
  );
}

/**
 * Queues a run of every active profile of a sync, so that its copies follow the sync's changed settings
 * now rather than at each profile's next run. The runner asks for the runs at a steady pace.
 */
export async function queueApplySyncJob(deps: JobDeps, syncId: string, actor: AuditActor): Promise<Job> {
  const sync = await requireSync(deps.db, syncId);
  const profileIds = await profileIdsMatching(
    deps.db,
    { sync: sync.id, status: "active" },
    Number.MAX_SAFE_INTEGER,
  );
  const parameters = { sync: sync.id, syncName: sync.name };
  return queue(
    deps,
    { kind: "apply_sync", action: "run", parameters, profileIds, createdBy: actor.actor },
    actor,
  );
}

export async function requireJob(db: Store, id: string): Promise<Job> {
  const job = await findJob(db, id);
  if (!job) throw new JobRefusal("not_found", "job_not_found", `no job with id ${id}`);
  return job;
}

export async function listJobSummaries(
  db: Store,
  filter: { status?: JobStatus; limit: number },
): Promise<JobSummary[]> {
  return listJobs(db, { ...(filter.status && { statuses: [filter.status] }), limit: filter.limit });
}

/**
 * Cancels a job: a queued one at once; a running one stops after the batch in progress (the profiles done
 * stay done, the others are left as they are). Refused for a job that already ended.
 */
export async function cancelJob(deps: JobDeps, id: string, actor: AuditActor): Promise<Job> {
  return transaction(deps.db, async (trx) => {
    const job = await requestJobCancel(trx, id, deps.now());
    if (!job) {
      const ended = await requireJob(trx, id);
      throw new JobRefusal("conflict", "job_finished", `job ${id} has already ended (${ended.status})`);
    }
    const detail = { job: id, kind: job.kind, action: job.action, done: job.done, total: job.total };
    await recordAudit(trx, { action: "job_cancelled", ...actor, detail }, deps.now());
    return job;
  });
}
