import { randomBytes } from "node:crypto";
import {
  deleteExpiredSessions,
  deleteSession,
  findSession,
  insertSession,
  touchSession,
} from "../../store/admin-sessions.js";
import type { AdminUser } from "../../store/admin-users.js";
import { toTimestamp } from "../../store/timestamps.js";
import { ApiError } from "../errors.js";
import type { ServerSettings } from "../options.js";
import { hashSecret, newSecret } from "./tokens.js";

/** A signed-in administrator's session as the routes see it. */
export interface Session {
  idHash: string;
  username: string;
  csrfToken: string;
  expiresAt: string;
}

/** Starts a session: the id goes into the cookie, only its hash into the store. */
export async function startSession(
  settings: ServerSettings,
  admin: AdminUser,
): Promise<{ id: string; session: Session }> {
  const now = settings.now();
  const id = newSecret("session");
  const row = {
    idHash: hashSecret(id),
    userId: admin.id,
    csrfToken: randomBytes(32).toString("base64url"),
    createdAt: toTimestamp(now),
    lastSeenAt: toTimestamp(now),
    expiresAt: toTimestamp(new Date(now.getTime() + settings.session.absoluteMs)),
  };
  // Sessions nobody signs out of would pile up: each login sweeps away those that have ended.
  await deleteExpiredSessions(settings.db, now, new Date(now.getTime() - settings.session.idleMs));
  await insertSession(settings.db, row);
  return { id, session: { ...row, username: admin.username } };
}

// Recording every request's time would write on every read; a minute's precision is plenty for idle expiry.
const TOUCH_EVERY_MS = 60_000;

/**
 * The session a cookie names, or a 401 saying why not: `session_expired` (idle or past its absolute end;
 * the row is deleted) or `session_invalid` (unknown: signed out, or never issued).
 */
export async function resumeSession(settings: ServerSettings, id: string): Promise<Session> {
  const idHash = hashSecret(id);
  const row = await findSession(settings.db, idHash);
  if (!row) throw new ApiError(401, "session_invalid", "the session is unknown or has ended: sign in again");
  const now = settings.now();
  const idleEnd = Date.parse(row.lastSeenAt) + settings.session.idleMs;
  if (Date.parse(row.expiresAt) <= now.getTime() || idleEnd <= now.getTime()) {
    await deleteSession(settings.db, idHash);
    throw new ApiError(401, "session_expired", "the session has expired: sign in again");
  }
  if (now.getTime() - Date.parse(row.lastSeenAt) >= TOUCH_EVERY_MS)
    await touchSession(settings.db, idHash, now);
  return { idHash, username: row.username, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
}

export async function endSession(settings: ServerSettings, session: Session): Promise<void> {
  await deleteSession(settings.db, session.idHash);
}
