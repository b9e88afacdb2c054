import { v7 as uuidV7 } from "uuid";
import type { AuditLogRow } from "./admin-schema.js";
import type { Store } from "./database.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/** The audit log of admin actions: append-only, read newest first in pages. */

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  actor: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

export interface NewAuditEntry {
  action: string;
  actor?: string | null;
  ip?: string | null;
  /** Never a secret: names, ids, reasons. */
  detail?: Record<string, unknown>;
}

/**
 * Who an admin action is recorded for (an admin, "cli", a group binding...) and the client address it
 * came from, if any: what a room function that records its own audit entry is given by its caller.
 */
export interface AuditActor {
  actor: string;
  ip?: string | null;
}

export async function recordAudit(db: Store, entry: NewAuditEntry, now: Instant): Promise<void> {
  await db
    .insertInto("auditLog")
    .values({
      // Time-ordered (and monotonic within a process): entries recorded at the same instant keep their order.
      id: uuidV7(),
      at: toTimestamp(now),
      action: entry.action,
      actor: entry.actor ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}

/** Where a page starts: after the entry at (at, id), in newest-first order. */
export interface AuditPosition {
  at: string;
  id: string;
}

/**
 * One page of entries, newest first, after `after` (keyset paging: entries written meanwhile never shift a
 * page). Reads one more than asked to tell whether a next page exists.
 */
export async function listAudit(
  db: Store,
  page: { limit: number; after?: AuditPosition },
): Promise<{ entries: AuditEntry[]; next?: AuditPosition }> {
  let query = db.selectFrom("auditLog").selectAll();
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb("at", "<", after.at), eb.and([eb("at", "=", after.at), eb("id", "<", after.id)])]),
    );
  }
  const rows = await query
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(page.limit + 1)
    .execute();
  const entries = rows.slice(0, page.limit).map(toEntry);
  const last = entries.at(-1);
  return rows.length > page.limit && last ? { entries, next: { at: last.at, id: last.id } } : { entries };
}

const toEntry = (row: AuditLogRow): AuditEntry => ({
  ...row,
  detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
});
