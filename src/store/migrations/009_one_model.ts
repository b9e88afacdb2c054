import { type Kysely, sql } from "kysely";

/**
 * One model for the CLI and the service. A profile's `sync` always holds its sync's id: the command line
 * used to write the sync's name there; those rows now name the sync of that name when one exists (the
 * next `crosscal sync` or `apply` adopts the others as it creates their sync). Connections and syncs
 * remember a hash of what a config file last wrote into them (`applied_hash`), so `apply` can tell an
 * edit made since through the API (drift) from one the file makes.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow schema.ts
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update profiles set sync = (select syncs.id from syncs where syncs.name = profiles.sync)
    where not exists (select 1 from syncs where syncs.id = profiles.sync)
      and exists (select 1 from syncs where syncs.name = profiles.sync)
  `.execute(db);
  await db.schema.alterTable("syncs").addColumn("applied_hash", "text").execute();
  await db.schema.alterTable("connections").addColumn("applied_hash", "text").execute();
}
