import type { ProfileStatus, StartMode } from "../store/schema.js";

/**
 * What an administrator (or a group binding) can do to a selection of profiles, as a contract: the
 * service carries it out (src/jobs/profile-actions.ts); group bindings ask for it when members come and go.
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
