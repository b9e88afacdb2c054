import { type Kysely, sql } from "kysely";

/**
 * What the service adds to the store. Syncs entered through the API or `crosscal apply` (two connections
 * and the engine's settings as JSON). Profiles learn where they came from (by hand, an import, a group
 * binding, a config file), which binding keeps them, and whether their mailboxes were verified against
 * their tenants. Group bindings keep a sync's profiles in line with a group in each tenant. Admin-consent
 * requests remember the `state` they sent (hashed) until Entra ID redirects back. Connections remember when
 * their live check is due again while permissions propagate.
 */

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow schema.ts
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("syncs")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("name", "text", (col) => col.notNull().unique())
    .addColumn("connection_a", "text", (col) => col.notNull().references("connections.id"))
    .addColumn("connection_b", "text", (col) => col.notNull().references("connections.id"))
    .addColumn("start_mode", "text", (col) => col.notNull().check(oneOf("start_mode", ["only_new", "merge"])))
    .addColumn("settings", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
  await addProfileColumns(db);
  await createGroupBindings(db);
  await db.schema
    .createTable("consent_requests")
    .addColumn("state_hash", "text", (col) => col.primaryKey())
    .addColumn("connection_name", "text", (col) => col.notNull())
    .addColumn("tenant", "text")
    .addColumn("actor", "text", (col) => col.notNull())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.alterTable("connections").addColumn("recheck_at", "text").execute();
  await db.schema
    .alterTable("connections")
    .addColumn("recheck_attempts", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function addProfileColumns(db: Kysely<any>): Promise<void> {
  const add = (build: (table: ReturnType<typeof db.schema.alterTable>) => { execute(): Promise<void> }) =>
    build(db.schema.alterTable("profiles")).execute();
  await add((t) =>
    t.addColumn("source", "text", (col) =>
      col
        .notNull()
        .defaultTo("manual")
        .check(oneOf("source", ["manual", "import", "group", "config"])),
    ),
  );
  await add((t) => t.addColumn("binding_id", "text"));
  await add((t) =>
    t.addColumn("mailbox_check", "text", (col) =>
      col
        .notNull()
        .defaultTo("unverified")
        .check(oneOf("mailbox_check", ["unverified", "verified", "invalid"])),
    ),
  );
  await add((t) => t.addColumn("mailbox_check_reason", "text"));
  await add((t) => t.addColumn("mailbox_checked_at", "text"));
  await db.schema.createIndex("profiles_binding_idx").on("profiles").column("binding_id").execute();
  await db.schema.createIndex("profiles_status_idx").on("profiles").column("status").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function createGroupBindings(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("group_bindings")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("sync_id", "text", (col) => col.notNull().references("syncs.id").onDelete("cascade"))
    .addColumn("group_a", "text", (col) => col.notNull())
    .addColumn("group_b", "text", (col) => col.notNull())
    .addColumn("match_by", "text", (col) =>
      col.notNull().check(oneOf("match_by", ["local-part", "display-name", "attribute"])),
    )
    .addColumn("match_attribute", "text")
    .addColumn("refresh_minutes", "integer", (col) => col.notNull())
    .addColumn("auto_start", "text", (col) => col.check(oneOf("auto_start", ["only_new", "merge"])))
    .addColumn("last_refreshed_at", "text")
    .addColumn("last_report", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addUniqueConstraint("group_bindings_unique", ["sync_id", "group_a", "group_b"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("group_bindings").execute();
  await db.schema.dropTable("consent_requests").execute();
  await db.schema.dropIndex("profiles_binding_idx").execute();
  await db.schema.dropIndex("profiles_status_idx").execute();
  for (const column of [
    "source",
    "binding_id",
    "mailbox_check",
    "mailbox_check_reason",
    "mailbox_checked_at",
  ])
    await db.schema.alterTable("profiles").dropColumn(column).execute();
  await db.schema.dropTable("syncs").execute();
  await db.schema.alterTable("connections").dropColumn("recheck_at").execute();
  await db.schema.alterTable("connections").dropColumn("recheck_attempts").execute();
}
