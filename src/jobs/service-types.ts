import type { Side } from "../core/event.js";
import type { StoredClients } from "../connections/stored-clients.js";
import type { WebhookBatch } from "../notifications/webhooks.js";
import type { ProfileStatus, StartMode } from "../store/schema.js";

/**
 * What the running service offers the API routes and the scheduled jobs: Graph clients for stored
 * connections, the actions on profiles, and runs on request. `crosscal serve` builds it (src/jobs/service.ts);
 * routes that need it answer 503 without it (an app built for tests of other routes).
 */

export type ProfileAction = "start" | "pause" | "resume" | "resync" | "cleanup" | "remove";

/** One profile's outcome of an action on a selection: what it is now, or why the action was refused. */
export interface ProfileActionResult {
  id: string;
  ok: boolean;
  /** The profile's status after the action (absent once removed, or when it does not exist). */
  status?: ProfileStatus;
  /** Why the action was refused or failed, e.g. { code: "mailbox_unverified", message: "..." }. */
  error?: { code: string; message: string };
}

export interface ProfileActionOptions {
  /** For start: how existing meetings are treated (default: the sync's start mode). */
  mode?: StartMode;
  /** For pause: why (shown as the status reason), e.g. "left the group Cross-tenant staff". */
  reason?: string;
  /** Who asked, for the audit log ("admin:alice", "token:ci", "group-binding:<id>"). */
  actor: string;
}

export interface ProfileActions {
  apply(
    action: ProfileAction,
    profileIds: readonly string[],
    options: ProfileActionOptions,
  ): Promise<ProfileActionResult[]>;
}

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

export interface ServiceHooks extends RunRequester {
  clients: StoredClients;
  actions: ProfileActions;
  /** Takes the work of one webhook POST (already acknowledged): runs after the quiet time, upkeep. */
  accept(batch: WebhookBatch): Promise<void>;
}
