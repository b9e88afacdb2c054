import { checkMailbox, checkResultOf } from "../engine/mailbox-check.js";
import type { StoredClients } from "../engine/stored-clients.js";
import { findConnection } from "../store/connections.js";
import type { Store } from "../store/database.js";
import { type Profile, setMailboxCheck } from "../store/profiles.js";
import type { Sync } from "../store/syncs.js";
import type { VerifyProfile } from "./profile-actions.js";

/**
 * Checks a profile's two mailboxes in their tenants (through the sync's connections) and records the
 * outcome, for a start of a profile that was never verified (one applied from a config file, say).
 */
export function profileVerifier(db: Store, clients: StoredClients, now: () => Date): VerifyProfile {
  return async (profile: Profile, sync: Sync) => {
    const side = async (connectionId: string, mailbox: string) => {
      const row = await findConnection(db, connectionId);
      if (!row)
        return {
          mailbox,
          status: "connection_failed" as const,
          reason: `connection ${connectionId} no longer exists`,
        };
      return checkMailbox({ tenant: row.tenant, requester: clients.clientOf(row) }, mailbox);
    };
    const verdicts = await Promise.all([
      side(sync.connectionA, profile.mailboxA),
      side(sync.connectionB, profile.mailboxB),
    ]);
    const result = checkResultOf(verdicts);
    await setMailboxCheck(db, profile.id, result, now());
    return { ...profile, mailboxCheck: result.check, mailboxCheckReason: result.reason };
  };
}
