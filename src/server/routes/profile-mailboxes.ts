import type { Side } from "../../core/event.js";
import type { VerdictOf } from "../../profiles/profile-import.js";
import {
  ConnectionUnusableError,
  type SideConnection,
  syncConnections,
  verifyOnSides,
} from "../../profiles/sync-mailboxes.js";
import type { Store } from "../../store/database.js";
import { findSync, type Sync } from "../../store/syncs.js";
import { ApiError } from "../errors.js";
import type { ServerSettings } from "../options.js";
import { serviceOf } from "./needs.js";

/** What the profile routes share: the sync, its two connections as Graph sees them, verdicts, audit. */

export async function requireSync(db: Store, syncId: string): Promise<Sync> {
  const sync = await findSync(db, syncId);
  if (!sync) throw new ApiError(404, "sync_not_found", `no sync with id ${syncId}`);
  return sync;
}

/** The Graph transports of a sync's two connections (503 without the service, 409 if one is unusable). */
async function connectionsOf(settings: ServerSettings, sync: Sync): Promise<Record<Side, SideConnection>> {
  try {
    return await syncConnections(settings.db, serviceOf(settings).clients, sync);
  } catch (error) {
    if (error instanceof ConnectionUnusableError) throw new ApiError(409, error.code, error.message);
    throw error;
  }
}

/** Checks mailboxes of a sync through its connections (each distinct one once) and answers by side. */
export async function verifySides(
  settings: ServerSettings,
  sync: Sync,
  targets: ReadonlyArray<{ side: Side; mailbox: string }>,
): Promise<VerdictOf> {
  if (targets.length === 0) return () => undefined;
  return verifyOnSides(await connectionsOf(settings, sync), targets);
}
