import { sql } from "kysely";
import type { Store } from "./database.js";
import type { LeaseRow } from "./schema.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/**
 * Per-profile serialization: a run holds its profile's lease, which expires on its own if the holder dies.
 * Each operation is one statement, so the database decides races: on PostgreSQL a concurrent insert waits
 * for the other's row and then re-checks the upsert's condition against it; SQLite has one writer at a time.
 */
export type Lease = LeaseRow;

export interface LeaseRequest {
  profileId: string;
  owner: string;
  ttlMs: number;
}

const expiry = (now: Instant, ttlMs: number) => toTimestamp(new Date(Date.parse(toTimestamp(now)) + ttlMs));

/**
 * Takes the lease if it is free, expired, or already held by `owner` (then it is extended). Returns the
 * lease, or undefined when another owner holds it.
 */
export async function acquireLease(
  db: Store,
  request: LeaseRequest,
  now: Instant,
): Promise<Lease | undefined> {
  const at = toTimestamp(now);
  return db
    .insertInto("profileLeases")
    .values({
      profileId: request.profileId,
      owner: request.owner,
      acquiredAt: at,
      expiresAt: expiry(now, request.ttlMs),
    })
    .onConflict((conflict) =>
      conflict
        .column("profileId")
        .doUpdateSet({
          owner: (eb) => eb.ref("excluded.owner"),
          // The same owner re-acquiring keeps its original acquisition time.
          acquiredAt: sql<string>`case when ${sql.ref("profileLeases.owner")} = ${request.owner} then ${sql.ref("profileLeases.acquiredAt")} else ${at} end`,
          expiresAt: (eb) => eb.ref("excluded.expiresAt"),
        })
        .where((eb) =>
          eb.or([eb("profileLeases.expiresAt", "<=", at), eb("profileLeases.owner", "=", request.owner)]),
        ),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Extends a lease its owner still holds. Returns the lease, or undefined if it expired or was taken. */
export async function renewLease(db: Store, request: LeaseRequest, now: Instant): Promise<Lease | undefined> {
  return db
    .updateTable("profileLeases")
    .set({ expiresAt: expiry(now, request.ttlMs) })
    .where("profileId", "=", request.profileId)
    .where("owner", "=", request.owner)
    .where("expiresAt", ">", toTimestamp(now))
    .returningAll()
    .executeTakeFirst();
}

/** Gives the lease up. Returns false if `owner` did not hold it (it expired and someone else took it). */
export async function releaseLease(db: Store, profileId: string, owner: string): Promise<boolean> {
  const result = await db
    .deleteFrom("profileLeases")
    .where("profileId", "=", profileId)
    .where("owner", "=", owner)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function findLease(db: Store, profileId: string): Promise<Lease | undefined> {
  return db.selectFrom("profileLeases").selectAll().where("profileId", "=", profileId).executeTakeFirst();
}
