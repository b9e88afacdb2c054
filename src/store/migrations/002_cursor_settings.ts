import type { Kysely } from "kysely";

/**
 * Cursors remember the fingerprint of the sync settings the events they passed were planned with: when
 * the settings change (rules, mapping, direction...), the next run lists both mailboxes again instead of
 * only what changed, so existing copies follow the new settings. Cursors saved before this have none and
 * count as made with other settings: one full listing after the upgrade.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow schema.ts
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cursors").addColumn("settings_hash", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cursors").dropColumn("settings_hash").execute();
}
