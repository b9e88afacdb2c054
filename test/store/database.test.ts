import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { findCursor, saveCursor } from "../../src/store/cursors.js";
import {
  closeDatabase,
  migrate,
  openDatabase,
  type Store,
  transaction,
  WAL_CHECKPOINT_PAGES,
} from "../../src/store/database.js";
import { listDecisions, recordDecisions } from "../../src/store/decisions.js";
import { insertLink, listLinks } from "../../src/store/links.js";
import { migrations } from "../../src/store/migrations/index.js";
import { findProfileById } from "../../src/store/profiles.js";
import { findRunById, finishRun, startRun, zeroCounts } from "../../src/store/runs.js";
import { postgresContext } from "../helpers/postgres.js";
import { at, someProfile, T0 } from "./fixtures.js";
import { type BlankDatabase, createBlankDatabase, type Dialect, describeStores } from "./targets.js";

const run = promisify(execFile);

/** Every migration, in the order it must apply. */
const MIGRATIONS = [
  "001_initial",
  "002_cursor_settings",
  "003_subscriptions",
  "004_admin",
  "005_history_indexes",
  "006_connections",
  "007_service",
  "008_security",
  "009_one_model",
  "010_dashboard",
  "011_lookup_indexes",
];

const TABLES = [
  "admin_sessions",
  "admin_setup_tokens",
  "admin_users",
  "api_tokens",
  "audit_log",
  "connections",
  "consent_requests",
  "cursors",
  "decisions",
  "graph_usage",
  "group_bindings",
  "jobs",
  "links",
  "profile_leases",
  "profiles",
  "runs",
  "sign_in_failures",
  "subscriptions",
  "syncs",
  "tombstones",
];

async function userTables(db: Store): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((table) => table.name).sort();
}

async function appliedMigrations(db: Store): Promise<string[]> {
  const result = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return result.rows.map((row) => row.name);
}

const migrateScript = fileURLToPath(new URL("./migrate-process.ts", import.meta.url));

/** Migrates in a child process; resolves to the names of the migrations that process applied. */
async function migrateInProcess(target: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", migrateScript, target]);
  return JSON.parse(stdout) as string[];
}

for (const dialect of ["sqlite", "postgres"] as const satisfies Dialect[]) {
  const skipReason = dialect === "postgres" ? postgresContext().skipReason : undefined;
  describe.skipIf(skipReason !== undefined)(
    `migrate [${dialect}]${skipReason ? ` skipped: ${skipReason}` : ""}`,
    () => {
      const opened: Store[] = [];
      let blank: BlankDatabase | undefined;
      const open = (target: string) => {
        const db = openDatabase(target);
        opened.push(db);
        return db;
      };
      afterEach(async () => {
        for (const db of opened.splice(0)) await closeDatabase(db);
        await blank?.drop();
      });

      it("creates every table on an empty database and records each migration once", async () => {
        blank = await createBlankDatabase(dialect);
        const db = open(blank.target);
        expect(await userTables(db)).toEqual([]);

        const result = await migrate(db);

        expect(result.results?.map((step) => [step.migrationName, step.status])).toEqual(
          MIGRATIONS.map((name) => [name, "Success"]),
        );
        expect(await userTables(db)).toEqual(TABLES);
        expect(await appliedMigrations(db)).toEqual(Object.keys(migrations));
      });

      it("does nothing when run again", async () => {
        blank = await createBlankDatabase(dialect);
        await migrate(open(blank.target));
        const again = open(blank.target);

        const result = await migrate(again);

        expect(result.results).toEqual([]);
        expect(await appliedMigrations(again)).toEqual(MIGRATIONS);
      });

      it("is safe when two processes migrate the same empty database at once", async () => {
        blank = await createBlankDatabase(dialect);

        const applied = await Promise.all([migrateInProcess(blank.target), migrateInProcess(blank.target)]);

        // Exactly one of them applied the migrations; the other found them done.
        expect(applied.flat()).toEqual(MIGRATIONS);
        const db = open(blank.target);
        expect(await appliedMigrations(db)).toEqual(MIGRATIONS);
        expect(await userTables(db)).toEqual(TABLES);
      });
    },
  );
}

describe("openDatabase [sqlite]", () => {
  it("turns on WAL with fewer checkpoints, foreign keys and a busy timeout", async () => {
    const blank = await createBlankDatabase("sqlite");
    const db = openDatabase(blank.target, { busyTimeoutMs: 1234 });
    try {
      const pragma = async (name: string) =>
        Object.values(
          (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db)).rows[0] ?? {},
        )[0];
      expect(await pragma("journal_mode")).toBe("wal");
      expect(await pragma("foreign_keys")).toBe(1);
      expect(await pragma("busy_timeout")).toBe(1234);
      expect(await pragma("wal_autocheckpoint")).toBe(WAL_CHECKPOINT_PAGES);
    } finally {
      await closeDatabase(db);
      await blank.drop();
    }
  });

  it("waits for another connection's write lock on a new database before turning WAL on", async () => {
    // SQLite fails this conversion at once, without its busy handler, while another connection writes:
    // two processes opening a new database together hit it.
    const blank = await createBlankDatabase("sqlite");
    const holder = await holdWriteLock(blank.target, 300);
    try {
      const db = openDatabase(blank.target);
      try {
        expect(await journalMode(db)).toBe("wal");
        expect(await holder.released).toBe(true);
      } finally {
        await closeDatabase(db);
      }
    } finally {
      await holder.worker.terminate();
      await blank.drop();
    }
  });

  it("names the path when another connection keeps its write lock past the busy timeout", async () => {
    const blank = await createBlankDatabase("sqlite");
    const holder = await holdWriteLock(blank.target, 5_000);
    try {
      expect(() => openDatabase(blank.target, { busyTimeoutMs: 100 })).toThrow(
        `cannot open SQLite database ${blank.target}`,
      );
    } finally {
      await holder.worker.terminate();
      await blank.drop();
    }
  });

  it("names the path when the file is not a SQLite database", async () => {
    const blank = await createBlankDatabase("sqlite");
    try {
      await writeFile(blank.target, "this is not a database, just some text that is long enough to look at");
      expect(() => openDatabase(blank.target)).toThrow(`cannot open SQLite database ${blank.target}`);
    } finally {
      await blank.drop();
    }
  });

  it("names the path when the file cannot be opened", () => {
    expect(() => openDatabase("/nonexistent-dir/for/crosscal.db")).toThrow(
      /\/nonexistent-dir\/for\/crosscal\.db/,
    );
  });
});

async function journalMode(db: Store) {
  return (await sql.raw<{ journalMode: string }>("pragma journal_mode").execute(db)).rows[0]?.journalMode;
}

/**
 * Another connection, on its own thread as another process would be, that takes the write lock of the file
 * at `path` (still in its first journal mode) and keeps it for `holdMs`. `released` resolves once it has
 * committed.
 */
async function holdWriteLock(path: string, holdMs: number) {
  const worker = new Worker(
    `const { workerData, parentPort } = require("node:worker_threads");
     const connection = new (require(workerData.sqlite))(workerData.path);
     connection.exec("begin immediate; create table held (x)");
     parentPort.postMessage("held");
     setTimeout(() => { connection.exec("commit"); connection.close(); parentPort.postMessage("released"); }, workerData.holdMs);`,
    {
      eval: true,
      workerData: { sqlite: createRequire(import.meta.url).resolve("better-sqlite3"), path, holdMs },
    },
  );
  const released = new Promise<boolean>((resolve) => {
    worker.on("message", (message: string) => {
      if (message === "released") resolve(true);
    });
    worker.once("exit", () => resolve(false));
  });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  return { worker, released };
}

describeStores("transaction", ({ db }) => {
  /** What the engine does after a run: links, cursor, run record and decisions, together. */
  async function applyRun(store: Store, profileId: string, runId: string) {
    await insertLink(
      store,
      {
        profileId,
        sourceSide: "A",
        sourceId: "a-1",
        copyId: "b-copy-1",
        owned: true,
        kind: "single",
        sourceVersion: "v1",
        copyVersion: "c1",
        contentHash: "h1",
      },
      at(1),
    );
    await saveCursor(
      store,
      { profileId, side: "A", windowStart: T0, windowEnd: at(100), cursor: "delta-2", settingsHash: "s" },
      at(1),
    );
    await recordDecisions(
      store,
      { runId, profileId },
      [{ side: "A", sourceId: "a-1", action: "create", reason: "new" }],
      at(1),
    );
    await finishRun(store, runId, { outcome: "ok", counts: { ...zeroCounts(), created: 1 } }, at(1));
  }

  it("commits everything the function wrote", async () => {
    const profile = await someProfile(db());
    const run = await startRun(db(), { profileId: profile.id, trigger: "manual" }, T0);

    const value = await transaction(db(), async (trx) => {
      await applyRun(trx, profile.id, run.id);
      return "done";
    });

    expect(value).toBe("done");
    expect(await listLinks(db(), profile.id)).toHaveLength(1);
    expect((await findCursor(db(), profile.id, "A"))?.cursor).toBe("delta-2");
    expect(await listDecisions(db(), { runId: run.id })).toHaveLength(1);
    expect((await findRunById(db(), run.id))?.outcome).toBe("ok");
  });

  it("leaves nothing half-written when the function throws after writing", async () => {
    const profile = await someProfile(db());
    const run = await startRun(db(), { profileId: profile.id, trigger: "manual" }, T0);

    const attempt = transaction(db(), async (trx) => {
      await applyRun(trx, profile.id, run.id);
      throw new Error("crash before commit");
    });

    await expect(attempt).rejects.toThrow("crash before commit");
    expect(await listLinks(db(), profile.id)).toEqual([]);
    expect(await findCursor(db(), profile.id, "A")).toBeUndefined();
    expect(await listDecisions(db(), { runId: run.id })).toEqual([]);
    const unfinished = await findRunById(db(), run.id);
    expect([unfinished?.outcome, unfinished?.finishedAt]).toEqual([null, null]);
    expect(await findProfileById(db(), profile.id)).toEqual(profile);
  });

  it("rolls back earlier writes when a later statement fails", async () => {
    const profile = await someProfile(db());
    const run = await startRun(db(), { profileId: profile.id, trigger: "manual" }, T0);

    // The second applyRun inserts the same link again: a unique violation after the first wrote everything.
    const attempt = transaction(db(), async (trx) => {
      await applyRun(trx, profile.id, run.id);
      await applyRun(trx, profile.id, run.id);
    });

    await expect(attempt).rejects.toThrow(/already exists/);
    expect(await listLinks(db(), profile.id)).toEqual([]);
    expect(await listDecisions(db(), { runId: run.id })).toEqual([]);
  });
});
