import { existsSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { loosePlaces } from "../../store/data-folder.js";
import { openDatabase, type Store } from "../../store/database.js";
import { migrations } from "../../store/migrations/index.js";
import { describeDatabase } from "../context.js";
import { type Finding, ok, problem, warning } from "./findings.js";

const SUBJECT = "database";
const isPostgres = (target: string) => /^postgres(ql)?:\/\//i.test(target);
const MIGRATES =
  "start crosscal serve of this version once (serve, worker, sync and apply migrate the database on start)";

/** The database, when it is reachable and fully migrated: the checks that read the store need both. */
export interface DatabaseCheck {
  findings: Finding[];
  db?: Store;
}

/**
 * Whether the database is there, reachable and migrated to exactly this version's schema, without
 * changing anything (no migration, no file created); and whether other accounts may read its files.
 */
export async function checkDatabase(target: string, data: string): Promise<DatabaseCheck> {
  const places = await loosePlaces({ folder: data, ...(!isPostgres(target) && { database: target }) });
  const loose = places.map((place) =>
    warning("file permissions", `${place.what} is open to other users (mode ${place.mode})`, place.fix),
  );
  if (!isPostgres(target) && !existsSync(target))
    return {
      findings: [
        problem(
          SUBJECT,
          `no database at ${path.resolve(target)}`,
          `check --data and --database, or ${MIGRATES}`,
        ),
        ...loose,
      ],
    };
  const db = openSqliteOrPostgres(target);
  if ("finding" in db) return { findings: [db.finding, ...loose] };
  const schema = await schemaOf(db, target);
  if (schema.finding.severity !== "ok") {
    await db.destroy();
    return { findings: [schema.finding, ...loose] };
  }
  return { findings: [schema.finding, ...loose], db };
}

/** The store, or the problem that SQLite found opening the file (a folder, a file that is no database). */
function openSqliteOrPostgres(target: string): Store | { finding: Finding } {
  try {
    return openDatabase(target, { maxConnections: 4 });
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return {
      finding: problem(
        SUBJECT,
        `cannot open ${describeDatabase(target)}: ${cause}`,
        "check --data and --database: they must name crosscal's SQLite database, or restore one with crosscal restore",
      ),
    };
  }
}

async function schemaOf(db: Store, target: string): Promise<{ finding: Finding }> {
  const where = describeDatabase(target);
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    return {
      finding: problem(
        SUBJECT,
        `cannot reach ${where}: ${(error as Error).message}`,
        "check the URL, that the server runs and accepts this machine, and the credentials",
      ),
    };
  }
  let applied: string[];
  try {
    applied = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map(
      (row) => row.name,
    );
  } catch {
    return { finding: problem(SUBJECT, `${where} has no crosscal schema`, MIGRATES) };
  }
  const known = Object.keys(migrations);
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    return {
      finding: problem(
        SUBJECT,
        `${where} was migrated by a newer crosscal (${unknown.join(", ")})`,
        "run the crosscal version that serves this database",
      ),
    };
  const missing = known.filter((name) => !applied.includes(name));
  if (missing.length > 0)
    return {
      finding: problem(
        SUBJECT,
        `${where} lacks migrations ${missing.join(", ")} (connections and subscriptions are not checked until it has them)`,
        MIGRATES,
      ),
    };
  return { finding: ok(SUBJECT, `${where} is reachable and migrated (${known.at(-1)})`) };
}
