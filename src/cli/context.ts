import { existsSync } from "node:fs";
import path from "node:path";
import { closest } from "../config/did-you-mean.js";
import { ConfigError, loadConfig } from "../config/load.js";
import type { Config } from "../config/types.js";
import { type ConfiguredProfile, configuredProfiles } from "../profiles/reconcile-profiles.js";
import { ensurePrivateFolder } from "../store/data-folder.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../store/database.js";
import { badInput, CliError, describeError, type ProfileSides } from "./errors.js";

export const DEFAULT_DB = "./data/crosscal.db";

/** Options every command shares. */
export interface CommonOptions {
  config: string;
  db: string;
}

/** The config file, or exit code 2 with every problem listed as file:line:column. */
export async function readConfig(file: string): Promise<Config> {
  try {
    return await loadConfig(file, process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw badInput(error.message);
    throw error;
  }
}

const isPostgres = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/** The database as it may be shown: a PostgreSQL URL without its password. */
export function describeDatabase(target: string): string {
  if (!isPostgres(target)) return path.resolve(target);
  try {
    const url = new URL(target);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "the PostgreSQL database (unreadable URL)";
  }
}

/**
 * Opens and migrates the store. A SQLite file that does not exist is created (with its folder, both
 * private to crosscal's account) when `create` is set; otherwise undefined is returned, so read-only
 * commands never leave a file behind.
 */
export async function openStore(target: string, create: boolean): Promise<Store | undefined> {
  if (!isPostgres(target)) {
    if (!existsSync(target) && !create) return undefined;
    await ensurePrivateFolder(path.dirname(path.resolve(target)));
  }
  let db: Store | undefined;
  try {
    db = openDatabase(target);
    await migrate(db);
    return db;
  } catch (error) {
    if (db) await closeDatabase(db).catch(() => undefined);
    throw new CliError(`database ${describeDatabase(target)}: ${describeError(error)}`);
  }
}

/** A throwaway store for a dry run when there is no database yet: nothing is written anywhere. */
export async function scratchStore(): Promise<Store> {
  const db = openDatabase(":memory:");
  await migrate(db);
  return db;
}

export interface Selection {
  profile?: string;
  sync?: string;
}

/** The configured profiles named by `--sync` and `--profile` (all of them when neither is given). */
export function selectProfiles(config: Config, selection: Selection): ConfiguredProfile[] {
  let profiles = configuredProfiles(config);
  if (selection.sync !== undefined) {
    const names = config.syncs.map((sync) => sync.name);
    if (!names.includes(selection.sync)) {
      throw badInput(
        `no sync named "${selection.sync}" in ${config.file}${suggestion(selection.sync, names)}`,
      );
    }
    profiles = profiles.filter((p) => p.sync.name === selection.sync);
  }
  if (selection.profile === undefined) return profiles;
  const wanted = selection.profile;
  const matches = profiles.filter((p) => p.profile.name === wanted);
  if (matches.length === 0) {
    const names = profiles.map((p) => p.profile.name);
    const scope = selection.sync === undefined ? "" : ` of sync "${selection.sync}"`;
    throw badInput(`no profile named "${wanted}"${scope} in ${config.file}${suggestion(wanted, names)}`);
  }
  if (matches.length > 1) {
    const syncs = matches.map((p) => `"${p.sync.name}"`).join(", ");
    throw badInput(`profile "${wanted}" is in several syncs (${syncs}): add --sync to say which`);
  }
  return matches;
}

function suggestion(word: string, candidates: string[]): string {
  const match = closest(word, candidates);
  return match ? ` (did you mean "${match}"?)` : "";
}

/** `profile "Adele Vance" (sync contoso-fabrikam)`: how every message names a profile. */
export const profileLabel = (name: string, sync: string) => `profile "${name}" (sync ${sync})`;

export function sidesOf(configured: ConfiguredProfile): ProfileSides {
  const { sync, profile } = configured;
  return {
    A: { connection: sync.a.name, mailbox: profile.a },
    B: { connection: sync.b.name, mailbox: profile.b },
  };
}
