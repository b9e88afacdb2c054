import type { Store } from "./database.js";
import type { ConsentRequestRow } from "./schema.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/**
 * Admin-consent requests waiting for Entra ID to send the administrator back (migration 007). Only the
 * state's SHA-256 is kept: a leaked table cannot be replayed against the callback.
 */

export type ConsentRequest = ConsentRequestRow;
export type NewConsentRequest = Omit<ConsentRequestRow, "createdAt">;

export async function insertConsentRequest(
  db: Store,
  request: NewConsentRequest,
  now: Instant,
): Promise<ConsentRequest> {
  const row: ConsentRequest = {
    ...request,
    expiresAt: toTimestamp(request.expiresAt),
    createdAt: toTimestamp(now),
  };
  await db.insertInto("consentRequests").values(row).execute();
  return row;
}

/**
 * Removes the request with this state hash and returns it: whoever takes it first owns it, so a state
 * works once even when two callbacks race. Undefined when there is none (forged, or used already).
 */
export async function takeConsentRequest(db: Store, stateHash: string): Promise<ConsentRequest | undefined> {
  return db
    .deleteFrom("consentRequests")
    .where("stateHash", "=", stateHash)
    .returningAll()
    .executeTakeFirst();
}

/** Forgets requests whose administrator never came back; returns how many. */
export async function deleteExpiredConsentRequests(db: Store, now: Instant): Promise<number> {
  const result = await db
    .deleteFrom("consentRequests")
    .where("expiresAt", "<=", toTimestamp(now))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
