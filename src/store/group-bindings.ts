import type { Store } from "./database.js";
import { insertUnique } from "./errors.js";
import type { GroupBindingRow, ProfileRow } from "./schema.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/**
 * Group bindings (migration 007): a group in each tenant of a sync whose matched members are the sync's
 * profiles. The refresh (src/engine/group-refresh.ts) reads the groups; the store keeps what to read,
 * how to match, and what the last refresh found (its report as JSON text, read by the caller).
 */

export type GroupBinding = GroupBindingRow;

/** What a caller supplies; refreshes and timestamps are the store's. */
export type NewGroupBinding = Omit<
  GroupBinding,
  "lastRefreshedAt" | "lastReport" | "createdAt" | "updatedAt"
>;

export type GroupBindingChanges = Partial<
  Pick<NewGroupBinding, "matchBy" | "matchAttribute" | "refreshMinutes" | "autoStart">
>;

/** A binding of the same two groups in the same sync is a StoreConflictError. */
export async function insertGroupBinding(
  db: Store,
  binding: NewGroupBinding,
  now: Instant,
): Promise<GroupBinding> {
  const at = toTimestamp(now);
  const row: GroupBinding = {
    ...binding,
    lastRefreshedAt: null,
    lastReport: null,
    createdAt: at,
    updatedAt: at,
  };
  await insertUnique(`a binding of groups ${binding.groupA} and ${binding.groupB}`, () =>
    db.insertInto("groupBindings").values(row).execute(),
  );
  return row;
}

export async function findGroupBinding(db: Store, id: string): Promise<GroupBinding | undefined> {
  return db.selectFrom("groupBindings").selectAll().where("id", "=", id).executeTakeFirst();
}

/** One sync's bindings, oldest first. */
export async function listGroupBindings(db: Store, syncId: string): Promise<GroupBinding[]> {
  return db
    .selectFrom("groupBindings")
    .selectAll()
    .where("syncId", "=", syncId)
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
}

/** Every binding of every sync (the scheduler picks the due ones; there are few). */
export async function listAllGroupBindings(db: Store): Promise<GroupBinding[]> {
  return db.selectFrom("groupBindings").selectAll().orderBy("createdAt").orderBy("id").execute();
}

/** The changed binding, or undefined if there is no such binding. */
export async function updateGroupBinding(
  db: Store,
  id: string,
  changes: GroupBindingChanges,
  now: Instant,
): Promise<GroupBinding | undefined> {
  return db
    .updateTable("groupBindings")
    .set({ ...changes, updatedAt: toTimestamp(now) })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

/** Records a refresh: when, and its report (JSON text). Returns false if the binding is gone. */
export async function recordGroupRefresh(
  db: Store,
  id: string,
  report: string,
  at: Instant,
): Promise<boolean> {
  const result = await db
    .updateTable("groupBindings")
    .set({ lastRefreshedAt: toTimestamp(at), lastReport: report })
    .where("id", "=", id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Deletes the binding row only; see `releaseBindingProfiles` for its profiles. */
export async function deleteGroupBinding(db: Store, id: string): Promise<boolean> {
  const result = await db.deleteFrom("groupBindings").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The profiles a binding keeps, by name. */
export async function profilesOfBinding(db: Store, bindingId: string): Promise<ProfileRow[]> {
  return db
    .selectFrom("profiles")
    .selectAll()
    .where("bindingId", "=", bindingId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

/** The binding's profiles stay, no longer kept by it (binding_id cleared). Returns how many. */
export async function releaseBindingProfiles(db: Store, bindingId: string, now: Instant): Promise<number> {
  const result = await db
    .updateTable("profiles")
    .set({ bindingId: null, updatedAt: toTimestamp(now) })
    .where("bindingId", "=", bindingId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
