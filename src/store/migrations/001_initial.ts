import { type Kysely, sql } from "kysely";

/**
 * The initial schema. Only types both dialects share: text ids, integer counters, ISO-8601 UTC text
 * timestamps, JSON as text. Every row hangs off a profile, so deleting a profile removes its state and
 * history (foreign keys cascade; SQLite enforces them because openDatabase turns them on).
 */

const oneOf = (column: string, values: readonly (string | number)[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;

const SIDES = ["A", "B"] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow schema.ts
export async function up(db: Kysely<any>): Promise<void> {
  await createProfiles(db);
  await createCursors(db);
  await createLinks(db);
  await createTombstones(db);
  await createRuns(db);
  await createDecisions(db);
  await createProfileLeases(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["profile_leases", "decisions", "runs", "tombstones", "links", "cursors", "profiles"]) {
    await db.schema.dropTable(table).execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function createProfiles(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("profiles")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("sync", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("mailbox_a", "text", (col) => col.notNull())
    .addColumn("mailbox_b", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) =>
      col.notNull().check(oneOf("status", ["draft", "active", "paused", "error", "needs_confirmation"])),
    )
    .addColumn("status_reason", "text")
    .addColumn("start_mode", "text", (col) => col.notNull().check(oneOf("start_mode", ["only_new", "merge"])))
    .addColumn("baseline_taken_at", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addUniqueConstraint("profiles_sync_mailboxes_unique", ["sync", "mailbox_a", "mailbox_b"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function createCursors(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("cursors")
    .addColumn("profile_id", "text", (col) => col.notNull().references("profiles.id").onDelete("cascade"))
    .addColumn("side", "text", (col) => col.notNull().check(oneOf("side", SIDES)))
    .addColumn("window_start", "text", (col) => col.notNull())
    .addColumn("window_end", "text", (col) => col.notNull())
    .addColumn("cursor", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("cursors_pk", ["profile_id", "side"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function createLinks(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("links")
    .addColumn("profile_id", "text", (col) => col.notNull().references("profiles.id").onDelete("cascade"))
    .addColumn("source_side", "text", (col) => col.notNull().check(oneOf("source_side", SIDES)))
    .addColumn("source_id", "text", (col) => col.notNull())
    .addColumn("copy_id", "text", (col) => col.notNull())
    .addColumn("owned", "integer", (col) => col.notNull().check(oneOf("owned", [0, 1])))
    .addColumn("ical_uid", "text")
    .addColumn("kind", "text", (col) =>
      col.notNull().check(oneOf("kind", ["single", "series", "occurrence", "exception"])),
    )
    .addColumn("series_source_id", "text")
    .addColumn("original_start", "text")
    .addColumn("source_version", "text", (col) => col.notNull())
    .addColumn("copy_version", "text", (col) => col.notNull())
    .addColumn("content_hash", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addUniqueConstraint("links_source_unique", ["profile_id", "source_side", "source_id"])
    .execute();
  await db.schema.createIndex("links_copy_idx").on("links").columns(["profile_id", "copy_id"]).execute();
  await db.schema
    .createIndex("links_series_idx")
    .on("links")
    .columns(["profile_id", "source_side", "series_source_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function createTombstones(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tombstones")
    .addColumn("profile_id", "text", (col) => col.notNull().references("profiles.id").onDelete("cascade"))
    .addColumn("source_side", "text", (col) => col.notNull().check(oneOf("source_side", SIDES)))
    .addColumn("source_id", "text", (col) => col.notNull())
    .addColumn("reason", "text", (col) => col.notNull())
    .addColumn("ical_uid", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("tombstones_pk", ["profile_id", "source_side", "source_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function createRuns(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("runs")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("profile_id", "text", (col) => col.notNull().references("profiles.id").onDelete("cascade"))
    .addColumn("trigger", "text", (col) => col.notNull())
    .addColumn("started_at", "text", (col) => col.notNull())
    .addColumn("finished_at", "text")
    .addColumn("outcome", "text", (col) =>
      col.check(oneOf("outcome", ["ok", "failed", "needs_confirmation", "skipped"])),
    )
    .addColumn("counts", "text", (col) => col.notNull())
    .addColumn("error", "text")
    .execute();
  await db.schema.createIndex("runs_profile_idx").on("runs").columns(["profile_id", "started_at"]).execute();
}

const DECISION_ACTIONS = [
  "create",
  "update",
  "delete",
  "link",
  "unlink",
  "tombstone",
  "baseline",
  "skip",
  "restore",
] as const;

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function createDecisions(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("decisions")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("run_id", "text", (col) => col.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("profile_id", "text", (col) => col.notNull().references("profiles.id").onDelete("cascade"))
    .addColumn("seq", "integer", (col) => col.notNull())
    .addColumn("side", "text", (col) => col.notNull().check(oneOf("side", SIDES)))
    .addColumn("source_id", "text", (col) => col.notNull())
    .addColumn("copy_id", "text")
    .addColumn("action", "text", (col) => col.notNull().check(oneOf("action", DECISION_ACTIONS)))
    .addColumn("reason", "text", (col) => col.notNull())
    .addColumn("subject_hint", "text")
    .addColumn("at", "text", (col) => col.notNull())
    .execute();
  const indexes: Array<[string, string[]]> = [
    ["decisions_profile_idx", ["profile_id", "at"]],
    ["decisions_run_idx", ["run_id", "seq"]],
    ["decisions_source_idx", ["profile_id", "source_id"]],
    ["decisions_action_idx", ["profile_id", "action", "at"]],
  ];
  for (const [name, columns] of indexes) {
    await db.schema.createIndex(name).on("decisions").columns(columns).execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function createProfileLeases(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("profile_leases")
    .addColumn("profile_id", "text", (col) => col.primaryKey().references("profiles.id").onDelete("cascade"))
    .addColumn("owner", "text", (col) => col.notNull())
    .addColumn("acquired_at", "text", (col) => col.notNull())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .execute();
}
