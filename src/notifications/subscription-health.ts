import type { Store } from "../store/database.js";
import { listSubscriptions } from "../store/subscriptions.js";
import { watchedMailboxes } from "../store/watched.js";

/** How well Graph's change notifications cover the mailboxes crosscal syncs. */
export interface SubscriptionHealth {
  /** Mailboxes a runnable profile reads (once per connection). */
  watchedMailboxes: number;
  subscriptions: number;
  /** Subscriptions lapsing within a day (the upkeep renews them a day ahead: more than a few means it fails). */
  expiringWithinDay: number;
  /** Watched mailboxes without a subscription: their changes wait for the periodic reconcile. */
  missing: number;
}

const DAY_MS = 24 * 60 * 60_000;

export async function subscriptionHealth(db: Store, now: Date): Promise<SubscriptionHealth> {
  const [watched, subscriptions] = await Promise.all([watchedMailboxes(db), listSubscriptions(db)]);
  const key = (connection: string, mailbox: string) => `${connection} ${mailbox.toLowerCase()}`;
  const subscribed = new Set(subscriptions.map((s) => key(s.connection, s.mailbox)));
  const soon = now.getTime() + DAY_MS;
  return {
    watchedMailboxes: watched.length,
    subscriptions: subscriptions.length,
    expiringWithinDay: subscriptions.filter((s) => Date.parse(s.expiresAt) <= soon).length,
    missing: watched.filter((w) => !subscribed.has(key(w.connection, w.mailbox))).length,
  };
}
