import type { StoredClients } from "../connections/stored-clients.js";
import { checkProfileMailboxes } from "../profiles/verify-profile.js";
import type { Store } from "../store/database.js";
import { type Profile, setMailboxCheck } from "../store/profiles.js";
import type { Sync } from "../store/syncs.js";
import type { VerifyProfile } from "./profile-actions.js";

/**
 * Checks a profile's two mailboxes in their tenants (through the sync's connections, as the profiles API
 * does) and records the outcome, for a start of a profile that was never verified (one applied from a
 * config file, say). A connection that cannot be used is an error of the start, with its reason.
 */
export function profileVerifier(db: Store, clients: StoredClients, now: () => Date): VerifyProfile {
  return async (profile: Profile, sync: Sync) => {
    const { result } = await checkProfileMailboxes({ db, clients: () => clients, now }, profile, sync);
    await setMailboxCheck(db, profile.id, result, now());
    return { ...profile, mailboxCheck: result.check, mailboxCheckReason: result.reason };
  };
}
