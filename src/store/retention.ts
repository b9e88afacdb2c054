import type { Store } from "./database.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/**
 * What history retention deletes, a batch of ids at a time: finished runs (and their decisions) older than
 * the cut-off, except each profile's last run, and audit entries older than theirs. Links, tombstones and
 * cursors are the sync's state, not history: nothing here touches them. Each function is one statement; the
 * caller bounds the ids (a batch), since each is a bound parameter.
 */

/**
 * Up to `limit` finished runs that started before `before`, oldest first, none of them its profile's
 * latest run (which says how the profile last went, however long ago).
 */
export async function prunableRunIds(db: Store, before: Instant, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("runs")
    .select("runs.id")
    .where("runs.startedAt", "<", toTimestamp(before))
    .where("runs.finishedAt", "is not", null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("runs as later")
          .select("later.id")
          .whereRef("later.profileId", "=", "runs.profileId")
          .whereRef("later.startedAt", ">", "runs.startedAt"),
      ),
    )
    .orderBy("runs.startedAt")
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Deletes the decisions of these runs; returns how many. */
export async function deleteDecisionsOfRuns(db: Store, runIds: readonly string[]): Promise<number> {
  if (runIds.length === 0) return 0;
  const result = await db
    .deleteFrom("decisions")
    .where("runId", "in", [...runIds])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes these runs (their decisions go first, with deleteDecisionsOfRuns); returns how many. */
export async function deleteRuns(db: Store, runIds: readonly string[]): Promise<number> {
  if (runIds.length === 0) return 0;
  const result = await db
    .deleteFrom("runs")
    .where("id", "in", [...runIds])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Up to `limit` audit entries recorded before `before`, oldest first. */
export async function oldAuditIds(db: Store, before: Instant, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("auditLog")
    .select("id")
    .where("at", "<", toTimestamp(before))
    .orderBy("at")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Deletes these audit entries; returns how many. */
export async function deleteAuditEntries(db: Store, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom("auditLog")
    .where("id", "in", [...ids])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
