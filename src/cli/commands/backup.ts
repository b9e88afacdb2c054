import path from "node:path";
import { SECRET_KEY_ENV, SECRET_KEY_FILE } from "../../secrets/key.js";
import { backupSqlite, SqliteFileError, type SqliteFileProblem } from "../../store/backup.js";
import { describeDatabase } from "../context.js";
import { badInput, CliError, EXIT, type ExitCode } from "../errors.js";
import { type StoreOptions, storeLocation } from "../service-store.js";
import { isPostgres } from "./worker.js";

export interface BackupOptions extends StoreOptions {
  to: string;
  /** Replace an existing file at `to`. */
  force?: boolean;
}

/** A PostgreSQL URL to paste in a command: without its password (PGPASSWORD or ~/.pgpass give it). */
export function urlWithoutPassword(target: string): string {
  try {
    const url = new URL(target);
    url.password = "";
    return url.toString();
  } catch {
    return "postgres://USER@HOST/DATABASE";
  }
}

/** Problems the operator fixes by changing the command (exit 2), or that stop it as things are (exit 1). */
const BAD_INPUT: ReadonlySet<SqliteFileProblem> = new Set(["missing", "exists", "not-crosscal", "newer"]);

/** A backup's or a restore's problem as the CLI reports it, with what to do. */
export function cliErrorOf(error: unknown, advice: Partial<Record<SqliteFileProblem, string>>): unknown {
  if (!(error instanceof SqliteFileError)) return error;
  const message = advice[error.problem] ? `${error.message}: ${advice[error.problem]}` : error.message;
  return BAD_INPUT.has(error.problem) ? badInput(message) : new CliError(message);
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * `crosscal backup --to FILE`: a consistent copy of the SQLite store while the service runs (SQLite's online
 * backup), one file readable by crosscal's account only. PostgreSQL has pg_dump: the command to use is
 * printed, with exit code 2. The secret key is not in the backup: it is kept apart, on purpose.
 */
export async function backupCommand(
  options: BackupOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  const { data, target } = storeLocation(options);
  if (isPostgres(target))
    throw badInput(
      [
        "crosscal backup copies SQLite databases; back up PostgreSQL with pg_dump (the password from PGPASSWORD or ~/.pgpass):",
        `  pg_dump --format=custom --file '${options.to}' '${urlWithoutPassword(target)}'`,
        "see docs/operations.md",
      ].join("\n"),
    );
  let info: Awaited<ReturnType<typeof backupSqlite>>;
  try {
    info = await backupSqlite(target, options.to, { overwrite: options.force ?? false });
  } catch (error) {
    throw cliErrorOf(error, {
      missing: "nothing to back up (check --data or --database)",
      exists: "choose another file, or add --force to replace it",
      "not-crosscal": "check --data or --database",
      newer: "this crosscal is older than the database",
    });
  }
  out(info.file);
  log(
    `backed up ${describeDatabase(target)} to ${info.file} (${megabytes(info.bytes)}, schema ${info.migrations.at(-1)})`,
  );
  const key =
    process.env[SECRET_KEY_ENV] !== undefined
      ? `the variable ${SECRET_KEY_ENV}`
      : path.resolve(data, SECRET_KEY_FILE);
  log(
    `the secret key is not in the backup: keep ${key} apart (a restore needs the same key to open the connections' secrets)`,
  );
  return EXIT.ok;
}
