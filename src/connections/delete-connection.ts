import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import { deleteConnection } from "../store/connections.js";
import { type Store, transaction } from "../store/database.js";
import { syncsOfConnection } from "../store/syncs.js";
import { ConnectionInUseError, ConnectionNotFoundError } from "./errors.js";

/** Deletes a connection and its stored secret, unless a sync still uses it. */
export async function removeConnection(db: Store, id: string, by: AuditActor, now: Date): Promise<void> {
  await transaction(db, async (trx) => {
    const syncs = await syncsOfConnection(trx, id);
    if (syncs.length > 0) throw new ConnectionInUseError(syncs.map((sync) => sync.name));
    const deleted = await deleteConnection(trx, id);
    if (!deleted) throw new ConnectionNotFoundError(id);
    const detail = { connectionId: deleted.id, name: deleted.name };
    await recordAudit(trx, { action: "connection_deleted", ...by, detail }, now);
  });
}
