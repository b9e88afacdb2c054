import type { Store } from "../store/database.js";
import { findProfileView, type ProfileView } from "../store/profile-views.js";
import { findProfileById, type Profile } from "../store/profiles.js";
import { findSync, type Sync } from "../store/syncs.js";
import { ProfileRefusal } from "./profile-refusal.js";

/** The sync and profile an operation is about, or its refusal as not found. */

export const profileNotFound = (id: string) =>
  new ProfileRefusal("not_found", "profile_not_found", `no profile with id ${id}`);

export async function requireSync(db: Store, syncId: string): Promise<Sync> {
  const sync = await findSync(db, syncId);
  if (!sync) throw new ProfileRefusal("not_found", "sync_not_found", `no sync with id ${syncId}`);
  return sync;
}

export async function requireProfile(db: Store, id: string): Promise<Profile> {
  const profile = await findProfileById(db, id);
  if (!profile) throw profileNotFound(id);
  return profile;
}

/** A profile with its counts, as the API shows it. */
export async function requireProfileView(db: Store, id: string): Promise<ProfileView> {
  const view = await findProfileView(db, id);
  if (!view) throw profileNotFound(id);
  return view;
}
