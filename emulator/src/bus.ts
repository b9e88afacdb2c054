import type { Actor } from "./world/types.js";

/**
 * A change to an event in one mailbox, published after the store commits it. Subscriptions turn these into
 * change notifications. Changes to one occurrence are published on the series master (as Exchange does).
 */
export interface MailboxChange {
  tenantId: string;
  userId: string;
  changeType: "created" | "updated" | "deleted";
  eventId: string;
  /** The event's `@odata.etag` after the change (absent for deletions). */
  etag?: string;
  actor: Actor;
}

export type MailboxChangeListener = (change: MailboxChange) => void;

export class ChangeBus {
  private readonly listeners = new Set<MailboxChangeListener>();

  on(listener: MailboxChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: MailboxChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
