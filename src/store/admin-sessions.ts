import type { AdminSessionRow } from "./admin-schema.js";
import type { Store } from "./database.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/** Browser sessions of administrators, found by the hash of the id their cookie carries. */
export type AdminSession = AdminSessionRow;

export interface SessionWithUser extends AdminSession {
  username: string;
}

export async function insertSession(db: Store, session: AdminSession): Promise<void> {
  await db.insertInto("adminSessions").values(session).execute();
}

export async function findSession(db: Store, idHash: string): Promise<SessionWithUser | undefined> {
  return db
    .selectFrom("adminSessions")
    .innerJoin("adminUsers", "adminUsers.id", "adminSessions.userId")
    .selectAll("adminSessions")
    .select("adminUsers.username")
    .where("adminSessions.idHash", "=", idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Store, idHash: string, now: Instant): Promise<void> {
  await db
    .updateTable("adminSessions")
    .set({ lastSeenAt: toTimestamp(now) })
    .where("idHash", "=", idHash)
    .execute();
}

export async function deleteSession(db: Store, idHash: string): Promise<void> {
  await db.deleteFrom("adminSessions").where("idHash", "=", idHash).execute();
}

/** Removes sessions past their absolute end or idle since before `idleSince`. Returns how many. */
export async function deleteExpiredSessions(db: Store, now: Instant, idleSince: Instant): Promise<number> {
  const result = await db
    .deleteFrom("adminSessions")
    .where((eb) =>
      eb.or([eb("expiresAt", "<=", toTimestamp(now)), eb("lastSeenAt", "<=", toTimestamp(idleSince))]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
