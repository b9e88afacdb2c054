import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { createTestDatabase, postgresContext } from "../helpers/postgres.js";

/**
 * Runs one suite against both dialects: a temp SQLite file and a fresh database on the run's PostgreSQL
 * server. Tests get a migrated, emptied store before each test.
 */

export type Dialect = "sqlite" | "postgres";

/** An empty database of one dialect: `target` is what openDatabase takes. */
export interface BlankDatabase {
  target: string;
  drop(): Promise<void>;
}

export async function createBlankDatabase(dialect: Dialect): Promise<BlankDatabase> {
  if (dialect === "postgres") {
    const database = await createTestDatabase();
    return { target: database.url, drop: database.drop };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-sqlite-"));
  return { target: path.join(dir, "crosscal.db"), drop: () => rm(dir, { recursive: true, force: true }) };
}

export interface StoreContext {
  dialect: Dialect;
  /** The suite's store (migrated; emptied before each test). */
  db(): Store;
  /** Another, independent connection (pool) to the same database; closed after the suite. */
  openAnother(): Store;
}

export function describeStores(name: string, body: (context: StoreContext) => void): void {
  for (const dialect of ["sqlite", "postgres"] as const) {
    const skipReason = dialect === "postgres" ? postgresContext().skipReason : undefined;
    const title = skipReason ? `${name} [${dialect}] skipped: ${skipReason}` : `${name} [${dialect}]`;
    describe.skipIf(skipReason !== undefined)(title, () => {
      let database: BlankDatabase | undefined;
      let store: Store | undefined;
      const others: Store[] = [];

      beforeAll(async () => {
        database = await createBlankDatabase(dialect);
        store = openDatabase(database.target);
        await migrate(store);
      });
      afterAll(async () => {
        for (const other of others) await closeDatabase(other);
        if (store) await closeDatabase(store);
        await database?.drop();
      });
      // Every row hangs off a profile and foreign keys cascade, so this empties the store.
      beforeEach(async () => {
        await store!.deleteFrom("profiles").execute();
      });

      body({
        dialect,
        db: () => store!,
        openAnother: () => {
          const other = openDatabase(database!.target);
          others.push(other);
          return other;
        },
      });
    });
  }
}
