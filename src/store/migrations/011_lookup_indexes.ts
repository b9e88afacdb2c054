import { type Kysely, sql } from "kysely";

/**
 * Two look-ups that read every profile row at 10,000 profiles:
 * - every change notification asks which runnable profiles read its mailbox through its connection
 *   (store/watched.ts, profilesOfMailbox); mailboxes compare case-insensitively, so the look-up is on
 *   lower(mailbox), which only an index on that expression serves (4–5 ms a notification on SQLite, on
 *   the thread that answers Graph's webhook posts, without one);
 * - every list of syncs counts each sync's profiles by status (`GET /api/syncs`, read by the Profiles
 *   screen on every visit): 12 ms on SQLite without (sync, status), which then holds the whole count.
 */

const MAILBOX_INDEXES = [
  ["profiles_mailbox_a_lower_idx", "mailbox_a"],
  ["profiles_mailbox_b_lower_idx", "mailbox_b"],
] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow schema.ts
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, column] of MAILBOX_INDEXES) {
    await db.schema
      .createIndex(name)
      .on("profiles")
      .expression(sql`lower(${sql.ref(column)})`)
      .execute();
  }
  await db.schema
    .createIndex("profiles_sync_status_idx")
    .on("profiles")
    .columns(["sync", "status"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("profiles_sync_status_idx").execute();
  for (const [name] of MAILBOX_INDEXES) await db.schema.dropIndex(name).execute();
}
