import type { Kysely } from "kysely";

/**
 * Graph change-notification subscriptions: at most one per mailbox of a connection (several profiles may
 * share a mailbox; one subscription serves them all). Notifications name their subscription, hence the
 * unique id. The clientState is kept only as a SHA-256 hash: it is a secret Graph echoes back in clear,
 * and a hash is all a comparison needs. Subscriptions belong to connections, not profiles: no cascade.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow schema.ts
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("subscriptions")
    .addColumn("connection", "text", (col) => col.notNull())
    .addColumn("mailbox", "text", (col) => col.notNull())
    .addColumn("subscription_id", "text", (col) => col.notNull())
    .addColumn("client_state_hash", "text", (col) => col.notNull())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("renewed_at", "text")
    .addPrimaryKeyConstraint("subscriptions_pk", ["connection", "mailbox"])
    .addUniqueConstraint("subscriptions_id_unique", ["subscription_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("subscriptions").execute();
}
