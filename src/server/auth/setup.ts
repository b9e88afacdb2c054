import { countAdmins, replaceSetupToken } from "../../store/admin-users.js";
import type { Store } from "../../store/database.js";
import { hashSecret, newSecret } from "./tokens.js";

export const SETUP_TOKEN_LIFETIME_MS = 60 * 60_000;

/**
 * First run: while no admin exists, a fresh one-time setup token (valid one hour) replaces any earlier
 * one and is returned for the console. Whoever reads the console of the machine is trusted to create the
 * admin; anyone merely reaching the port is not. Undefined once an admin exists.
 */
export async function issueSetupTokenIfNeeded(db: Store, now: Date): Promise<string | undefined> {
  if ((await countAdmins(db)) > 0) return undefined;
  const token = newSecret("setup");
  const expiresAt = new Date(now.getTime() + SETUP_TOKEN_LIFETIME_MS);
  await replaceSetupToken(db, { tokenHash: hashSecret(token), expiresAt }, now);
  return token;
}
