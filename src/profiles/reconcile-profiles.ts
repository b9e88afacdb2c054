import type { Config, Profile as ConfigProfile, Sync } from "../config/types.js";
import type { Store } from "../store/database.js";
import { insertProfile, listProfiles, type Profile, updateProfileDetails } from "../store/profiles.js";
import { storeStartMode } from "../engine/from-config.js";
import { profileIdOf } from "./profile-id.js";

/** A profile of the config file with the sync it belongs to and its (deterministic) store id. */
export interface ConfiguredProfile {
  id: string;
  sync: Sync;
  profile: ConfigProfile;
}

export interface Reconciliation {
  /** Profiles the config declares, in file order, each with its row in the store. */
  profiles: { configured: ConfiguredProfile; stored: Profile }[];
  /** Profiles added to the store now (started: status active, the sync's start mode). */
  added: Profile[];
  /** Profiles whose name or start mode changed in the config. */
  updated: Profile[];
  /** Profiles in the store that the config no longer declares: left alone (their copies too). */
  notInConfig: Profile[];
}

export function configuredProfiles(config: Config): ConfiguredProfile[] {
  return config.syncs.flatMap((sync) =>
    sync.profiles.map((profile) => ({ id: profileIdOf(sync.name, profile.a, profile.b), sync, profile })),
  );
}

/**
 * The store row a configured profile would have before its first run, without writing it: what a dry
 * run plans against.
 */
export function unsavedProfile(configured: ConfiguredProfile, now: Date): Profile {
  const at = now.toISOString();
  return {
    id: configured.id,
    sync: configured.sync.name,
    name: configured.profile.name,
    mailboxA: configured.profile.a,
    mailboxB: configured.profile.b,
    status: "active",
    statusReason: null,
    startMode: storeStartMode(configured.sync),
    baselineTakenAt: null,
    createdAt: at,
    updatedAt: at,
    source: "config",
    bindingId: null,
    mailboxCheck: "unverified",
    mailboxCheckReason: null,
    mailboxCheckedAt: null,
  };
}

/**
 * Brings the store's profiles in line with the config file: a new profile starts (active, with its sync's
 * start mode); a renamed one is renamed. Nothing is ever removed here: a profile taken out of the file
 * keeps its links and copies until someone cleans it up, so an editing mistake costs nothing.
 */
export async function reconcileProfiles(db: Store, config: Config, now: Date): Promise<Reconciliation> {
  const stored = new Map((await listProfiles(db)).map((profile) => [profile.id, profile]));
  const result: Reconciliation = { profiles: [], added: [], updated: [], notInConfig: [] };
  const declared = new Set<string>();
  for (const configured of configuredProfiles(config)) {
    declared.add(configured.id);
    let row = stored.get(configured.id);
    if (!row) {
      row = await insertProfile(db, { ...unsavedProfile(configured, now), status: "active" }, now);
      result.added.push(row);
    } else if (changed(row, configured)) {
      const details = { name: configured.profile.name, startMode: storeStartMode(configured.sync) };
      await updateProfileDetails(db, row.id, details, now);
      row = { ...row, ...details };
      result.updated.push(row);
    }
    result.profiles.push({ configured, stored: row });
  }
  result.notInConfig = [...stored.values()].filter((profile) => !declared.has(profile.id));
  return result;
}

function changed(row: Profile, configured: ConfiguredProfile): boolean {
  return row.name !== configured.profile.name || row.startMode !== storeStartMode(configured.sync);
}
