import type { TestProject } from "vitest/node";
import { findPostgresBin, type PostgresContext, startPostgresCluster } from "./postgres-server.js";

/**
 * Vitest global setup: one private PostgreSQL cluster for the whole test run; each test file creates its
 * own database on it (test/helpers/postgres.ts). CROSSCAL_TEST_POSTGRES_URL points the tests at an
 * existing server instead (a superuser URL: files create and drop databases).
 *
 * In CI a missing or failing server fails the run. Elsewhere, missing binaries skip the PostgreSQL tests
 * with a message; binaries that fail to start still fail the run, since that is a real problem.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const provide = (context: PostgresContext) => project.provide("postgres", context);
  const external = process.env.CROSSCAL_TEST_POSTGRES_URL;
  if (external) {
    provide({ adminUrl: external });
    return undefined;
  }
  const bin = findPostgresBin();
  if (!bin) {
    const where = process.env.CROSSCAL_PG_BIN ?? "/usr/lib/postgresql/*/bin";
    const reason = `PostgreSQL server binaries (initdb) not found in ${where}; install postgresql, or set CROSSCAL_PG_BIN or CROSSCAL_TEST_POSTGRES_URL`;
    if (process.env.CI === "true") throw new Error(`${reason}: CI must run the PostgreSQL tests`);
    process.stderr.write(`\n[postgres] ${reason}: the PostgreSQL store tests are skipped\n\n`);
    provide({ skipReason: reason });
    return undefined;
  }
  const cluster = await startPostgresCluster(bin);
  provide({ adminUrl: cluster.adminUrl });
  return () => cluster.stop();
}
