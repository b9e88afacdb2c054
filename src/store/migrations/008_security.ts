import { type Kysely, sql } from "kysely";

/**
 * What the security review asked for. API tokens get a scope (`read`: safe methods only; `admin`:
 * everything) and an optional expiry; tokens made before this migration could do everything, so they keep
 * `admin`. Failed sign-ins are counted in the store, per username and address and per address, so every
 * process of a deployment sees them and `crosscal admin unlock` can clear them.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow schema.ts
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("api_tokens")
    .addColumn("scope", "text", (col) =>
      col.notNull().defaultTo("admin").check(sql`scope in ('read', 'admin')`),
    )
    .execute();
  await db.schema.alterTable("api_tokens").addColumn("expires_at", "text").execute();
  await db.schema
    .createTable("sign_in_failures")
    // "user:<username>\n<address>" or "address:<address>": one row per throttled key.
    .addColumn("key", "text", (col) => col.primaryKey())
    .addColumn("failures", "integer", (col) => col.notNull())
    .addColumn("last_failure_at", "text", (col) => col.notNull())
    .addColumn("blocked_until", "text")
    .execute();
}
