import { fixedQuery } from "./compiled.js";
import type { Store } from "./database.js";
import { insertUnique } from "./errors.js";
import type { SyncRow } from "./schema.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/**
 * Syncs of the service (migration 007): two connections (by id) and the engine's settings as JSON text.
 * Parsing and validating the settings belongs to the caller (src/engine/stored-sync.ts); the store keeps
 * them as given.
 */

export type Sync = SyncRow;

export type NewSync = Omit<Sync, "createdAt" | "updatedAt" | "appliedHash"> & { appliedHash?: string | null };

export type SyncChanges = Partial<Omit<NewSync, "id">>;

export async function insertSync(db: Store, sync: NewSync, now: Instant): Promise<Sync> {
  const at = toTimestamp(now);
  const row: Sync = { ...sync, appliedHash: sync.appliedHash ?? null, createdAt: at, updatedAt: at };
  await insertUnique(`sync "${sync.name}"`, () => db.insertInto("syncs").values(row).execute());
  return row;
}

// Asked for by every run: compiled once (store/compiled.ts).
const findSyncQuery = fixedQuery((db: Store, p: { id: string }) =>
  db.selectFrom("syncs").selectAll().where("id", "=", p.id),
);

export async function findSync(db: Store, id: string): Promise<Sync | undefined> {
  return (await findSyncQuery.rows(db, { id }))[0];
}

export async function findSyncByName(db: Store, name: string): Promise<Sync | undefined> {
  return db.selectFrom("syncs").selectAll().where("name", "=", name).executeTakeFirst();
}

/** Every sync, by name. */
export async function listSyncs(db: Store): Promise<Sync[]> {
  return db.selectFrom("syncs").selectAll().orderBy("name").orderBy("id").execute();
}

/** Syncs that use a connection on either side. */
export async function syncsOfConnection(db: Store, connectionId: string): Promise<Sync[]> {
  return db
    .selectFrom("syncs")
    .selectAll()
    .where((eb) => eb.or([eb("connectionA", "=", connectionId), eb("connectionB", "=", connectionId)]))
    .orderBy("name")
    .execute();
}

/** Returns false if no such sync; a name already taken is a StoreConflictError. */
export async function updateSync(
  db: Store,
  id: string,
  changes: SyncChanges,
  now: Instant,
): Promise<boolean> {
  const result = await insertUnique(`sync "${changes.name ?? id}"`, () =>
    db
      .updateTable("syncs")
      .set({ ...changes, updatedAt: toTimestamp(now) })
      .where("id", "=", id)
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > 0n;
}

/** Deletes the sync row only: its profiles must be removed first (they hold its copies' state). */
export async function deleteSync(db: Store, id: string): Promise<boolean> {
  const result = await db.deleteFrom("syncs").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
