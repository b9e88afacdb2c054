import type SQLite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** Enough for every distinct statement the repository functions build, with room for `in (...)` lists. */
const DEFAULT_CAPACITY = 256;

/**
 * A better-sqlite3 database that prepares each SQL text once. Kysely's SQLite driver calls `prepare` for
 * every query, and compiling the statement costs more than running it for the small queries a sync run
 * makes; better-sqlite3 statements are meant to be kept and re-run. Neither library caches them, hence
 * this wrapper (hand-written: a few lines around `prepare`, no library does exactly this).
 *
 * Safe to share: Kysely's driver serializes queries on its single connection, and a statement finishes
 * (`all`/`run`) before the next query starts. A stream (`iterate`) holds the connection until it ends, and
 * gets a statement of its own anyway, since a statement cannot run while it is being iterated.
 * Least recently used statements are dropped beyond `capacity`; SQLite re-prepares a kept statement by
 * itself when a migration changed the schema.
 */
export class StatementCachingDatabase implements SqliteDatabase {
  readonly #statements = new Map<string, SqliteStatement>();

  constructor(
    readonly database: SQLite.Database,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  prepare(sql: string): SqliteStatement {
    const cached = this.#statements.get(sql);
    if (cached) {
      // Re-inserting keeps the map in least-recently-used order.
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = streamSafe(this.database.prepare(sql), this.database, sql);
    this.#statements.set(sql, statement);
    if (this.#statements.size > this.capacity) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return statement;
  }

  /** How many statements are kept (for tests). */
  get size(): number {
    return this.#statements.size;
  }

  close(): void {
    this.#statements.clear();
    this.database.close();
  }
}

/** The cached statement for `all` and `run`; a fresh one for `iterate` (see the class comment). */
function streamSafe(statement: SQLite.Statement, database: SQLite.Database, sql: string): SqliteStatement {
  return {
    reader: statement.reader,
    all: (parameters) => statement.all(parameters),
    run: (parameters) => statement.run(parameters),
    iterate: (parameters) => database.prepare(sql).iterate(parameters) as IterableIterator<unknown>,
  };
}
