import { throttledAddress } from "../../server/auth/client-address.js";
import { recordAudit } from "../../store/admin-audit.js";
import { closeDatabase, transaction } from "../../store/database.js";
import { clearSignInFailures, type SignInFailureScope } from "../../store/sign-in-failures.js";
import { describeDatabase, openStore } from "../context.js";
import { badInput, EXIT, type ExitCode } from "../errors.js";
import { type StoreOptions, storeLocation } from "../service-store.js";

export interface AdminUnlockOptions extends StoreOptions {
  username?: string;
  address?: string;
}

/**
 * `crosscal admin unlock`: forgets the failed sign-ins that hold sign-ins back (all of them, or those of a
 * username, an address, or a username at an address), in the store every process of the service reads,
 * so it takes effect at once without a restart. Audited as `sign_in_unlocked` by "cli".
 */
export async function adminUnlockCommand(
  options: AdminUnlockOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  const scope = scopeOf(options);
  const { target } = storeLocation(options);
  const db = await openStore(target, false);
  if (!db) throw badInput(`no database at ${describeDatabase(target)}: nothing to unlock`);
  let cleared: number;
  try {
    cleared = await transaction(db, async (trx) => {
      const count = await clearSignInFailures(trx, scope);
      const detail = { ...scope, cleared: count };
      await recordAudit(trx, { action: "sign_in_unlocked", actor: "cli", detail }, new Date());
      return count;
    });
  } finally {
    await closeDatabase(db);
  }
  out(`cleared ${cleared} sign-in throttling ${cleared === 1 ? "key" : "keys"} (${describeScope(scope)})`);
  log(`unlocked sign-ins in ${describeDatabase(target)}`);
  return EXIT.ok;
}

/** The address as the service keys it (an IPv6 client by its /64), so any address of the client works. */
function scopeOf(options: AdminUnlockOptions): SignInFailureScope {
  if (options.address === undefined) return { username: options.username };
  const address = throttledAddress(options.address);
  if (address === undefined) {
    throw badInput(`--address ${options.address} is not an IP address (e.g. 203.0.113.7 or 2001:db8::1)`);
  }
  return options.username === undefined ? { address } : { username: options.username, address };
}

function describeScope({ username, address }: SignInFailureScope): string {
  const who = username === undefined ? "every username" : `username ${username}`;
  const where = address === undefined ? "every address" : `address ${address}`;
  return `${who}, ${where}`;
}
