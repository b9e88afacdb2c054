import { existsSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../config/load.js";
import type { Config } from "../config/types.js";
import { ensurePrivateFolder } from "../store/data-folder.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../store/database.js";
import { badInput, CliError, describeError } from "./errors.js";

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
