// A separate process that migrates the store named by argv[2] and prints what it applied, so tests can
// race real processes against one database.
import { closeDatabase, migrate, openDatabase } from "../../src/store/database.js";

const target = process.argv[2];
if (!target) throw new Error("usage: migrate-process.ts <sqlite path | postgres url>");
const db = openDatabase(target);
try {
  const result = await migrate(db);
  process.stdout.write(JSON.stringify((result.results ?? []).map((step) => step.migrationName)));
} finally {
  await closeDatabase(db);
}
