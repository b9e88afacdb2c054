import { randomUUID } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { chmod, copyFile, link, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import SQLite from "better-sqlite3";
import { createPrivateFileSync, ensurePrivateFolder } from "./data-folder.js";
import { migrations } from "./migrations/index.js";

/**
 * Backup and restore of a SQLite store as one self-contained file. A backup is SQLite's online backup (a
 * consistent copy while the service goes on writing), turned into a single file (no -wal beside it) that
 * only crosscal's account may read. A restore puts such a file in the database's place atomically, keeping
 * the database it replaces, and only when no process has the database open. PostgreSQL has pg_dump.
 */

/** Why a backup or restore cannot be done, each with its own advice in the CLI. */
export type SqliteFileProblem =
  /** The database (backup) or the backup file (restore) does not exist. */
  | "missing"
  /** The destination exists already (backup), or so does `<db>.before-restore` (restore). */
  | "exists"
  /** The file is no SQLite database, or one crosscal never migrated. */
  | "not-crosscal"
  /** The file was written by a newer crosscal: its schema has migrations this one does not know. */
  | "newer"
  /** Another process (serve, a worker, a sync) has the database open. */
  | "in-use"
  /** SQLite's own check of the file found damage. */
  | "damaged";

export class SqliteFileError extends Error {
  constructor(
    readonly problem: SqliteFileProblem,
    message: string,
  ) {
    super(message);
    this.name = "SqliteFileError";
  }
}

/** What a backup file holds: its migrations (the schema's version) and its size. */
export interface BackupInfo {
  file: string;
  bytes: number;
  /** Names of the migrations applied to it, in order. */
  migrations: string[];
  /** Migrations this crosscal has that it lacks: applied on the next start. */
  behind: string[];
}

/** `<db>.before-restore`: where a restore keeps the database it replaced. */
export const beforeRestoreFile = (database: string) => `${path.resolve(database)}.before-restore`;

const temporaryBeside = (file: string, what: string) =>
  path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${what}-${randomUUID()}.tmp`);

/**
 * Checks a database file crosscal could use, and makes it one file: SQLite's quick check, the migrations
 * recorded in it (none known: not a crosscal database; one unknown: a newer crosscal's), then the journal
 * mode set to DELETE so that it lives without -wal and -shm files. The next `openDatabase` sets WAL again.
 * `file` is a temporary copy: messages name `shownAs`, the file the admin gave.
 */
function settle(file: string, shownAs: string): Omit<BackupInfo, "bytes"> {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { fileMustExist: true });
  } catch (error) {
    throw new SqliteFileError(
      "not-crosscal",
      `${shownAs} is not a SQLite database (${(error as Error).message})`,
    );
  }
  try {
    const applied = appliedMigrations(db, shownAs);
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok")
      throw new SqliteFileError("damaged", `${shownAs} is damaged: SQLite's check says ${check}`);
    db.pragma("journal_mode = DELETE");
    const known = Object.keys(migrations);
    return { file, migrations: applied, behind: known.filter((name) => !applied.includes(name)) };
  } finally {
    db.close();
  }
}

function appliedMigrations(db: SQLite.Database, file: string): string[] {
  let names: string[];
  try {
    names = (db.prepare("select name from kysely_migration order by name").all() as { name: string }[]).map(
      (row) => row.name,
    );
  } catch (error) {
    const reason =
      (error as { code?: string }).code === "SQLITE_NOTADB" ? "not a SQLite database" : "no crosscal schema";
    throw new SqliteFileError("not-crosscal", `${file} is not a crosscal database (${reason})`);
  }
  if (names.length === 0)
    throw new SqliteFileError("not-crosscal", `${file} is not a crosscal database (no migration applied)`);
  const unknown = names.filter((name) => !(name in migrations));
  if (unknown.length > 0)
    throw new SqliteFileError(
      "newer",
      `${file} was written by a newer crosscal (migrations ${unknown.join(", ")} are unknown to this one): upgrade crosscal first`,
    );
  return names;
}

async function flush(file: string): Promise<void> {
  const handle = await open(file, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Backs up the SQLite database `source` into `destination` while it may be in use: SQLite's online backup
 * into a private temporary file beside the destination, checked and settled into one file, then moved into
 * place (never over an existing file unless `overwrite`).
 */
export async function backupSqlite(
  source: string,
  destination: string,
  options: { overwrite: boolean },
): Promise<BackupInfo> {
  if (!existsSync(source)) throw new SqliteFileError("missing", `no database at ${path.resolve(source)}`);
  if (!options.overwrite && existsSync(destination))
    throw new SqliteFileError("exists", `${path.resolve(destination)} exists already`);
  await ensurePrivateFolder(path.dirname(path.resolve(destination)));
  const temporary = temporaryBeside(destination, "backup");
  // Private from the start: a backup holds what the database holds.
  createPrivateFileSync(temporary);
  try {
    const db = new SQLite(source, { fileMustExist: true });
    try {
      db.pragma("busy_timeout = 5000");
      await db.backup(temporary);
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_NOTADB") throw error;
      throw new SqliteFileError("not-crosscal", `${path.resolve(source)} is not a SQLite database`);
    } finally {
      db.close();
    }
    const info = settle(temporary, path.resolve(source));
    await flush(temporary);
    await place(temporary, destination, options.overwrite);
    return { ...info, file: path.resolve(destination), bytes: (await stat(destination)).size };
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Moves a finished file into place: a link never replaces an existing file, a rename does. */
async function place(temporary: string, destination: string, overwrite: boolean): Promise<void> {
  if (overwrite) return rename(temporary, destination);
  try {
    await link(temporary, destination);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new SqliteFileError("exists", `${path.resolve(destination)} exists already`);
    throw error;
  }
}

/**
 * Takes the database for this process alone, or says it is in use: a process that has it open in WAL mode
 * (serve, a worker, a sync) holds a lock that an exclusive lock cannot pass. Kept until `close()`.
 */
function lockAlone(database: string): SQLite.Database {
  const db = new SQLite(database, { fileMustExist: true, timeout: 0 });
  try {
    // Before the first read: then SQLite takes the file's lock for this connection alone and keeps it.
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("begin exclusive; commit");
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.pragma("journal_mode = DELETE");
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY")
      throw new SqliteFileError(
        "in-use",
        `${path.resolve(database)} is in use by another process (crosscal serve, a worker, a sync)`,
      );
    throw error;
  }
}

/**
 * Puts the backup `from` in the place of the SQLite database `database`, atomically: the backup is copied
 * beside it and checked, the database is taken for this process alone (refused while another process has
 * it open), moved to `<db>.before-restore` (replacing an earlier one only with `overwrite`), and the copy
 * renamed into its place. An older backup's schema is migrated by the next start, as an upgrade's is.
 */
export async function restoreSqlite(
  from: string,
  database: string,
  options: { overwrite: boolean },
): Promise<BackupInfo & { previous?: string }> {
  if (!existsSync(from)) throw new SqliteFileError("missing", `no backup at ${path.resolve(from)}`);
  if (!statSync(from).isFile())
    throw new SqliteFileError(
      "not-crosscal",
      `${path.resolve(from)} is not a crosscal database (not a file)`,
    );
  const previous = beforeRestoreFile(database);
  if (existsSync(database) && existsSync(previous) && !options.overwrite)
    throw new SqliteFileError("exists", `${previous} exists already, from an earlier restore`);
  await ensurePrivateFolder(path.dirname(path.resolve(database)));
  const temporary = temporaryBeside(database, "restore");
  try {
    await copyFile(from, temporary);
    await chmod(temporary, 0o600);
    const info = settle(temporary, path.resolve(from));
    await flush(temporary);
    const bytes = (await stat(temporary)).size;
    if (!existsSync(database)) {
      await rename(temporary, database);
      return { ...info, file: path.resolve(from), bytes };
    }
    const old = lockAlone(database);
    try {
      await rename(database, previous);
      // Left by a process that did not close cleanly: they must not be read with the restored file.
      await rm(`${database}-wal`, { force: true });
      await rm(`${database}-shm`, { force: true });
      await rename(temporary, database);
    } finally {
      old.close();
    }
    return { ...info, file: path.resolve(from), bytes, previous };
  } finally {
    await rm(temporary, { force: true });
  }
}
