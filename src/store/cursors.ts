import type { Store } from "./database.js";
import type { CursorRow, Side } from "./schema.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/** Where one side's delta query stands: its window and Graph's opaque delta link. */
export type Cursor = CursorRow;

export interface CursorValue {
  profileId: string;
  side: Side;
  windowStart: Instant;
  windowEnd: Instant;
  cursor: string;
}

export async function findCursor(db: Store, profileId: string, side: Side): Promise<Cursor | undefined> {
  return db
    .selectFrom("cursors")
    .selectAll()
    .where("profileId", "=", profileId)
    .where("side", "=", side)
    .executeTakeFirst();
}

export async function listCursors(db: Store, profileId: string): Promise<Cursor[]> {
  return db.selectFrom("cursors").selectAll().where("profileId", "=", profileId).orderBy("side").execute();
}

/** Stores the side's cursor, replacing the previous one. */
export async function saveCursor(db: Store, value: CursorValue, now: Instant): Promise<Cursor> {
  const row: Cursor = {
    profileId: value.profileId,
    side: value.side,
    windowStart: toTimestamp(value.windowStart),
    windowEnd: toTimestamp(value.windowEnd),
    cursor: value.cursor,
    updatedAt: toTimestamp(now),
  };
  await db
    .insertInto("cursors")
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(["profileId", "side"]).doUpdateSet({
        windowStart: row.windowStart,
        windowEnd: row.windowEnd,
        cursor: row.cursor,
        updatedAt: row.updatedAt,
      }),
    )
    .execute();
  return row;
}

/** Forgets the side's cursor (expired delta token, window re-base, resync): the next run starts afresh. */
export async function deleteCursor(db: Store, profileId: string, side: Side): Promise<boolean> {
  const result = await db
    .deleteFrom("cursors")
    .where("profileId", "=", profileId)
    .where("side", "=", side)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
