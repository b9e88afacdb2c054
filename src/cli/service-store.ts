import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { loadSecretBox, SECRET_KEY_ENV, SECRET_KEY_FILE, SecretKeyError } from "../secrets/key.js";
import { SecretBox } from "../secrets/secret-box.js";
import { ensurePrivateFolder } from "../store/data-folder.js";
import type { Store } from "../store/database.js";
import { openStore, scratchStore } from "./context.js";
import { badInput } from "./errors.js";

/**
 * Where a command finds the store and the key `crosscal serve` uses: the data folder (`--data`, holding
 * `secret.key` and, by default, `crosscal.db`) and the database (`--database`, or its older name `--db`:
 * a SQLite file or a postgres:// URL). Every command reads and writes the same records as the service.
 */
export interface StoreOptions {
  data?: string;
  database?: string;
  /** The older name of --database. */
  db?: string;
}

export const DEFAULT_DATA = "./data";

const isPostgres = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/** The data folder and the database: a SQLite file named alone keeps its key in its own folder. */
export function storeLocation(options: StoreOptions): { data: string; target: string } {
  const database = options.database ?? options.db;
  const data = options.data ?? (database && !isPostgres(database) ? path.dirname(database) : DEFAULT_DATA);
  return { data, target: database ?? path.join(data, "crosscal.db") };
}

export interface OpenedStore {
  db: Store;
  secrets: SecretBox;
  target: string;
  /** A dry run without a database plans against an empty store in memory. */
  scratch: boolean;
}

/**
 * The store and the key for a command that writes (`apply`, `sync`): both created when missing, the data
 * folder private to crosscal's account.
 */
export async function openForWriting(options: StoreOptions): Promise<OpenedStore> {
  const { data, target } = storeLocation(options);
  // The database first: an unreachable one stops the command before a key file is made for nothing.
  const db = (await openStore(target, true))!;
  try {
    await ensurePrivateFolder(data);
    return { db, secrets: await secretBox(data), target, scratch: false };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/**
 * The same for a dry run (`apply --dry-run`, `preview`, `cleanup`), which writes nothing anywhere: without
 * a database it works on an empty scratch store, and without a key it seals with a throwaway one.
 */
export async function openForDryRun(options: StoreOptions): Promise<OpenedStore> {
  const { data, target } = storeLocation(options);
  const stored = await openStore(target, false);
  const hasKey = process.env[SECRET_KEY_ENV] !== undefined || existsSync(path.join(data, SECRET_KEY_FILE));
  const secrets = hasKey ? await secretBox(data) : new SecretBox(randomBytes(32));
  return { db: stored ?? (await scratchStore()), secrets, target, scratch: stored === undefined };
}

async function secretBox(dataDir: string): Promise<SecretBox> {
  try {
    return (await loadSecretBox({ dataDir })).box;
  } catch (error) {
    if (error instanceof SecretKeyError) throw badInput(`${error.message}; nothing was written`);
    throw error;
  }
}
