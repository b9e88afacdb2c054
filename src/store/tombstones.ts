import type { Store } from "./database.js";
import type { Side, TombstoneRow } from "./schema.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/**
 * An original crosscal must not copy: its copy was deleted by a person ("copy-deleted"), or it existed when
 * an only-new profile started ("baseline").
 */
export type Tombstone = TombstoneRow;

export interface NewTombstone {
  profileId: string;
  sourceSide: Side;
  sourceId: string;
  reason: string;
  icalUid?: string | null;
}

/**
 * Records a tombstone. Recording one that exists keeps the first (its reason and time are the history);
 * returns whether a new one was written.
 */
export async function recordTombstone(db: Store, tombstone: NewTombstone, now: Instant): Promise<boolean> {
  const result = await db
    .insertInto("tombstones")
    .values({ ...tombstone, icalUid: tombstone.icalUid ?? null, createdAt: toTimestamp(now) })
    .onConflict((conflict) => conflict.columns(["profileId", "sourceSide", "sourceId"]).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function findTombstone(
  db: Store,
  profileId: string,
  sourceSide: Side,
  sourceId: string,
): Promise<Tombstone | undefined> {
  return db
    .selectFrom("tombstones")
    .selectAll()
    .where("profileId", "=", profileId)
    .where("sourceSide", "=", sourceSide)
    .where("sourceId", "=", sourceId)
    .executeTakeFirst();
}

export async function listTombstones(db: Store, profileId: string): Promise<Tombstone[]> {
  return db
    .selectFrom("tombstones")
    .selectAll()
    .where("profileId", "=", profileId)
    .orderBy("sourceSide")
    .orderBy("sourceId")
    .execute();
}

/** Lifts a tombstone (the original will be copied again). Returns false if there was none. */
export async function deleteTombstone(
  db: Store,
  profileId: string,
  sourceSide: Side,
  sourceId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom("tombstones")
    .where("profileId", "=", profileId)
    .where("sourceSide", "=", sourceSide)
    .where("sourceId", "=", sourceId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Lifts every tombstone of a profile, optionally only those with one reason (e.g. "baseline" on merge). */
export async function deleteTombstonesOfProfile(
  db: Store,
  profileId: string,
  reason?: string,
): Promise<number> {
  let query = db.deleteFrom("tombstones").where("profileId", "=", profileId);
  if (reason !== undefined) query = query.where("reason", "=", reason);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
