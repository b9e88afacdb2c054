import type { Kysely } from "kysely";

/**
 * The service's administrators and how they authenticate: the admin account (created once through the
 * first-run setup token), browser sessions, API tokens, and the audit log of admin actions. Every secret
 * (setup token, session id, API token) is stored only as its SHA-256 hash: a copy of the database lets
 * nobody in. Password hashes are scrypt with their parameters, so they can be strengthened later.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow schema.ts
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("admin_users")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("username", "text", (col) => col.notNull().unique())
    .addColumn("password_hash", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createTable("admin_setup_tokens")
    .addColumn("token_hash", "text", (col) => col.primaryKey())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createTable("admin_sessions")
    .addColumn("id_hash", "text", (col) => col.primaryKey())
    .addColumn("user_id", "text", (col) => col.notNull().references("admin_users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("last_seen_at", "text", (col) => col.notNull())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .execute();
  await createApiTokensAndAudit(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function createApiTokensAndAudit(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("token_hash", "text", (col) => col.notNull().unique())
    .addColumn("created_by", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("last_used_at", "text")
    .execute();
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("at", "text", (col) => col.notNull())
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("actor", "text")
    .addColumn("ip", "text")
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("audit_log_at_id").on("audit_log").columns(["at", "id"]).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["audit_log", "api_tokens", "admin_sessions", "admin_setup_tokens", "admin_users"]) {
    await db.schema.dropTable(table).execute();
  }
}
