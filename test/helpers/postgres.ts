import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import type { PostgresContext } from "./postgres-server.js";

/** The test run's PostgreSQL server (started by postgres-setup.ts), or why there is none. */
export function postgresContext(): PostgresContext {
  return inject("postgres");
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server, so test files (and tests needing a blank one) never meet. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, skipReason } = postgresContext();
  if (!adminUrl) throw new Error(`no PostgreSQL server for tests: ${skipReason}`);
  const name = `crosscal_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a test that failed midway may still hold connections.
    drop: () =>
      withAdmin(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).then(
        () => {},
      ),
  };
}
