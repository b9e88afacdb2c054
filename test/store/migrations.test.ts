import { type Kysely, Migrator } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "../../src/store/admin-audit.js";
import { findApiTokenByHash } from "../../src/store/admin-tokens.js";
import { findAdminByUsername } from "../../src/store/admin-users.js";
import { findConnection } from "../../src/store/connections.js";
import { listCursors } from "../../src/store/cursors.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { listDecisions } from "../../src/store/decisions.js";
import { findGroupBinding } from "../../src/store/group-bindings.js";
import { findJob } from "../../src/store/jobs.js";
import { findLease } from "../../src/store/leases.js";
import { findLinkBySource } from "../../src/store/links.js";
import { migrations } from "../../src/store/migrations/index.js";
import { findProfileById } from "../../src/store/profiles.js";
import { findRunById } from "../../src/store/runs.js";
import { findSignInFailures } from "../../src/store/sign-in-failures.js";
import { findSubscriptionById } from "../../src/store/subscriptions.js";
import { findSync } from "../../src/store/syncs.js";
import { findTombstone } from "../../src/store/tombstones.js";
import { postgresContext } from "../helpers/postgres.js";
import { type BlankDatabase, createBlankDatabase } from "./targets.js";

/**
 * An upgrade from every earlier schema: for each migration N, a database migrated only up to N holds rows
 * written as crosscal wrote them then (SQL of that schema: the repository functions follow the latest),
 * then is migrated to the latest; the rows must read back through today's repository functions with the
 * meaning they had. Each writer below belongs to the migration that made its tables or columns, and runs
 * for every N from there on, so a later migration that loses or reinterprets a row is caught.
 */

// biome-ignore lint/suspicious/noExplicitAny: rows of past schemas, written without today's types
type Raw = Kysely<any>;

const NAMES = Object.keys(migrations);
const indexOf = (name: string) => NAMES.indexOf(name);
const T = "2024-06-03T08:00:00.000Z";
const LATER = "2024-06-03T08:05:00.000Z";
const SYNC_NAME = "contoso-fabrikam";

/** What a migration's era wrote: the rows of its new tables and columns, given what exists at `version`. */
type Writer = (db: Raw, version: number) => Promise<void>;

const profileRow = (id: string, sync: string, version: number) => ({
  id,
  sync,
  name: id === "p1" ? "Adele Vance" : "Megan Bowen",
  mailbox_a: `${id}@contoso.test`,
  mailbox_b: `${id}@fabrikam.test`,
  status: "active",
  status_reason: null,
  start_mode: "merge",
  baseline_taken_at: T,
  created_at: T,
  updated_at: T,
  // 007: where the profile came from, and its mailboxes' check.
  ...(version >= indexOf("007_service") && {
    source: id === "p1" ? "config" : "manual",
    mailbox_check: "verified",
    mailbox_checked_at: T,
  }),
});

/**
 * The profiles: p1 as the command line wrote it (its sync's *name* until 009), p2 as the service wrote it
 * from 007 on (the sync's id); and each profile's sync state and history.
 */
const writeSyncState: Writer = async (db, version) => {
  const syncsByName = version < indexOf("009_one_model");
  const hasSyncs = version >= indexOf("007_service");
  await db
    .insertInto("profiles")
    .values(profileRow("p1", syncsByName ? SYNC_NAME : "sync-1", version))
    .execute();
  if (hasSyncs)
    await db
      .insertInto("profiles")
      .values(profileRow("p2", "sync-1", version))
      .execute();
  await db
    .insertInto("cursors")
    .values({
      profile_id: "p1",
      side: "A",
      window_start: "2024-05-04T00:00:00.000Z",
      window_end: "2124-06-03T00:00:00.000Z",
      cursor: "https://graph.example/delta?$deltatoken=A1",
      updated_at: T,
      ...(version >= indexOf("002_cursor_settings") && { settings_hash: "settings-1" }),
    })
    .execute();
  await db
    .insertInto("links")
    .values({
      profile_id: "p1",
      source_side: "A",
      source_id: "AAMk-original-1",
      copy_id: "AAMk-copy-1",
      owned: 1,
      ical_uid: "040000008200E00074C5B7101A82E008",
      kind: "single",
      series_source_id: null,
      original_start: null,
      source_version: "ck-1",
      copy_version: "ck-2",
      content_hash: "hash-1",
      created_at: T,
      updated_at: T,
    })
    .execute();
  await db
    .insertInto("tombstones")
    .values({
      profile_id: "p1",
      source_side: "B",
      source_id: "AAMk-original-2",
      reason: "copy-deleted",
      ical_uid: null,
      created_at: T,
    })
    .execute();
  await db
    .insertInto("runs")
    .values({
      id: "r1",
      profile_id: "p1",
      trigger: "schedule",
      started_at: T,
      finished_at: LATER,
      outcome: "ok",
      counts: JSON.stringify({ created: 1, updated: 0, deleted: 0, skipped: 2, linked: 0, tombstoned: 1 }),
      error: null,
    })
    .execute();
  await db
    .insertInto("decisions")
    .values({
      id: "d1",
      run_id: "r1",
      profile_id: "p1",
      seq: 0,
      side: "A",
      source_id: "AAMk-original-1",
      copy_id: "AAMk-copy-1",
      action: "create",
      reason: "new original",
      subject_hint: "Budget review",
      at: LATER,
    })
    .execute();
  await db
    .insertInto("profile_leases")
    .values({ profile_id: "p1", owner: "worker-1", acquired_at: T, expires_at: LATER })
    .execute();
};

const writeSubscriptions: Writer = async (db) => {
  await db
    .insertInto("subscriptions")
    .values({
      connection: "contoso",
      mailbox: "p1@contoso.test",
      subscription_id: "sub-1",
      client_state_hash: "c".repeat(64),
      expires_at: "2024-06-10T08:00:00.000Z",
      created_at: T,
      renewed_at: null,
    })
    .execute();
};

const writeAdmin: Writer = async (db, version) => {
  await db
    .insertInto("admin_users")
    .values({ id: "u1", username: "admin", password_hash: "scrypt$...", created_at: T, updated_at: T })
    .execute();
  await db
    .insertInto("api_tokens")
    .values({
      id: "t1",
      name: "prometheus",
      token_hash: "a".repeat(64),
      created_by: "admin",
      created_at: T,
      last_used_at: null,
      // 008: tokens have a scope; those made before could do everything.
      ...(version >= indexOf("008_security") && { scope: "read", expires_at: "2025-01-01T00:00:00.000Z" }),
    })
    .execute();
  await db
    .insertInto("audit_log")
    .values({
      id: "a1",
      at: T,
      action: "token_created",
      actor: "admin",
      ip: "203.0.113.7",
      detail: JSON.stringify({ name: "prometheus" }),
    })
    .execute();
};

const writeConnections: Writer = async (db) => {
  for (const name of ["contoso", "fabrikam"])
    await db
      .insertInto("connections")
      .values({
        id: `conn-${name}`,
        name,
        tenant: `${name}.onmicrosoft.com`,
        client_id: "6f1c2a9e-5b0d-4c1e-9a43-2d7e8f0b1c3a",
        credential_kind: "secret",
        sealed_credential: "v1.keyid.iv.tag.ciphertext",
        certificate_pem: null,
        certificate_thumbprint: null,
        cloud: "global",
        authority_host: null,
        graph_host: null,
        graph_scope: null,
        probe_mailbox: `adele@${name}.onmicrosoft.com`,
        status: "connected",
        status_reason: "read the calendar",
        checked_at: T,
        created_at: T,
        updated_at: T,
      })
      .execute();
};

const writeService: Writer = async (db) => {
  await db
    .insertInto("syncs")
    .values({
      id: "sync-1",
      name: SYNC_NAME,
      connection_a: "conn-contoso",
      connection_b: "conn-fabrikam",
      start_mode: "merge",
      settings: JSON.stringify({ direction: "two-way", mapping: "full-details", pastDays: 30 }),
      created_at: T,
      updated_at: T,
    })
    .execute();
  await db
    .insertInto("group_bindings")
    .values({
      id: "g1",
      sync_id: "sync-1",
      group_a: "group-a",
      group_b: "group-b",
      match_by: "local-part",
      match_attribute: null,
      refresh_minutes: 60,
      auto_start: "only_new",
      last_refreshed_at: null,
      last_report: null,
      created_at: T,
      updated_at: T,
    })
    .execute();
};

const writeSecurity: Writer = async (db) => {
  await db
    .insertInto("sign_in_failures")
    .values({ key: "address:203.0.113.7", failures: 3, last_failure_at: T, blocked_until: LATER })
    .execute();
};

const writeDashboard: Writer = async (db) => {
  await db
    .insertInto("jobs")
    .values({
      id: "job-1",
      kind: "profile_action",
      action: "pause",
      parameters: JSON.stringify({ reason: "maintenance" }),
      profile_ids: JSON.stringify(["p1", "p2"]),
      total: 2,
      done: 1,
      status: "running",
      created_by: "admin",
      created_at: T,
      updated_at: T,
    })
    .execute();
  await db.updateTable("runs").set({ lag_ms: 1_250 }).where("id", "=", "r1").execute();
};

/** Who wrote what, in order: each from the migration that made its tables (the syncs need connections). */
const WRITERS: Array<[from: string, writer: Writer]> = [
  ["003_subscriptions", writeSubscriptions],
  ["004_admin", writeAdmin],
  ["006_connections", writeConnections],
  ["007_service", writeService],
  ["001_initial", writeSyncState],
  ["008_security", writeSecurity],
  ["010_dashboard", writeDashboard],
];

/** The rows read back through today's repository functions, with the meaning they had when written. */
async function expectRowsKept(db: Store, version: number) {
  const since = (name: string) => version >= indexOf(name);
  const profile = await findProfileById(db, "p1");
  expect(profile).toMatchObject({
    name: "Adele Vance",
    mailboxA: "p1@contoso.test",
    status: "active",
    startMode: "merge",
    baselineTakenAt: T,
    source: since("007_service") ? "config" : "manual",
    mailboxCheck: since("007_service") ? "verified" : "unverified",
  });
  // 009: a profile naming its sync by name now names it by id, when that sync exists; without one, the
  // next `crosscal sync` or `apply` adopts it as it creates the sync.
  expect(profile!.sync).toBe(since("007_service") ? "sync-1" : SYNC_NAME);
  if (since("007_service")) expect((await findProfileById(db, "p2"))!.sync).toBe("sync-1");

  // Cursors saved before 002 have no settings fingerprint: the next run lists both mailboxes once.
  expect(await listCursors(db, "p1")).toMatchObject([
    {
      side: "A",
      cursor: "https://graph.example/delta?$deltatoken=A1",
      settingsHash: since("002_cursor_settings") ? "settings-1" : null,
    },
  ]);
  expect(
    await findLinkBySource(db, { profileId: "p1", sourceSide: "A", sourceId: "AAMk-original-1" }),
  ).toMatchObject({
    copyId: "AAMk-copy-1",
    owned: true,
    kind: "single",
    copyVersion: "ck-2",
    contentHash: "hash-1",
  });
  expect(await findTombstone(db, "p1", "B", "AAMk-original-2")).toMatchObject({
    reason: "copy-deleted",
  });
  expect(await findRunById(db, "r1")).toMatchObject({
    outcome: "ok",
    counts: { created: 1, skipped: 2, tombstoned: 1 },
    lagMs: since("010_dashboard") ? 1_250 : null,
  });
  expect(await listDecisions(db, { runId: "r1" })).toMatchObject([
    { action: "create", reason: "new original", subjectHint: "Budget review" },
  ]);
  expect(await findLease(db, "p1")).toMatchObject({ owner: "worker-1", expiresAt: LATER });

  if (since("003_subscriptions"))
    expect(await findSubscriptionById(db, "sub-1")).toMatchObject({ mailbox: "p1@contoso.test" });
  if (since("004_admin")) {
    expect(await findAdminByUsername(db, "admin")).toMatchObject({ id: "u1" });
    // Tokens made before 008 could do everything: they keep that as the `admin` scope, with no expiry.
    expect(await findApiTokenByHash(db, "a".repeat(64))).toMatchObject(
      since("008_security")
        ? { scope: "read", expiresAt: "2025-01-01T00:00:00.000Z" }
        : { scope: "admin", expiresAt: null },
    );
    expect((await listAudit(db, { limit: 10 })).entries).toMatchObject([
      { action: "token_created", detail: { name: "prometheus" } },
    ]);
  }
  if (since("006_connections"))
    expect(await findConnection(db, "conn-contoso")).toMatchObject({
      status: "connected",
      probeMailbox: "adele@contoso.onmicrosoft.com",
      recheckAt: null,
      recheckAttempts: 0,
      appliedHash: null,
    });
  if (since("007_service")) {
    expect(await findSync(db, "sync-1")).toMatchObject({ name: SYNC_NAME, appliedHash: null });
    expect(await findGroupBinding(db, "g1")).toMatchObject({ syncId: "sync-1", autoStart: "only_new" });
  }
  if (since("008_security"))
    expect(await findSignInFailures(db, ["address:203.0.113.7"])).toMatchObject([{ failures: 3 }]);
  if (since("010_dashboard"))
    expect(await findJob(db, "job-1")).toMatchObject({ status: "running", total: 2, done: 1 });
}

for (const dialect of ["sqlite", "postgres"] as const) {
  const skipReason = dialect === "postgres" ? postgresContext().skipReason : undefined;
  describe.skipIf(skipReason !== undefined)(
    `upgrades from every earlier schema [${dialect}]${skipReason ? ` skipped: ${skipReason}` : ""}`,
    () => {
      let database: BlankDatabase;
      let db: Store;
      beforeEach(async () => {
        database = await createBlankDatabase(dialect);
        db = openDatabase(database.target);
      });
      afterEach(async () => {
        await closeDatabase(db);
        await database.drop();
      });

      for (const [version, name] of NAMES.entries()) {
        it(`from ${name}: the rows written then keep their meaning`, async () => {
          const raw = db.withoutPlugins() as Raw;
          const migrator = new Migrator({ db: raw, provider: { getMigrations: async () => migrations } });
          const upTo = await migrator.migrateTo(name);
          expect(upTo.error).toBeUndefined();
          for (const [from, write] of WRITERS) if (version >= indexOf(from)) await write(raw, version);

          const result = await migrate(db);

          expect(result.results?.map((step) => step.migrationName)).toEqual(NAMES.slice(version + 1));
          await expectRowsKept(db, version);
        });
      }
    },
  );
}
