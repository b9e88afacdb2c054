import { sql } from "kysely";
import { fixedQuery } from "./compiled.js";
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

const acquireLeaseQuery = fixedQuery((db: Store, p: LeaseRow) =>
  db
    .insertInto("profileLeases")
    .values({ profileId: p.profileId, owner: p.owner, acquiredAt: p.acquiredAt, expiresAt: p.expiresAt })
    .onConflict((conflict) =>
      conflict
        .column("profileId")
        .doUpdateSet({
          owner: (eb) => eb.ref("excluded.owner"),
          // The same owner re-acquiring keeps its original acquisition time.
          acquiredAt: sql<string>`case when ${sql.ref("profileLeases.owner")} = ${p.owner} then ${sql.ref("profileLeases.acquiredAt")} else ${p.acquiredAt} end`,
          expiresAt: (eb) => eb.ref("excluded.expiresAt"),
        })
        .where((eb) =>
          eb.or([eb("profileLeases.expiresAt", "<=", p.acquiredAt), eb("profileLeases.owner", "=", p.owner)]),
        ),
    )
    .returningAll(),
);

const releaseLeaseQuery = fixedQuery((db: Store, p: { profileId: string; owner: string }) =>
  db.deleteFrom("profileLeases").where("profileId", "=", p.profileId).where("owner", "=", p.owner),
);

/**
 * Takes the lease if it is free, expired, or already held by `owner` (then it is extended). Returns the
 * lease, or undefined when another owner holds it.
 */
export async function acquireLease(
  db: Store,
  request: LeaseRequest,
  now: Instant,
): Promise<Lease | undefined> {
  const [lease] = await acquireLeaseQuery.rows(db, {
    profileId: request.profileId,
    owner: request.owner,
    acquiredAt: toTimestamp(now),
    expiresAt: expiry(now, request.ttlMs),
  });
  return lease;
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
  return (await releaseLeaseQuery.affected(db, { profileId, owner })) > 0n;
}

// Asked for by every run as it starts: compiled once (store/compiled.ts).
const findLeaseQuery = fixedQuery((db: Store, p: { profileId: string }) =>
  db.selectFrom("profileLeases").selectAll().where("profileId", "=", p.profileId),
);

export async function findLease(db: Store, profileId: string): Promise<Lease | undefined> {
  return (await findLeaseQuery.rows(db, { profileId }))[0];
}
