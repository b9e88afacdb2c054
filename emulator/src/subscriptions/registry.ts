import type { Subscription } from "./model.js";

/**
 * Subscriptions by id and by mailbox. Expired ones vanish the first time they are looked at, as Graph
 * deletes an unrenewed subscription without telling anyone.
 */
export class SubscriptionRegistry {
  private readonly byId = new Map<string, Subscription>();
  private readonly byMailbox = new Map<string, Set<Subscription>>();

  constructor(private readonly now: () => number) {}

  add(sub: Subscription): void {
    this.byId.set(sub.id, sub);
    const key = mailboxKey(sub.tenantId, sub.mailboxUserId);
    let set = this.byMailbox.get(key);
    if (!set) {
      set = new Set();
      this.byMailbox.set(key, set);
    }
    set.add(sub);
  }

  remove(sub: Subscription): void {
    this.byId.delete(sub.id);
    const key = mailboxKey(sub.tenantId, sub.mailboxUserId);
    const set = this.byMailbox.get(key);
    set?.delete(sub);
    if (set?.size === 0) this.byMailbox.delete(key);
  }

  /** A live subscription by id. */
  get(id: string): Subscription | undefined {
    const sub = this.byId.get(id);
    return sub && this.alive(sub) ? sub : undefined;
  }

  /** Live subscriptions on one mailbox, whichever app made them. */
  onMailbox(tenantId: string, userId: string): Subscription[] {
    const set = this.byMailbox.get(mailboxKey(tenantId, userId));
    return set ? [...set].filter((sub) => this.alive(sub)) : [];
  }

  all(): Subscription[] {
    return [...this.byId.values()].filter((sub) => this.alive(sub));
  }

  clear(): void {
    this.byId.clear();
    this.byMailbox.clear();
  }

  private alive(sub: Subscription): boolean {
    if (sub.expiresAt > this.now()) return true;
    this.remove(sub);
    return false;
  }
}

const mailboxKey = (tenantId: string, userId: string) => `${tenantId}|${userId}`;
