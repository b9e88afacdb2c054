import { fixedQuery } from "./compiled.js";
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
  settingsHash: string;
}

const listCursorsQuery = fixedQuery((db: Store, p: { profileId: string }) =>
  db.selectFrom("cursors").selectAll().where("profileId", "=", p.profileId).orderBy("side"),
);

const saveCursorQuery = fixedQuery((db: Store, p: Cursor) =>
  db
    .insertInto("cursors")
    .values({
      profileId: p.profileId,
      side: p.side,
      windowStart: p.windowStart,
      windowEnd: p.windowEnd,
      cursor: p.cursor,
      settingsHash: p.settingsHash,
      updatedAt: p.updatedAt,
    })
    .onConflict((conflict) =>
      conflict.columns(["profileId", "side"]).doUpdateSet({
        windowStart: p.windowStart,
        windowEnd: p.windowEnd,
        cursor: p.cursor,
        settingsHash: p.settingsHash,
        updatedAt: p.updatedAt,
      }),
    ),
);

export async function findCursor(db: Store, profileId: string, side: Side): Promise<Cursor | undefined> {
  return db
    .selectFrom("cursors")
    .selectAll()
    .where("profileId", "=", profileId)
    .where("side", "=", side)
    .executeTakeFirst();
}

export async function listCursors(db: Store, profileId: string): Promise<Cursor[]> {
  return listCursorsQuery.rows(db, { profileId });
}

/** Stores the side's cursor, replacing the previous one. */
export async function saveCursor(db: Store, value: CursorValue, now: Instant): Promise<Cursor> {
  const row: Cursor = {
    profileId: value.profileId,
    side: value.side,
    windowStart: toTimestamp(value.windowStart),
    windowEnd: toTimestamp(value.windowEnd),
    cursor: value.cursor,
    settingsHash: value.settingsHash,
    updatedAt: toTimestamp(now),
  };
  await saveCursorQuery.run(db, row);
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
