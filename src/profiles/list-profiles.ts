import type { Store } from "../store/database.js";
import type { Page } from "../store/history.js";
import {
  listProfileViewPage,
  type ProfilePosition,
  type ProfileView,
  type ProfileViewFilter,
} from "../store/profile-views.js";
import { requireSync } from "./find-profile.js";

/** One page of a sync's profiles with their counts, by name; the sync must exist. */
export async function listSyncProfiles(
  db: Store,
  syncId: string,
  page: Omit<ProfileViewFilter, "sync"> & { limit: number; after?: ProfilePosition | undefined },
): Promise<Page<ProfileView, ProfilePosition>> {
  const sync = await requireSync(db, syncId);
  return listProfileViewPage(db, { ...page, sync: sync.id });
}
