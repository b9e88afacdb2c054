import type { Kysely } from "kysely";

/**
 * Connections entered through the REST API: one tenant reached through one app registration. The secret
 * part of the credential (a client secret, or a certificate's private key) is stored only sealed with the
 * deployment's SecretBox, bound to the row's id; the certificate itself and its thumbprint are public and
 * kept in clear. Custom endpoints are set only for `cloud = 'custom'`. The last live check's outcome is
 * kept on the row (status, reason, when).
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow schema.ts
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("connections")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("name", "text", (col) => col.notNull().unique())
    .addColumn("tenant", "text", (col) => col.notNull())
    .addColumn("client_id", "text", (col) => col.notNull())
    .addColumn("credential_kind", "text", (col) => col.notNull())
    .addColumn("sealed_credential", "text", (col) => col.notNull())
    .addColumn("certificate_pem", "text")
    .addColumn("certificate_thumbprint", "text")
    .addColumn("cloud", "text", (col) => col.notNull())
    .addColumn("authority_host", "text")
    .addColumn("graph_host", "text")
    .addColumn("graph_scope", "text")
    .addColumn("probe_mailbox", "text")
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("status_reason", "text")
    .addColumn("checked_at", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("connections").execute();
}
