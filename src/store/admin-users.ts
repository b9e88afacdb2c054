import { randomUUID } from "node:crypto";
import type { AdminUserRow } from "./admin-schema.js";
import type { Store } from "./database.js";
import { insertUnique } from "./errors.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/** The service's administrators and the one-time token that creates the first one. */
export type AdminUser = AdminUserRow;

export async function countAdmins(db: Store): Promise<number> {
  const row = await db
    .selectFrom("adminUsers")
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Creates an admin; a StoreConflictError when the username is taken. */
export async function insertAdmin(
  db: Store,
  admin: { username: string; passwordHash: string },
  now: Instant,
): Promise<AdminUser> {
  const at = toTimestamp(now);
  const row: AdminUser = { id: randomUUID(), ...admin, createdAt: at, updatedAt: at };
  await insertUnique(`admin "${admin.username}"`, () => db.insertInto("adminUsers").values(row).execute());
  return row;
}

export async function findAdminByUsername(db: Store, username: string): Promise<AdminUser | undefined> {
  return db.selectFrom("adminUsers").selectAll().where("username", "=", username).executeTakeFirst();
}

export async function findAdminById(db: Store, id: string): Promise<AdminUser | undefined> {
  return db.selectFrom("adminUsers").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Replaces every setup token by this one: only the token printed last can be used. */
export async function replaceSetupToken(
  db: Store,
  token: { tokenHash: string; expiresAt: Instant },
  now: Instant,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("adminSetupTokens").execute();
    await trx
      .insertInto("adminSetupTokens")
      .values({
        tokenHash: token.tokenHash,
        expiresAt: toTimestamp(token.expiresAt),
        createdAt: toTimestamp(now),
      })
      .execute();
  });
}

/**
 * Deletes the setup token with this hash and says whether it was there and still valid. One statement
 * each for finding and deleting, in the caller's transaction: two requests racing with the same token
 * cannot both consume it, because only one delete reports a row.
 */
export async function consumeSetupToken(
  db: Store,
  tokenHash: string,
  now: Instant,
): Promise<"ok" | "expired" | "unknown"> {
  const found = await db
    .deleteFrom("adminSetupTokens")
    .where("tokenHash", "=", tokenHash)
    .returning("expiresAt")
    .executeTakeFirst();
  if (!found) return "unknown";
  return found.expiresAt > toTimestamp(now) ? "ok" : "expired";
}
