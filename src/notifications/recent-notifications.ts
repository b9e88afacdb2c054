import type { DeliveryMemory, Notification } from "./webhooks.js";

/** Tuning for `RecentNotifications`; the defaults are the service's. */
export interface RecentNotificationsOptions {
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
  /** How long a change notification is remembered (default 10 minutes). */
  changesForMs?: number;
  /** How long a lifecycle notification is remembered (default 1 minute). */
  lifecycleForMs?: number;
  /** The most notifications of each kind remembered (default 50,000). */
  maxKeys?: number;
}

/**
 * The notifications that became work lately, so that the same one arriving again becomes none. Graph
 * redelivers a POST whose answer was late or lost, and anyone who captured a genuine body can replay it
 * as often as they like: each repeat would otherwise be a run (or a subscription reauthorized again).
 *
 * A change is the same when its subscription, change type, event and version (`@odata.etag`) are: a new
 * version is a new change. A change without a version cannot be told from a genuine new change of the
 * same event, so it is never remembered here (the POST that carries it coalesces its own repeats). A
 * lifecycle notification is the same when its subscription and event are, for a shorter while: Graph
 * sends `missed` or `reauthorizationRequired` again when the condition returns, and that must be heard.
 *
 * Memory is bounded: at most `maxKeys` of each kind, the oldest forgotten first. Forgetting early costs
 * at most a run, and usually none: the scheduler drops a change the store already reflects (sidesToRun).
 * One process's memory: with several `serve` processes, each coalesces what reaches it.
 */
export class RecentNotifications implements DeliveryMemory {
  private readonly changes: ExpiringKeys;
  private readonly lifecycle: ExpiringKeys;

  constructor(options: RecentNotificationsOptions = {}) {
    const now = options.now ?? Date.now;
    const maxKeys = options.maxKeys ?? 50_000;
    this.changes = new ExpiringKeys(options.changesForMs ?? 10 * 60_000, maxKeys, now);
    this.lifecycle = new ExpiringKeys(options.lifecycleForMs ?? 60_000, maxKeys, now);
  }

  isNew(notification: Notification): boolean {
    const { subscriptionId } = notification;
    if ("lifecycleEvent" in notification)
      return this.lifecycle.add(JSON.stringify([subscriptionId, notification.lifecycleEvent]));
    const { id, "@odata.etag": etag } = notification.resourceData;
    if (!etag) return true;
    return this.changes.add(JSON.stringify([subscriptionId, notification.changeType, id, etag]));
  }
}

/**
 * Keys that each live the same time, in a Map kept in insertion order, which is then also expiry order:
 * the expired ones are at the front, so pruning stops at the first live key. (A clock set back breaks
 * that order for a while; each key's own expiry is still checked, and `maxKeys` still bounds the Map.)
 */
class ExpiringKeys {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly maxKeys: number,
    private readonly now: () => number,
  ) {}

  /** Adds `key`; false when it is there already and not expired (its lifetime is not extended). */
  add(key: string): boolean {
    const now = this.now();
    this.dropExpired(now);
    const expiry = this.expiries.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.expiries.delete(key);
    if (this.expiries.size >= this.maxKeys) this.dropOldest();
    this.expiries.set(key, now + this.lifetimeMs);
    return true;
  }

  private dropExpired(now: number): void {
    for (const [key, expiry] of this.expiries) {
      if (expiry > now) return;
      this.expiries.delete(key);
    }
  }

  private dropOldest(): void {
    for (const key of this.expiries.keys()) {
      this.expiries.delete(key);
      return;
    }
  }
}
