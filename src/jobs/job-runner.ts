import type { ProfileAction, ProfileActionOptions, ProfileActions } from "../profiles/profile-actions.js";
import type { AuditActor } from "../store/admin-audit.js";
import type { Store } from "../store/database.js";
import {
  claimJob,
  isJobCancelRequested,
  type Job,
  type JobFailure,
  recordJobProgress,
  releaseJob,
  renewJobLease,
} from "../store/jobs.js";
import {
  type JobDeps,
  type ProfileActionJobInput,
  queueApplySyncJob,
  queueProfileActionJob,
} from "./background-jobs.js";
import type { RunRequester } from "./service-types.js";

export interface JobRunnerLog {
  warn(detail: object, message: string): void;
  error(detail: object, message: string): void;
}

export interface JobRunnerOptions {
  db: Store;
  actions: ProfileActions;
  runs: RunRequester;
  log: JobRunnerLog;
  now: () => Date;
  /** This process's name in the jobs' leases. */
  owner: string;
  /** Profiles acted on per batch; progress is recorded and cancellation checked after each (default 25). */
  batchSize?: number;
  /** Runs a sync's apply-now job asks for per second (default 5): Graph and the workers are not flooded. */
  runsPerSecond?: number;
  /** How long a job stays this process's unless renewed (every third of it while it is worked on). */
  leaseMs?: number;
  /** How often the runner looks for jobs by itself: another process's, or one whose process died. */
  pollMs?: number;
  /** Jobs worked on at once in this process (default 2). */
  concurrency?: number;
  /** Waits between batches (tests hold a job between two batches with it). */
  sleep?: (ms: number) => Promise<void>;
}

/** The first failures a job keeps (with ids and reasons); `failed` counts them all. */
export const FAILURES_KEPT = 100;
const DEFAULT_LEASE_MS = 60_000;

/** What one batch did: how many profiles failed and why. */
interface BatchOutcome {
  failures: JobFailure[];
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Works through the background jobs (src/jobs/background-jobs.ts) of this serve process: takes a queued job
 * (or one whose process stopped: its lease ran out) and acts on its profiles in batches through the same
 * profile actions as the API, recording progress after each batch in one update and checking for a cancel
 * before the next. Stopping gives the job back as it stands; the next runner to look resumes it after the
 * profiles recorded as done. Between a batch's actions and its progress update a crash would repeat that
 * batch: actions refuse what no longer applies (a paused profile is not paused again), so a repeat is
 * recorded as refusals, never as a second effect.
 */
export class JobRunner {
  private readonly running = new Map<string, Promise<void>>();
  private filling: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly leaseMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: JobRunnerOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.sleep = options.sleep ?? sleepFor;
  }

  /** Looks for jobs now (those a stopped process left running are resumed) and every `pollMs`. */
  start(): void {
    this.stopped = false;
    this.wake();
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 5_000);
    this.timer.unref();
  }

  /** Looks for jobs at once (a job was just queued). */
  wake(): void {
    if (this.stopped || this.filling) return;
    this.filling = this.fill()
      .catch((error) => this.options.log.error({ err: error }, "looking for background jobs failed"))
      .finally(() => {
        this.filling = undefined;
      });
  }

  /** Queues an action on a selection of profiles and starts it. */
  queueProfileAction(input: ProfileActionJobInput, actor: AuditActor): Promise<Job> {
    return queueProfileActionJob(this.deps(), input, actor);
  }

  /** Queues the runs of a sync's active profiles and starts asking for them. */
  queueApplySync(syncId: string, actor: AuditActor): Promise<Job> {
    return queueApplySyncJob(this.deps(), syncId, actor);
  }

  /** Takes no new job; the jobs in progress stop after their current batch and are given back. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.filling;
    await Promise.all(this.running.values());
  }

  private deps(): JobDeps {
    return { db: this.options.db, now: this.options.now, wake: () => this.wake() };
  }

  private async fill(): Promise<void> {
    const { db, owner, now } = this.options;
    while (!this.stopped && this.running.size < (this.options.concurrency ?? 2)) {
      const job = await claimJob(db, { owner, leaseMs: this.leaseMs }, now());
      // None, or one this process already works on (its lease renewal failed for a while).
      if (!job || this.running.has(job.id)) return;
      const work = this.work(job)
        .catch((error) => this.options.log.error({ err: error, job: job.id }, "background job failed"))
        .finally(() => {
          this.running.delete(job.id);
          this.wake();
        });
      this.running.set(job.id, work);
    }
  }

  private async work(job: Job): Promise<void> {
    const { db, owner, now } = this.options;
    const lease = { lost: false };
    const renewal = setInterval(() => {
      renewJobLease(db, { id: job.id, owner, leaseMs: this.leaseMs }, now()).then(
        (held) => {
          if (!held) lease.lost = true;
        },
        (error: unknown) =>
          this.options.log.warn({ err: error, job: job.id }, "renewing a job's lease failed"),
      );
    }, this.leaseMs / 3);
    renewal.unref();
    const progress = { done: job.done, failed: job.failed, failures: [...job.failures] };
    const record = (status: "running" | "done" | "cancelled" | "failed", error?: string) =>
      recordJobProgress(db, { id: job.id, owner, ...progress, status, error: error ?? null }, now());
    try {
      const { size, pauseMs } = this.pace(job);
      for (;;) {
        // Defensive: a running job always has profiles left, as its last batch is recorded with its end.
        if (progress.done >= job.profileIds.length) return void (await record("done"));
        if (this.stopped || lease.lost) return await releaseJob(db, job.id, owner);
        if (await isJobCancelRequested(db, job.id)) return void (await record("cancelled"));
        const batch = job.profileIds.slice(progress.done, progress.done + size);
        const outcome = await this.batch(job, batch);
        progress.done += batch.length;
        progress.failed += outcome.failures.length;
        const room = FAILURES_KEPT - progress.failures.length;
        progress.failures.push(...outcome.failures.slice(0, Math.max(0, room)));
        const last = progress.done >= job.profileIds.length;
        // Not recorded: another process took the job over.
        if (!(await record(last ? "done" : "running")) || last) return;
        await this.sleep(pauseMs);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await record("failed", message);
      throw error;
    } finally {
      clearInterval(renewal);
    }
  }

  /** Batches of a profile action follow each other at once; a sync's runs are asked for each second. */
  private pace(job: Job): { size: number; pauseMs: number } {
    if (job.kind === "apply_sync") return { size: this.options.runsPerSecond ?? 5, pauseMs: 1_000 };
    return { size: this.options.batchSize ?? 25, pauseMs: 0 };
  }

  private async batch(job: Job, ids: string[]): Promise<BatchOutcome> {
    if (job.kind === "apply_sync") {
      await this.options.runs.requestRuns(ids, "apply-now");
      return { failures: [] };
    }
    const { mode, reason } = job.parameters as Pick<ProfileActionOptions, "mode" | "reason">;
    const options: ProfileActionOptions = {
      actor: job.createdBy,
      ...(mode && { mode }),
      ...(reason !== undefined && { reason }),
    };
    const results = await this.options.actions.apply(job.action as ProfileAction, ids, options);
    return {
      failures: results
        .filter((result) => !result.ok)
        .map((result) => ({
          id: result.id,
          code: result.error?.code ?? "internal_error",
          message: result.error?.message ?? "failed",
        })),
    };
  }
}
