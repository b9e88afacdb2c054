import type { StoredClients } from "../connections/stored-clients.js";
import type { Side } from "../core/event.js";
import type { WebhookBatch } from "../notifications/webhooks.js";
import type { ProfileActions } from "../profiles/profile-actions.js";
import type { AuditActor } from "../store/admin-audit.js";
import type { Job } from "../store/jobs.js";
import type { ProfileActionJobInput } from "./background-jobs.js";

/**
 * What the running service offers the API routes and the scheduled jobs: Graph clients for stored
 * connections, the actions on profiles, and runs on request. `crosscal serve` builds it (src/jobs/service.ts);
 * routes that need it answer 503 without it (an app built for tests of other routes).
 */

export type {
  ProfileAction,
  ProfileActionOptions,
  ProfileActionResult,
  ProfileActions,
} from "../profiles/profile-actions.js";

export interface RunRequester {
  /**
   * Runs these profiles soon (both mailboxes unless `sides` says otherwise); returns once queued.
   * `confirmed`: a person confirmed what the guards stopped, so the run goes through.
   */
  requestRuns(
    profileIds: readonly string[],
    trigger: string,
    sides?: Side[],
    options?: { confirmed?: boolean },
  ): Promise<void>;
}

/** Background jobs, started by this process's runner as soon as they are queued (src/jobs/job-runner.ts). */
export interface JobQueue {
  queueProfileAction(input: ProfileActionJobInput, actor: AuditActor): Promise<Job>;
  queueApplySync(syncId: string, actor: AuditActor): Promise<Job>;
}

/** What the service knows of its own work that the store does not hold, for the overview. */
export interface ServiceActivity {
  /** When this process last received a change or lifecycle notification that proved its subscription. */
  lastNotificationAt(): Date | null;
  /** Adds this process's Graph request counts to the store now, so that a read of them is current. */
  flushGraphUsage(): Promise<void>;
}

export interface ServiceHooks extends RunRequester {
  clients: StoredClients;
  actions: ProfileActions;
  jobs: JobQueue;
  activity: ServiceActivity;
  /** Takes the work of one webhook POST (already acknowledged): runs after the quiet time, upkeep. */
  accept(batch: WebhookBatch): Promise<void>;
}
