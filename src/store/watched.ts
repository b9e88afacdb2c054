import { sql } from "kysely";
import { fixedQuery } from "./compiled.js";
import type { Store } from "./database.js";
import type { Side } from "./schema.js";

/**
 * The service's view of who syncs what: profiles joined with their sync's connections (migration 007).
 * Mailboxes compare case-insensitively, as Exchange addresses do.
 */

/** Statuses whose profiles are synced: an error is retried by the next run; the others wait for a person. */
export const RUNNABLE = ["active", "error"] as const;

/** A mailbox a runnable profile reads, with the connection it is read through. */
export interface WatchedMailboxRow {
  connection: string;
  mailbox: string;
}

export interface ProfileSideRow {
  profileId: string;
  side: Side;
}

/** Ids of profiles that runs should keep in sync, oldest first. */
export async function runnableProfileIds(db: Store): Promise<string[]> {
  const rows = await db
    .selectFrom("profiles")
    .innerJoin("syncs", "syncs.id", "profiles.sync")
    .select("profiles.id")
    .where("profiles.status", "in", RUNNABLE)
    .orderBy("profiles.createdAt")
    .execute();
  return rows.map((row) => row.id);
}

/** Every mailbox of a runnable profile, once per connection (several profiles may share one). */
export async function watchedMailboxes(db: Store): Promise<WatchedMailboxRow[]> {
  const side = (connection: "syncs.connectionA" | "syncs.connectionB", mailbox: "mailboxA" | "mailboxB") =>
    db
      .selectFrom("profiles")
      .innerJoin("syncs", "syncs.id", "profiles.sync")
      .select([
        `${connection} as connection`,
        (eb) => eb.fn<string>("lower", [`profiles.${mailbox}`]).as("mailbox"),
      ])
      .where("profiles.status", "in", RUNNABLE);
  return side("syncs.connectionA", "mailboxA")
    .union(side("syncs.connectionB", "mailboxB"))
    .execute() as Promise<WatchedMailboxRow[]>;
}

/**
 * The runnable profiles that read this mailbox through this connection, and on which side. Asked for
 * every change notification: each side is its own query, served by its index on lower(mailbox)
 * (migration 011), rather than one query whose OR reads every profile; compiled once (store/compiled.ts),
 * since building it took longer than running it.
 */
export async function profilesOfMailbox(
  db: Store,
  connection: string,
  mailbox: string,
): Promise<ProfileSideRow[]> {
  return profilesOfMailboxFixed.rows(db, { connection, address: mailbox.toLowerCase() });
}

/** profilesOfMailbox's query, unexecuted (its tests read the database's plan for it). */
export function profilesOfMailboxQuery(db: Store, connection: string, mailbox: string) {
  return buildProfilesOfMailbox(db, { connection, address: mailbox.toLowerCase() });
}

interface MailboxOfConnection {
  connection: string;
  /** The mailbox in lower case. */
  address: string;
}

function buildProfilesOfMailbox(db: Store, p: MailboxOfConnection) {
  const onSide = (side: Side) =>
    db
      .selectFrom("profiles")
      .innerJoin("syncs", "syncs.id", "profiles.sync")
      .select(["profiles.id as profileId", sql<Side>`${sql.lit(side)}`.as("side")])
      .where("profiles.status", "in", RUNNABLE)
      .where(`syncs.connection${side}`, "=", p.connection)
      .where((eb) => eb(eb.fn("lower", [`profiles.mailbox${side}`]), "=", p.address));
  return onSide("A").unionAll(onSide("B"));
}

const profilesOfMailboxFixed = fixedQuery(buildProfilesOfMailbox);
