import type { Kysely } from "kysely";

/**
 * Indexes the history API's reads need beyond those of 001, which all start with the profile:
 * - browsing every run or every decision newest first, whatever the profile, walks (started_at, id) and
 *   (at, run_id, seq) instead of sorting the whole table for each page;
 * - "what happened to this event" looks an id up on either side, copy ids included and with or without a
 *   profile, so source_id and copy_id are indexed on their own.
 */

const INDEXES: Array<[name: string, table: string, columns: string[]]> = [
  ["runs_started_idx", "runs", ["started_at", "id"]],
  ["decisions_at_idx", "decisions", ["at", "run_id", "seq"]],
  ["decisions_event_idx", "decisions", ["source_id"]],
  ["decisions_copy_idx", "decisions", ["copy_id"]],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow schema.ts
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
