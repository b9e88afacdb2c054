import { type Kysely, sql } from "kysely";

/**
 * What the dashboard reads. Background jobs: an admin's action on a large selection of profiles (or the
 * runs of a sync's profiles after its settings changed), processed in batches by a serve process that
 * holds the job's lease, with its progress and failures in the row, so a restart resumes it. Runs record
 * their change-to-copy lag (from the change notification to the end of the run that mirrored it). Graph
 * requests and 429 answers per connection and minute, added to by every process that calls Graph. Indexes
 * for the live update stream, which reads what finished or changed since its last look.
 */

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;

const INDEXES: Array<[name: string, table: string, columns: string[]]> = [
  ["runs_finished_idx", "runs", ["finished_at", "id"]],
  ["profiles_updated_idx", "profiles", ["updated_at", "id"]],
  ["jobs_updated_idx", "jobs", ["updated_at", "id"]],
  ["jobs_status_idx", "jobs", ["status", "created_at"]],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow schema.ts
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("kind", "text", (col) => col.notNull().check(oneOf("kind", ["profile_action", "apply_sync"])))
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("parameters", "text", (col) => col.notNull())
    .addColumn("profile_ids", "text", (col) => col.notNull())
    .addColumn("total", "integer", (col) => col.notNull())
    .addColumn("done", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("failed", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("failures", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("status", "text", (col) =>
      col.notNull().check(oneOf("status", ["queued", "running", "done", "cancelled", "failed"])),
    )
    .addColumn("error", "text")
    .addColumn("cancel_requested", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("owner", "text")
    .addColumn("lease_expires_at", "text")
    .addColumn("created_by", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.alterTable("runs").addColumn("lag_ms", "integer").execute();
  await db.schema
    .createTable("graph_usage")
    .addColumn("connection_id", "text", (col) => col.notNull())
    .addColumn("minute", "text", (col) => col.notNull())
    .addColumn("requests", "integer", (col) => col.notNull())
    .addColumn("throttled", "integer", (col) => col.notNull())
    .addPrimaryKeyConstraint("graph_usage_pk", ["connection_id", "minute"])
    .execute();
  await db.schema.createIndex("graph_usage_minute_idx").on("graph_usage").column("minute").execute();
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
  await db.schema.dropTable("graph_usage").execute();
  await db.schema.alterTable("runs").dropColumn("lag_ms").execute();
  await db.schema.dropTable("jobs").execute();
}
