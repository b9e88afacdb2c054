import { beforeRestoreFile, restoreSqlite } from "../../store/backup.js";
import { describeDatabase } from "../context.js";
import { badInput, EXIT, type ExitCode } from "../errors.js";
import { type StoreOptions, storeLocation } from "../service-store.js";
import { cliErrorOf, urlWithoutPassword } from "./backup.js";
import { isPostgres } from "./worker.js";

export interface RestoreOptions extends StoreOptions {
  from: string;
  /** Replace the `<db>.before-restore` an earlier restore left. */
  force?: boolean;
}

/**
 * `crosscal restore --from FILE`: puts a backup in the place of the SQLite store, atomically, keeping the
 * database it replaces as `<db>.before-restore`; refused while a process has the database open. The next
 * run finds the copies made since the backup by their tag and adopts them, so nothing is duplicated.
 */
export async function restoreCommand(
  options: RestoreOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  const { target } = storeLocation(options);
  if (isPostgres(target))
    throw badInput(
      [
        "crosscal restore replaces SQLite databases; restore PostgreSQL with pg_restore, crosscal stopped (the password from PGPASSWORD or ~/.pgpass):",
        `  pg_restore --clean --if-exists --no-owner --dbname '${urlWithoutPassword(target)}' '${options.from}'`,
        "see docs/operations.md",
      ].join("\n"),
    );
  let info: Awaited<ReturnType<typeof restoreSqlite>>;
  try {
    info = await restoreSqlite(options.from, target, { overwrite: options.force ?? false });
  } catch (error) {
    throw cliErrorOf(error, {
      missing: "check --from",
      exists: `move it away, or add --force to replace it`,
      "not-crosscal": "check --from: it must be a file crosscal backup wrote",
      newer: "restore it with the crosscal that made it, or a newer one",
      "in-use": "stop crosscal serve, its workers and any crosscal sync --watch, then restore again",
      damaged: "use another backup",
    });
  }
  out(describeDatabase(target));
  log(`restored ${info.file} (schema ${info.migrations.at(-1)}) into ${describeDatabase(target)}`);
  if (info.previous) log(`the database it replaced is kept as ${beforeRestoreFile(target)}`);
  if (info.behind.length > 0)
    log(`the backup lacks ${info.behind.length} migrations of this crosscal: the next start applies them`);
  log(
    "the connections' secrets open only with the secret key they were sealed with: keep the key that went with the backup",
  );
  return EXIT.ok;
}
