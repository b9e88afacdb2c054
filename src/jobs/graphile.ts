import { randomUUID } from "node:crypto";
import {
  type AddJobFunction,
  Logger,
  makeWorkerUtils,
  run,
  type Task,
  type WorkerUtils,
} from "graphile-worker";
import { GraphUsage } from "../connections/graph-usage.js";
import type { ClientOptions } from "../connections/stored-clients.js";
import { StoredClients } from "../connections/stored-clients.js";
import type { Side } from "../core/event.js";
import type { RunReport } from "../engine/run-profile.js";
import type { SecretBox } from "../secrets/secret-box.js";
import type { Store } from "../store/database.js";
import type { RunReason } from "./debounced-runs.js";
import {
  DEFAULT_SERVICE_LEASE_MS,
  type NotRun,
  type RunObserver,
  runStoredProfile,
  STOPPING,
} from "./profile-runner.js";
import { mergeRunJobs, RUN_TASK, type RunJob, runJob, runJobKey } from "./run-job.js";
import type { ExternalRuns, ServiceLog } from "./service.js";
import { ABORT_GRACE_MS, DEFAULT_STOP_MS, settlesWithin } from "./stop-bound.js";

/**
 * PostgreSQL mode: runs of profiles are graphile-worker jobs, taken by any number of `crosscal worker`
 * processes (and serve's own worker). Runs of one profile are serialized by the store's lease, not by
 * graphile's named queues: a worker killed with SIGKILL keeps its queue locked for hours (until graphile
 * resets stale locks), whereas a lease expires after `leaseMs`.
 */

/** How often a worker adds its Graph request counts to the store (for the overview). */
const GRAPH_USAGE_MS = 15_000;

/** A job whose profile another worker is running comes back this much later. */
const LEASE_RETRY_MS = 1_000;
/**
 * A run that threw (the store or Graph unreachable) is tried again by graphile with its backoff (about 3 s,
 * then 7 s); after that the periodic reconcile takes over. The failure is recorded in the run and the
 * profile's status each time.
 */
const MAX_ATTEMPTS = 3;

/**
 * Adds (or merges into) a profile's waiting job. `preserve_run_at`: a job waiting under the key keeps its
 * time when more requests join it, so a steady stream of notifications can never postpone the run (with
 * `replace`, each one would set the time again); a job already running gets a new job behind it, as
 * graphile-worker does for any key whose job is locked.
 */
function addRunJob(addJob: AddJobFunction, job: RunJob, runAt?: Date) {
  return addJob(RUN_TASK, [job], {
    jobKey: runJobKey(job.profileId, job.sides),
    jobKeyMode: "preserve_run_at",
    maxAttempts: MAX_ATTEMPTS,
    ...(runAt && { runAt }),
  });
}

/** graphile-worker's messages in the service's log (its debug chatter left out). */
export function graphileLogger(log: ServiceLog): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const detail = { ...scope, ...(meta?.error !== undefined && { err: meta.error }) };
    if (level === "error") log.error(detail, message);
    else if (level === "warning") log.warn(detail, message);
    else if (level === "info") log.info(detail, message);
  });
}

/** Hands runs to the workers: one job per profile and set of mailboxes, bursts collapsed. */
export class GraphileRuns implements ExternalRuns {
  private constructor(private readonly utils: WorkerUtils) {}

  /** Connects and brings graphile-worker's schema up to date (once, before any job is added). */
  static async open(options: { connectionString: string; log: ServiceLog }): Promise<GraphileRuns> {
    const utils = await makeWorkerUtils({
      connectionString: options.connectionString,
      logger: graphileLogger(options.log),
    });
    try {
      await utils.migrate();
    } catch (error) {
      await utils.release();
      throw new Error(`graphile-worker's schema could not be migrated: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return new GraphileRuns(utils);
  }

  async enqueue(profileId: string, sides: Side[], why: RunReason): Promise<void> {
    await addRunJob(this.utils.addJob, runJob(profileId, sides, why));
  }

  async release(): Promise<void> {
    await this.utils.release();
  }
}

export interface WorkerOptions {
  connectionString: string;
  db: Store;
  secrets: SecretBox;
  /** Profiles run at once in this process (default 4). */
  concurrency?: number;
  /** See DEFAULT_SERVICE_LEASE_MS; shorter means a killed worker's profiles wait less, more renewals. */
  leaseMs?: number;
  /** This process's id: its runs hold leases as `<owner>#<n>`. */
  owner: string;
  observer?: RunObserver;
  log: ServiceLog;
  clientOptions?: ClientOptions;
  /** How often graphile looks for jobs due later (lease retries); new jobs arrive by LISTEN at once. */
  pollIntervalMs?: number;
  /** On stop, how long the runs in flight may take before they are told to stop (DEFAULT_STOP_MS). */
  stopTimeoutMs?: number;
}

export interface RunWorker {
  /**
   * Takes no new job, lets the running ones finish within the stop bound, then stops them at their next
   * step (their jobs are queued again for another worker) and resolves.
   */
  stop(): Promise<void>;
  /** Settles when the worker stopped (or failed). */
  done: Promise<void>;
}

const heldElsewhere = (result: RunReport | NotRun) => "outcome" in result && result.outcome === "skipped";
/** A run this worker stopped at shutdown: its job goes back to the queue at once, for another worker. */
const stoppedEarly = (result: RunReport | NotRun) =>
  ("stopped" in result && result.stopped === true) || ("skipped" in result && result.skipped === STOPPING);

/** A graphile-worker runner whose `run-profile` task runs stored profiles. */
export async function startWorker(options: WorkerOptions): Promise<RunWorker> {
  const { db, leaseMs = DEFAULT_SERVICE_LEASE_MS, observer, stopTimeoutMs = DEFAULT_STOP_MS } = options;
  const usage = new GraphUsage(db);
  const clients = new StoredClients(db, options.secrets, {
    ...options.clientOptions,
    onConnectionEvent: usage.count,
  });
  const flushUsage = () =>
    usage.flush().catch((error) => options.log.warn({ err: error }, "recording Graph request counts failed"));
  const flushing = setInterval(flushUsage, GRAPH_USAGE_MS);
  flushing.unref();
  let runs = 0;
  const task: Task = async (payload, helpers) => {
    const job = mergeRunJobs(payload);
    // One owner per run: two jobs of one profile (different mailboxes) in this process must not share a
    // lease, since the lease lets its owner in again.
    const owner = `${options.owner}#${++runs}`;
    // graphile aborts the signal `stopTimeoutMs` after its graceful shutdown began.
    const stop = helpers.abortSignal;
    const result = await runStoredProfile(
      { db, clients, owner, leaseMs, stop, ...(observer && { observer }) },
      job.profileId,
      { sides: job.sides, trigger: job.trigger, confirmed: job.confirmed, since: job.since },
    );
    // Another worker holds the profile: run later rather than lose the change (throwing would mean
    // graphile's exponential backoff, and a failure count for what is no failure).
    if (heldElsewhere(result)) await addRunJob(helpers.addJob, job, new Date(Date.now() + LEASE_RETRY_MS));
    if (stoppedEarly(result)) await addRunJob(helpers.addJob, job);
  };
  const runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? 4,
    noHandleSignals: true,
    gracefulShutdownAbortTimeout: stopTimeoutMs,
    pollInterval: options.pollIntervalMs ?? 1_000,
    logger: graphileLogger(options.log),
    taskList: { [RUN_TASK]: task },
  });
  return {
    stop: async () => {
      if (!(await settlesWithin(runner.stop(), stopTimeoutMs + ABORT_GRACE_MS)))
        options.log.warn({}, "runs did not stop in time: their profiles' leases lapse by themselves");
      clearInterval(flushing);
      await flushUsage();
    },
    done: runner.promise,
  };
}

/** What `crosscal serve` runs in PostgreSQL mode: its runs become jobs, and its own worker takes some. */
export interface ServeQueue {
  runs: GraphileRuns;
  /** Starts serve's worker, unless it was opened with `worker: false`. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function openServeQueue(
  options: Omit<WorkerOptions, "owner"> & { worker: boolean },
): Promise<ServeQueue> {
  const runs = await GraphileRuns.open(options);
  let worker: RunWorker | undefined;
  return {
    runs,
    start: async () => {
      if (options.worker) worker = await startWorker({ ...options, owner: `serve-${randomUUID()}` });
    },
    stop: async () => {
      await worker?.stop();
      await runs.release();
    },
  };
}
