import type { SyncSettings } from "../engine/settings.js";
import type { Store } from "../store/database.js";
import { profileStatusCounts } from "../store/profiles.js";
import { findSync, listSyncs, type Sync } from "../store/syncs.js";
import { fromStored, type SyncDocument } from "./sync-document.js";
import type { ProfileCountsData, SyncViewData } from "./sync-document-schema.js";
import { SyncRefusal } from "./sync-refusal.js";

/** Syncs as the API shows them: the sync document, with the sync's profiles counted by status. */

const NO_PROFILES: ProfileCountsData = {
  total: 0,
  draft: 0,
  active: 0,
  paused: 0,
  error: 0,
  needs_confirmation: 0,
};

export const syncNotFound = (id: string) =>
  new SyncRefusal("not_found", "sync_not_found", `no sync with id ${id}`);

/** Profile counts by sync id (of one sync, when given); a sync without profiles has no entry. */
export async function countsBySync(db: Store, sync?: string): Promise<Map<string, ProfileCountsData>> {
  const counts = new Map<string, ProfileCountsData>();
  for (const row of await profileStatusCounts(db, sync)) {
    const entry = counts.get(row.sync) ?? { ...NO_PROFILES };
    entry[row.status] += row.count;
    entry.total += row.count;
    counts.set(row.sync, entry);
  }
  return counts;
}

// Parsed afresh, not through settingsOfSync's cache: two edits within one millisecond share an updatedAt.
export const documentOf = (row: Sync): SyncDocument =>
  fromStored({ ...row, settings: JSON.parse(row.settings) as SyncSettings });

export function syncView(row: Sync, profiles: ProfileCountsData | undefined): SyncViewData {
  return {
    id: row.id,
    // The engine's FieldOverrides type is looser than the schema's; stored settings were checked against it.
    ...(documentOf(row) as Omit<SyncViewData, "id" | "profiles" | "createdAt" | "updatedAt">),
    profiles: profiles ?? NO_PROFILES,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listSyncViews(db: Store): Promise<SyncViewData[]> {
  const [rows, counts] = await Promise.all([listSyncs(db), countsBySync(db)]);
  return rows.map((row) => syncView(row, counts.get(row.id)));
}

export async function findSyncView(db: Store, id: string): Promise<SyncViewData> {
  const row = await findSync(db, id);
  if (!row) throw syncNotFound(id);
  return syncView(row, (await countsBySync(db, id)).get(id));
}
