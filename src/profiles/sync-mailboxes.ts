import { type MailboxConnection, verifyMailboxes } from "../connections/mailbox-check.js";
import type { StoredClients } from "../connections/stored-clients.js";
import type { Side } from "../core/event.js";
import { SecretBoxError } from "../secrets/secret-box.js";
import { findConnection } from "../store/connections.js";
import type { Store } from "../store/database.js";
import type { Sync } from "../store/syncs.js";
import type { VerdictOf } from "./import-plan.js";

/** A sync's connection that cannot be used to reach its tenant; `code` says why. */
export class ConnectionUnusableError extends Error {
  override readonly name = "ConnectionUnusableError";
  constructor(
    readonly code: "connection_missing" | "connection_unusable",
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface SideConnection extends MailboxConnection {
  id: string;
}

/** The Graph transports of a sync's two connections; ConnectionUnusableError when one is gone or sealed shut. */
export async function syncConnections(
  db: Store,
  clients: StoredClients,
  sync: Sync,
): Promise<Record<Side, SideConnection>> {
  const open = async (id: string): Promise<SideConnection> => {
    const row = await findConnection(db, id);
    if (!row)
      throw new ConnectionUnusableError(
        "connection_missing",
        `sync ${sync.name}: connection ${id} no longer exists`,
      );
    try {
      return { id, tenant: row.tenant, requester: clients.clientOf(row) };
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      const message = `connection ${row.name}: its stored secret cannot be opened (${error.message}); enter it again`;
      throw new ConnectionUnusableError("connection_unusable", message, { cause: error });
    }
  };
  return { A: await open(sync.connectionA), B: await open(sync.connectionB) };
}

/** Checks mailboxes on a sync's sides (each distinct connection and mailbox once) and answers by side. */
export async function verifyOnSides(
  sides: Record<Side, SideConnection>,
  targets: ReadonlyArray<{ side: Side; mailbox: string }>,
): Promise<VerdictOf> {
  const byId = new Map([sides.A, sides.B].map((connection) => [connection.id, connection]));
  const verdicts = await verifyMailboxes(
    targets.map(({ side, mailbox }) => ({ connectionId: sides[side].id, mailbox })),
    (id) => byId.get(id)!,
  );
  return (side, mailbox) => verdicts.get(sides[side].id, mailbox);
}

/** What the profile operations need: the store, Graph for a sync's connections, the clock. */
export interface ProfileDeps {
  db: Store;
  /** Asked only when a mailbox is to be checked; throws when this process runs without the service. */
  clients: () => StoredClients;
  now: () => Date;
}

/** Checks mailboxes of a sync through its connections (each distinct one once) and answers by side. */
export async function verifySides(
  deps: ProfileDeps,
  sync: Sync,
  targets: ReadonlyArray<{ side: Side; mailbox: string }>,
): Promise<VerdictOf> {
  if (targets.length === 0) return () => undefined;
  return verifyOnSides(await syncConnections(deps.db, deps.clients(), sync), targets);
}
