import SQLite from "better-sqlite3";
import {
  CamelCasePlugin,
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  Kysely,
  type MigrationResultSet,
  Migrator,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type Transaction,
} from "kysely";
import pg from "pg";
import { createPrivateFileSync } from "./data-folder.js";
import { migrations } from "./migrations/index.js";
import type { Database } from "./schema.js";
import { StatementCachingDatabase } from "./sqlite-statements.js";

/** The store: one Kysely instance over SQLite or PostgreSQL. Repository functions take it (or a transaction). */
export type Store = Kysely<Database>;

export interface OpenOptions {
  /** SQLite: how long a writer waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
  /** PostgreSQL: the pool size. */
  maxConnections?: number;
}

/** SQLite: WAL pages after which a commit copies them into the database file. */
export const WAL_CHECKPOINT_PAGES = 10_000;

const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/**
 * Opens the store named by `target`: a `postgres://` or `postgresql://` URL opens a pg pool, anything else
 * is a SQLite file path. Does not migrate; call `migrate` once after opening.
 */
export function openDatabase(target: string, options: OpenOptions = {}): Store {
  const dialect = isPostgresUrl(target) ? postgresDialect(target, options) : sqliteDialect(target, options);
  return new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });
}

function sqliteDialect(path: string, options: OpenOptions): SqliteDialect {
  let connection: SQLite.Database | undefined;
  try {
    // Private from its creation (SQLite would make it 0644 under the usual umask); see data-folder.ts.
    if (path !== ":memory:" && path !== "") createPrivateFileSync(path);
    connection = new SQLite(path);
    const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
    connection.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // WAL lets readers (dashboard, status) proceed while a run writes. NORMAL sync under WAL may lose the
    // last commits on power loss, never consistency; the engine's crash safety (copies are found by their
    // tag) already covers a store that lags behind Graph.
    turnWalOn(connection, busyTimeoutMs);
    connection.pragma("synchronous = NORMAL");
    // A checkpoint every 10,000 pages (about 40 MiB of WAL) instead of 1,000. A checkpoint copies each page
    // written since the last one once, however often it changed, and syncs twice; the pages runs write (the
    // same index leaves, leases, cursors) repeat, so ten times fewer checkpoints copy half as much in all
    // (bench:service:scale, 2,000 people: checkpoints were over half of all commit time, 11 ms every 1.7 s;
    // now 54 ms every 17 s).
    connection.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    connection.pragma("foreign_keys = ON");
    // Up to 32 MiB of pages kept in memory (the default is 2 MiB): the links, cursors and recent history of
    // a few thousand profiles then stay cached between runs instead of being read back from the OS.
    connection.pragma("cache_size = -32768");
  } catch (error) {
    connection?.close();
    throw new Error(`cannot open SQLite database ${path}`, { cause: error });
  }
  return new ImmediateSqliteDialect({ database: new StatementCachingDatabase(connection) });
}

/**
 * Switches the file to WAL, waiting up to `budgetMs` for other connections. SQLite does not call the busy
 * handler for this conversion (it needs the file to itself while another connection may be waiting on us),
 * so two processes opening a new database together (`serve` and `crosscal sync`, or two migrations) failed
 * at once with "database is locked". Written by hand: better-sqlite3 offers no retry. WAL is kept in the
 * file, so after the first open the mode is only read and nothing waits.
 */
function turnWalOn(connection: SQLite.Database, budgetMs: number): void {
  const deadline = Date.now() + budgetMs;
  for (let pauseMs = 5; ; pauseMs = Math.min(pauseMs * 2, 100)) {
    try {
      if (connection.pragma("journal_mode", { simple: true }) === "wal") return;
      connection.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    }
    sleepSync(pauseMs);
  }
}

const isBusy = (error: unknown) =>
  error instanceof SQLite.SqliteError && error.code.startsWith("SQLITE_BUSY");

/** Blocks the thread: opening a database is synchronous, and nothing else may run on this connection meanwhile. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Kysely's SQLite dialect, adjusted so several processes can share one file safely:
 * - transactions take the write lock when they begin. A plain (deferred) `begin` reads first and upgrades
 *   later; in WAL mode an upgrade after another process committed fails at once with SQLITE_BUSY instead
 *   of waiting out the busy timeout. Every transaction we open writes, so nothing is lost by this.
 * - migrations run in a transaction. SQLite does have transactional DDL, but Kysely's adapter says it has
 *   not and then migrates without any lock, so two processes starting together both apply 001. In one
 *   immediate transaction, the write lock is the migration lock: the second process waits, then sees the
 *   migration recorded. A failed migration also leaves no half-made schema behind.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

function postgresDialect(url: string, options: OpenOptions): PostgresDialect {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // An idle client losing its connection (server restart) is reported here; without a listener pg would
  // crash the process. The next query gets a fresh connection and its own error if the server is gone.
  pool.on("error", (error) => {
    process.emitWarning(`PostgreSQL idle connection failed: ${error.message}`);
  });
  return new PostgresDialect({ pool });
}

/**
 * Brings the schema to the latest migration. Idempotent. Safe when several processes start at once: the
 * migrator holds a lock while it reads what has run and applies the rest (Kysely's advisory lock on
 * PostgreSQL; on SQLite the write lock of an immediate transaction, see ImmediateSqliteDialect).
 */
export async function migrate(db: Store): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    // Migrations speak snake_case SQL; the camelCase plugin is for the repository functions only.
    db: db.withoutPlugins(),
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((step) => step.status === "Error")?.migrationName;
    throw new Error(`database migration failed${failed ? ` at ${failed}` : ""}`, { cause: result.error });
  }
  return result;
}

export async function closeDatabase(db: Store): Promise<void> {
  await db.destroy();
}

/**
 * Runs `fn` in one transaction: everything it writes commits together, or nothing does if it throws.
 * Repository functions accept the transaction in place of the store.
 */
export async function transaction<T>(db: Store, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
