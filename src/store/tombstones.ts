import { fixedQuery } from "./compiled.js";
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

const recordTombstoneQuery = fixedQuery((db: Store, p: TombstoneRow) =>
  db
    .insertInto("tombstones")
    .values({
      profileId: p.profileId,
      sourceSide: p.sourceSide,
      sourceId: p.sourceId,
      reason: p.reason,
      icalUid: p.icalUid,
      createdAt: p.createdAt,
    })
    .onConflict((conflict) => conflict.columns(["profileId", "sourceSide", "sourceId"]).doNothing()),
);

const listTombstonesQuery = fixedQuery((db: Store, p: { profileId: string }) =>
  db
    .selectFrom("tombstones")
    .selectAll()
    .where("profileId", "=", p.profileId)
    .orderBy("sourceSide")
    .orderBy("sourceId"),
);

/**
 * Records a tombstone. Recording one that exists keeps the first (its reason and time are the history);
 * returns whether a new one was written.
 */
export async function recordTombstone(db: Store, tombstone: NewTombstone, now: Instant): Promise<boolean> {
  const inserted = await recordTombstoneQuery.affected(db, {
    profileId: tombstone.profileId,
    sourceSide: tombstone.sourceSide,
    sourceId: tombstone.sourceId,
    reason: tombstone.reason,
    icalUid: tombstone.icalUid ?? null,
    createdAt: toTimestamp(now),
  });
  return inserted > 0n;
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
  return listTombstonesQuery.rows(db, { profileId });
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
