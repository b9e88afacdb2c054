import { type MailboxConnection, verifyMailboxes } from "../../engine/mailbox-check.js";
import type { VerdictOf } from "../../engine/profile-import.js";
import { SecretBoxError } from "../../secrets/secret-box.js";
import { findConnection } from "../../store/connections.js";
import type { Store } from "../../store/database.js";
import { findSync, type Sync } from "../../store/syncs.js";
import { ApiError } from "../errors.js";
import type { ServerSettings } from "../options.js";
import { serviceOf } from "./needs.js";

/** What the profile routes share: the sync, its two connections as Graph sees them, verdicts, audit. */

export type Side = "A" | "B";

export async function requireSync(db: Store, syncId: string): Promise<Sync> {
  const sync = await findSync(db, syncId);
  if (!sync) throw new ApiError(404, "sync_not_found", `no sync with id ${syncId}`);
  return sync;
}

interface SideConnection extends MailboxConnection {
  id: string;
}

/** The Graph transports of a sync's two connections (503 without the service, 409 if one is unusable). */
async function connectionsOf(settings: ServerSettings, sync: Sync): Promise<Record<Side, SideConnection>> {
  const { clients } = serviceOf(settings);
  const open = async (side: Side): Promise<SideConnection> => {
    const id = side === "A" ? sync.connectionA : sync.connectionB;
    const row = await findConnection(settings.db, id);
    if (!row)
      throw new ApiError(409, "connection_missing", `sync ${sync.name}: connection ${id} no longer exists`);
    try {
      return { id, tenant: row.tenant, requester: clients.clientOf(row) };
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      const message = `connection ${row.name}: its stored secret cannot be opened (${error.message}); enter it again`;
      throw new ApiError(409, "connection_unusable", message);
    }
  };
  return { A: await open("A"), B: await open("B") };
}

/** Checks mailboxes of a sync through its connections (each distinct one once) and answers by side. */
export async function verifySides(
  settings: ServerSettings,
  sync: Sync,
  targets: ReadonlyArray<{ side: Side; mailbox: string }>,
): Promise<VerdictOf> {
  if (targets.length === 0) return () => undefined;
  const sides = await connectionsOf(settings, sync);
  const byId = new Map([sides.A, sides.B].map((connection) => [connection.id, connection]));
  const verdicts = await verifyMailboxes(
    targets.map(({ side, mailbox }) => ({ connectionId: sides[side].id, mailbox })),
    (id) => byId.get(id)!,
  );
  return (side, mailbox) => verdicts.get(sides[side].id, mailbox);
}
