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

/** The runnable profiles that read this mailbox through this connection, and on which side. */
export async function profilesOfMailbox(
  db: Store,
  connection: string,
  mailbox: string,
): Promise<ProfileSideRow[]> {
  const address = mailbox.toLowerCase();
  const rows = await db
    .selectFrom("profiles")
    .innerJoin("syncs", "syncs.id", "profiles.sync")
    .select([
      "profiles.id",
      "profiles.mailboxA",
      "profiles.mailboxB",
      "syncs.connectionA",
      "syncs.connectionB",
    ])
    .where("profiles.status", "in", RUNNABLE)
    .where((eb) =>
      eb.or([
        eb.and([
          eb("syncs.connectionA", "=", connection),
          eb(eb.fn("lower", ["profiles.mailboxA"]), "=", address),
        ]),
        eb.and([
          eb("syncs.connectionB", "=", connection),
          eb(eb.fn("lower", ["profiles.mailboxB"]), "=", address),
        ]),
      ]),
    )
    .execute();
  return rows.flatMap((row) => {
    const sides: ProfileSideRow[] = [];
    if (row.connectionA === connection && row.mailboxA.toLowerCase() === address)
      sides.push({ profileId: row.id, side: "A" });
    if (row.connectionB === connection && row.mailboxB.toLowerCase() === address)
      sides.push({ profileId: row.id, side: "B" });
    return sides;
  });
}
