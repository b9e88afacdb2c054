import type { Store } from "../store/database.js";
import type { Page } from "../store/history.js";
import {
  countProfileViews,
  listProfileViewPage,
  type ProfileOrder,
  type ProfilePosition,
  type ProfileSelection,
  type ProfileView,
} from "../store/profile-views.js";
import { requireSync } from "./find-profile.js";

export interface ProfileListQuery extends ProfileSelection {
  limit: number;
  order: ProfileOrder;
  after?: ProfilePosition | undefined;
}

/** One page of profiles with their counts, and how many the filters match in all (every page). */
export interface ProfileList extends Page<ProfileView, ProfilePosition> {
  total: number;
}

/** One page of every sync's profiles (or one sync's, with `sync`), in the order asked, and the total. */
export async function listProfiles(db: Store, query: ProfileListQuery): Promise<ProfileList> {
  const page = await listProfileViewPage(db, query);
  return { ...page, total: await countProfileViews(db, query) };
}

/** One page of a sync's profiles with their counts, and the total; the sync must exist. */
export async function listSyncProfiles(
  db: Store,
  syncId: string,
  query: Omit<ProfileListQuery, "sync">,
): Promise<ProfileList> {
  const sync = await requireSync(db, syncId);
  return listProfiles(db, { ...query, sync: sync.id });
}
