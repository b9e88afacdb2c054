import { fixedQuery } from "./compiled.js";
import type { Store } from "./database.js";
import { insertUnique } from "./errors.js";
import type { SubscriptionRow } from "./schema.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/**
 * The Graph subscriptions crosscal holds: one per (connection, mailbox). Each function is one statement,
 * so concurrent writers are decided by the database: a second insert for the same mailbox fails, and a
 * replacement or renewal names the subscription it expects to find.
 */
export type StoredSubscription = SubscriptionRow;

export interface NewStoredSubscription {
  connection: string;
  /** Lower-case, as the planner compares mailboxes. */
  mailbox: string;
  subscriptionId: string;
  clientStateHash: string;
  expiresAt: Instant;
}

const findByIdQuery = fixedQuery((db: Store, p: { subscriptionId: string }) =>
  db.selectFrom("subscriptions").selectAll().where("subscriptionId", "=", p.subscriptionId),
);

/** Records a new subscription. A mailbox that already has one is refused with a StoreConflictError. */
export async function insertSubscription(
  db: Store,
  subscription: NewStoredSubscription,
  now: Instant,
): Promise<StoredSubscription> {
  const row: StoredSubscription = {
    ...subscription,
    expiresAt: toTimestamp(subscription.expiresAt),
    createdAt: toTimestamp(now),
    renewedAt: null,
  };
  return insertUnique(
    `a subscription to ${subscription.mailbox} (connection ${subscription.connection})`,
    () => db.insertInto("subscriptions").values(row).returningAll().executeTakeFirstOrThrow(),
  );
}

/**
 * Puts a new Graph subscription in the place of `previousId` (recreated after Graph removed the old one).
 * Returns undefined when no row holds `previousId` any more: someone else replaced or deleted it.
 */
export async function replaceSubscription(
  db: Store,
  previousId: string,
  next: Pick<NewStoredSubscription, "subscriptionId" | "clientStateHash" | "expiresAt">,
  now: Instant,
): Promise<StoredSubscription | undefined> {
  return db
    .updateTable("subscriptions")
    .set({
      subscriptionId: next.subscriptionId,
      clientStateHash: next.clientStateHash,
      expiresAt: toTimestamp(next.expiresAt),
      createdAt: toTimestamp(now),
      renewedAt: null,
    })
    .where("subscriptionId", "=", previousId)
    .returningAll()
    .executeTakeFirst();
}

/** Records that Graph extended a subscription. Returns undefined when no row holds it any more. */
export async function recordRenewal(
  db: Store,
  subscriptionId: string,
  expiresAt: Instant,
  now: Instant,
): Promise<StoredSubscription | undefined> {
  return db
    .updateTable("subscriptions")
    .set({ expiresAt: toTimestamp(expiresAt), renewedAt: toTimestamp(now) })
    .where("subscriptionId", "=", subscriptionId)
    .returningAll()
    .executeTakeFirst();
}

/** One subscription by its Graph id (webhook POSTs ask for all of theirs at once: findSubscriptionsByIds). */
export async function findSubscriptionById(
  db: Store,
  subscriptionId: string,
): Promise<StoredSubscription | undefined> {
  const [row] = await findByIdQuery.rows(db, { subscriptionId });
  return row;
}

/**
 * The subscriptions among `subscriptionIds` (unknown ids are left out; duplicates are asked once): every
 * notification of one webhook POST is checked with this one query. The caller bounds the list (the webhook
 * route takes at most 500 notifications a POST): each id is a bound parameter, and SQLite takes up to 32,766.
 */
export async function findSubscriptionsByIds(
  db: Store,
  subscriptionIds: readonly string[],
): Promise<StoredSubscription[]> {
  const distinct = [...new Set(subscriptionIds)];
  // `in ()` is not SQL: no ids, no query.
  if (distinct.length === 0) return [];
  return db.selectFrom("subscriptions").selectAll().where("subscriptionId", "in", distinct).execute();
}

export async function findSubscription(
  db: Store,
  connection: string,
  mailbox: string,
): Promise<StoredSubscription | undefined> {
  return db
    .selectFrom("subscriptions")
    .selectAll()
    .where("connection", "=", connection)
    .where("mailbox", "=", mailbox)
    .executeTakeFirst();
}

/** Every subscription, by connection and mailbox. */
export async function listSubscriptions(db: Store): Promise<StoredSubscription[]> {
  return db.selectFrom("subscriptions").selectAll().orderBy("connection").orderBy("mailbox").execute();
}

/** Forgets a subscription. Returns whether a row held it. */
export async function deleteSubscriptionRow(db: Store, subscriptionId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("subscriptions")
    .where("subscriptionId", "=", subscriptionId)
    .executeTakeFirst();
  return (result.numDeletedRows ?? 0n) > 0n;
}
