import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { SyncSettings } from "../engine/settings.js";
import { profileIdOf } from "../profiles/profile-id.js";
import type { Store } from "../store/database.js";
import {
  adoptProfilesOfSyncName,
  insertProfile,
  listProfiles,
  type Profile,
  updateProfileDetails,
} from "../store/profiles.js";
import { storedStartMode } from "../store/start-mode.js";
import { findSyncByName, insertSync, type Sync, updateSync } from "../store/syncs.js";
import type { Instant } from "../store/timestamps.js";
import { type AppliedItem, type AppliedProfile, type ApplyContext, ApplyError } from "./apply-types.js";
import { changedSinceApplied, syncHash } from "./drift.js";
import { canonicalSettings, settingsOfConfigSync } from "./sync-document.js";
import type { Sync as ConfigSync } from "./types.js";

/** A config file's sync into the store, as `applyConnection` does for connections. */
export async function applySync(
  db: Store,
  context: ApplyContext,
  sync: ConfigSync,
  connectionIds: Map<string, string>,
  now: Instant,
): Promise<AppliedItem> {
  const settings = settingsOfConfigSync(sync);
  const desired = {
    connectionA: connectionIds.get(sync.a.name)!,
    connectionB: connectionIds.get(sync.b.name)!,
    startMode: storedStartMode(sync.startMode),
    settings: JSON.stringify(settings),
  };
  const appliedHash = syncHash(desired);
  const row = await findSyncByName(db, sync.name);
  if (!row) {
    const id = randomUUID();
    await insertSync(db, { id, name: sync.name, ...desired, appliedHash }, now);
    return { name: sync.name, id, outcome: "created" };
  }
  const changed = changedSyncFields(row, desired, settings);
  if (changed.length > 0 && changedSinceApplied(row.appliedHash, syncHash(row))) {
    context.drift.push({ kind: "sync", name: sync.name, fields: changed });
  }
  if (changed.length === 0) {
    const agreed = syncHash(row);
    if (row.appliedHash !== agreed) await updateSync(db, row.id, { appliedHash: agreed }, now);
    return { name: sync.name, id: row.id, outcome: "unchanged" };
  }
  if (changed.includes("connections")) await refuseMovingProfiles(db, row);
  await updateSync(db, row.id, { ...desired, appliedHash }, now);
  return { name: sync.name, id: row.id, outcome: "updated", changed };
}

function changedSyncFields(
  row: Sync,
  desired: { connectionA: string; connectionB: string; startMode: string },
  settings: SyncSettings,
): string[] {
  const changed: string[] = [];
  if (row.connectionA !== desired.connectionA || row.connectionB !== desired.connectionB) {
    changed.push("connections");
  }
  if (row.startMode !== desired.startMode) changed.push("startMode");
  const stored = canonicalSettings(JSON.parse(row.settings) as SyncSettings);
  if (!isDeepStrictEqual(stored, settings)) changed.push("settings");
  return changed;
}

/** Copies were made through the sync's connections: moving it would orphan them (as the API refuses). */
async function refuseMovingProfiles(db: Store, row: Sync): Promise<void> {
  const profiles = await listProfiles(db, { sync: row.id });
  if (profiles.length > 0) {
    throw new ApplyError(
      `sync "${row.name}": its connections cannot change while it has ${profiles.length} profile(s) (copies were made through them); remove its profiles first, or give the sync another name`,
    );
  }
}

const mailboxKey = (a: string, b: string) => `${a.toLowerCase()}\n${b.toLowerCase()}`;

export interface AppliedProfiles {
  applied: AppliedProfile[];
  notInFile: { id: string; sync: string; name: string; a: string; b: string }[];
}

/**
 * The sync's profiles of the file: new ones are drafts (started by `crosscal sync`, or by an admin), with
 * the id the command line has always given them (so `cleanup` finds their copies without the store);
 * renamed ones renamed. Profiles the command line stored under the sync's name before it had a row of its
 * own are adopted first. The store's others are left alone and listed.
 */
export async function applyProfiles(
  db: Store,
  sync: ConfigSync,
  syncId: string,
  now: Instant,
): Promise<AppliedProfiles> {
  await adoptProfilesOfSyncName(db, sync.name, syncId);
  const existing = new Map<string, Profile>(
    (await listProfiles(db, { sync: syncId })).map((row) => [mailboxKey(row.mailboxA, row.mailboxB), row]),
  );
  const applied: AppliedProfile[] = [];
  for (const profile of sync.profiles) {
    const key = mailboxKey(profile.a, profile.b);
    const row = existing.get(key);
    existing.delete(key);
    const base = { sync: sync.name, name: profile.name, a: profile.a, b: profile.b };
    if (!row) {
      const created = await insertProfile(
        db,
        {
          id: profileIdOf(sync.name, profile.a, profile.b),
          sync: syncId,
          name: profile.name,
          mailboxA: profile.a,
          mailboxB: profile.b,
          startMode: storedStartMode(sync.startMode),
          status: "draft",
          source: "config",
        },
        now,
      );
      applied.push({ ...base, id: created.id, outcome: "created" });
    } else if (row.name !== profile.name) {
      await updateProfileDetails(db, row.id, { name: profile.name }, now);
      applied.push({ ...base, id: row.id, outcome: "updated" });
    } else {
      applied.push({ ...base, id: row.id, outcome: "unchanged" });
    }
  }
  const notInFile = [...existing.values()].map((row) => ({
    id: row.id,
    sync: sync.name,
    name: row.name,
    a: row.mailboxA,
    b: row.mailboxB,
  }));
  return { applied, notInFile };
}
