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

/** The subscription a notification names (every notification asks: a compiled query). */
export async function findSubscriptionById(
  db: Store,
  subscriptionId: string,
): Promise<StoredSubscription | undefined> {
  const [row] = await findByIdQuery.rows(db, { subscriptionId });
  return row;
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
