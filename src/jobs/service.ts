import { randomUUID } from "node:crypto";
import { GraphUsage } from "../connections/graph-usage.js";
import type { ClientOptions } from "../connections/stored-clients.js";
import { StoredClients } from "../connections/stored-clients.js";
import type { Side } from "../core/event.js";
import type { RunReport } from "../engine/run-profile.js";
import { MailboxLimiter } from "../graph/mailbox-limiter.js";
import type { WebhookBatch } from "../notifications/webhooks.js";
import { refreshDueBindings } from "../profiles/group-refresh.js";
import type { SecretBox } from "../secrets/secret-box.js";
import type { Store } from "../store/database.js";
import { profilesOfMailbox, runnableProfileIds } from "../store/watched.js";
import { DebouncedRuns, type RunReason } from "./debounced-runs.js";
import { JobRunner, type JobRunnerOptions } from "./job-runner.js";
import { StoredProfileActions, type VerifyProfile } from "./profile-actions.js";
import {
  DEFAULT_SERVICE_LEASE_MS,
  type NotRun,
  type RunObserver,
  runStoredProfile,
} from "./profile-runner.js";
import { type Pruned, pruneHistory, type Retention } from "./retention.js";
import { type PeriodicTask, Scheduler } from "./scheduler.js";
import type { RunRequester, ServiceHooks } from "./service-types.js";
import { ABORT_GRACE_MS, DEFAULT_STOP_MS, settlesWithin } from "./stop-bound.js";
import { keepSubscriptions, lifecycleUpkeep, type UpkeepDeps } from "./subscription-upkeep.js";
import { profileVerifier } from "./verify-profile.js";

/** Where the service reports what went wrong in the background (pino's logger fits). */
export interface ServiceLog {
  info(detail: object, message: string): void;
  warn(detail: object, message: string): void;
  error(detail: object, message: string): void;
}

/** Runs executed elsewhere (graphile-worker in PostgreSQL mode) instead of in this process. */
export interface ExternalRuns {
  enqueue(profileId: string, sides: Side[], why: RunReason): Promise<void>;
}

export interface ServiceOptions {
  db: Store;
  secrets: SecretBox;
  publicUrl?: string;
  log: ServiceLog;
  now?: () => Date;
  observer?: RunObserver;
  clientOptions?: ClientOptions;
  /** Profiles run at once in this process (in-process mode). */
  concurrency?: number;
  debounceMs?: number;
  leaseMs?: number;
  /** How often every runnable profile is reconciled (both mailboxes read), whatever the notifications. */
  reconcileMs?: number;
  /** How often subscriptions are brought in line (created, renewed a day before they lapse, deleted). */
  subscriptionsMs?: number;
  /** More periodic work (group bindings, connection re-checks), scheduled with the rest. */
  tasks?: (service: CrosscalService) => PeriodicTask[];
  verify?: VerifyProfile;
  /** PostgreSQL mode: runs go to the workers. */
  external?: ExternalRuns;
  /** Background jobs' pace and batches (tests shorten or hold them). */
  jobs?: Partial<Pick<JobRunnerOptions, "batchSize" | "runsPerSecond" | "leaseMs" | "pollMs" | "sleep">>;
  /** How often this process's Graph request counts are added to the store (default 15 s). */
  graphUsageMs?: number;
  /** History kept; older runs, decisions and audit entries are deleted every hour. None: all kept. */
  retention?: Retention;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LEASE_RETRY_MS = 1_000;

/**
 * The running service: Graph clients for the stored connections, the admin's profile actions, runs on
 * request and from webhooks (debounced per profile, echoes dropped), subscriptions kept in line, and the
 * periodic reconcile that makes good whatever notifications missed. In SQLite mode runs happen in this
 * process, a few profiles at a time; in PostgreSQL mode they are handed to the workers.
 */
export class CrosscalService implements RunRequester {
  readonly clients: StoredClients;
  readonly hooks: ServiceHooks;
  private readonly debounced: DebouncedRuns;
  private readonly slots: MailboxLimiter;
  private readonly scheduler: Scheduler;
  private readonly owner = `serve-${randomUUID()}`;
  private readonly now: () => Date;
  private readonly usage: GraphUsage;
  private readonly jobs: JobRunner;
  private lastNotification: Date | null = null;
  private stopped = false;
  /** Aborted when the runs in flight outlast the stop bound: they stop at their next step. */
  private readonly halt = new AbortController();
  /** Runs asked for again after a busy lease: cleared on stop, so none fires into a closed store. */
  private readonly retries = new Set<NodeJS.Timeout>();

  constructor(private readonly options: ServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.usage = new GraphUsage(options.db, this.now);
    this.clients = new StoredClients(options.db, options.secrets, {
      ...options.clientOptions,
      onConnectionEvent: this.usage.count,
    });
    // One key, `concurrency` slots: the limiter's FIFO queue is exactly a pool of profile runs.
    this.slots = new MailboxLimiter(options.concurrency ?? 8);
    this.debounced = new DebouncedRuns({
      db: options.db,
      profilesOf: (connection, mailbox) => profilesOfMailbox(options.db, connection, mailbox),
      run: (profileId, sides, why) => this.execute(profileId, sides, why),
      upkeep: (work) => lifecycleUpkeep(this.upkeepDeps(), work),
      ...(options.debounceMs !== undefined && { debounceMs: options.debounceMs }),
      onError: (error) => options.log.error({ err: error }, "webhook work failed"),
    });
    this.scheduler = new Scheduler((task, error) =>
      options.log.error({ err: error, task }, `${task} failed`),
    );
    const actions = new StoredProfileActions({
      db: options.db,
      clients: this.clients,
      runs: this,
      keepSubscriptions: () => this.keepSubscriptions(),
      verify: options.verify ?? profileVerifier(options.db, this.clients, this.now),
      now: this.now,
    });
    this.jobs = new JobRunner({
      db: options.db,
      actions,
      runs: this,
      log: options.log,
      now: this.now,
      owner: this.owner,
      ...options.jobs,
    });
    this.hooks = {
      clients: this.clients,
      actions,
      jobs: this.jobs,
      activity: {
        lastNotificationAt: () => this.lastNotification,
        flushGraphUsage: () => this.usage.flush(),
      },
      requestRuns: (ids, trigger, sides, runOptions) => this.requestRuns(ids, trigger, sides, runOptions),
      accept: (batch) => this.accept(batch),
    };
  }

  /** Starts the periodic work: reconcile, subscriptions, and the tasks given in the options. */
  start(): void {
    this.scheduler.start([
      {
        name: "subscriptions",
        everyMs: this.options.subscriptionsMs ?? 10 * MINUTE,
        run: () => this.keepSubscriptions(),
      },
      { name: "reconcile", everyMs: this.options.reconcileMs ?? 15 * MINUTE, run: () => this.reconcileAll() },
      { name: "group bindings", everyMs: MINUTE, run: () => this.refreshGroups() },
      { name: "graph usage", everyMs: this.options.graphUsageMs ?? 15_000, run: () => this.usage.flush() },
      ...this.retentionTask(),
      ...(this.options.tasks?.(this) ?? []),
    ]);
    this.jobs.start();
  }

  /** What a webhook POST carried (already acknowledged to Graph). */
  accept(batch: WebhookBatch): Promise<void> {
    if (batch.accepted > 0) this.lastNotification = this.now();
    return this.debounced.accept(batch);
  }

  async requestRuns(
    profileIds: readonly string[],
    trigger: string,
    sides: Side[] = ["A", "B"],
    options: { confirmed?: boolean } = {},
  ): Promise<void> {
    for (const id of profileIds) this.debounced.request(id, sides, trigger, options.confirmed ?? false);
  }

  async reconcileAll(): Promise<void> {
    await this.requestRuns(await runnableProfileIds(this.options.db), "reconcile");
  }

  async keepSubscriptions(): Promise<void> {
    const report = await keepSubscriptions(this.upkeepDeps());
    for (const failure of report.failed) {
      const { action, connection, mailbox, error } = failure;
      this.options.log.warn({ err: error, connection, mailbox }, `subscription ${action} failed`);
    }
  }

  /** Refreshes the group bindings that are due; one binding's failure is logged and stored on it. */
  async refreshGroups(): Promise<void> {
    const deps = { db: this.options.db, clients: this.clients, actions: this.hooks.actions };
    for (const outcome of await refreshDueBindings(deps, this.now())) {
      if (!outcome.ok)
        this.options.log.warn(
          { err: outcome.error, binding: outcome.bindingId },
          "group binding refresh failed",
        );
    }
  }

  /** Deletes the history older than the retention; says in the log what it deleted. */
  async pruneHistory(retention: Retention): Promise<Pruned> {
    const pruned = await pruneHistory(this.options.db, retention, this.now());
    if (pruned.runs + pruned.auditEntries > 0) this.options.log.info(pruned, "history pruned");
    return pruned;
  }

  /** Resolves once no run is waiting or running in this process. */
  idle(): Promise<void> {
    return this.debounced.idle();
  }

  /**
   * Stops the service: no task, job or run starts any more (runs still waiting for their quiet time are
   * dropped: the store holds what they would have read, and the next start's reconcile runs every profile),
   * and the runs in flight get `boundMs` to finish. Those still going are then told to stop at their next
   * step (each has committed what it did, moves no cursor, and gives its lease back) and waited for
   * ABORT_GRACE_MS more; after that their leases lapse by themselves.
   */
  async stop(boundMs = DEFAULT_STOP_MS): Promise<void> {
    this.stopped = true;
    for (const retry of this.retries) clearTimeout(retry);
    this.retries.clear();
    const draining = Promise.all([this.jobs.stop(), this.scheduler.stop(), this.debounced.close()]);
    if (!(await settlesWithin(draining, boundMs))) {
      this.options.log.warn(
        { boundMs },
        "runs still going at the stop bound: stopping them between two actions",
      );
      this.halt.abort();
      if (!(await settlesWithin(draining, ABORT_GRACE_MS)))
        this.options.log.warn({}, "runs did not stop in time: their profiles' leases lapse by themselves");
    }
    await this.usage
      .flush()
      .catch((error) => this.options.log.warn({ err: error }, "recording Graph request counts failed"));
  }

  private retentionTask(): PeriodicTask[] {
    const { retention } = this.options;
    return retention
      ? [
          {
            name: "history retention",
            everyMs: HOUR,
            run: async () => void (await this.pruneHistory(retention)),
          },
        ]
      : [];
  }

  private upkeepDeps(): UpkeepDeps {
    const { db, publicUrl } = this.options;
    return { db, clients: this.clients, publicUrl, now: this.now, runs: this };
  }

  private async execute(profileId: string, sides: Side[], why: RunReason): Promise<void> {
    if (this.options.external) return this.options.external.enqueue(profileId, sides, why);
    const result = await this.slots.run("profiles", async (): Promise<RunReport | NotRun> => {
      // Queued for a slot when the stop began: it does not start (the next start reconciles the profile).
      if (this.stopped) return { skipped: "the service is stopping" };
      const { db, leaseMs = DEFAULT_SERVICE_LEASE_MS, observer } = this.options;
      return runStoredProfile(
        {
          db,
          clients: this.clients,
          owner: this.owner,
          now: this.now,
          leaseMs,
          stop: this.halt.signal,
          ...(observer && { observer }),
        },
        profileId,
        { sides, trigger: why.trigger, confirmed: why.confirmed, since: why.since },
      );
    });
    // Another process holds the profile (a CLI run, a cleanup): ask again shortly rather than drop the change.
    if ("outcome" in result && result.outcome === "skipped" && !this.stopped) {
      const retry = setTimeout(() => {
        this.retries.delete(retry);
        this.debounced.request(profileId, sides, why.trigger, why.confirmed);
      }, LEASE_RETRY_MS);
      this.retries.add(retry);
    }
  }
}
