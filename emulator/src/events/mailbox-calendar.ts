import type { User } from "../world/types.js";
import type { StoredEvent } from "./model.js";

/** A deleted event, kept so delta can report `@removed` for it. */
export interface Tombstone {
  id: string;
  version: number;
  /** The event as it was, so delta can name the occurrences that went with a deleted series. */
  event: StoredEvent;
}

/**
 * The default calendar of one mailbox: its events (single instances and series masters, in creation
 * order), the transactionIds seen on creates, and a change log versioned by a counter that only grows.
 */
export class MailboxCalendar {
  readonly events = new Map<string, StoredEvent>();
  readonly transactions = new Map<string, string>();
  tombstones: Tombstone[] = [];
  version = 0;
  /** A stable id for the one calendar a mailbox has here. */
  readonly calendarId: string;

  constructor(readonly owner: User) {
    this.calendarId = `AAMkC${Buffer.from(`calendar|${owner.id}`).toString("base64url")}`;
  }

  nextVersion(): number {
    this.version += 1;
    return this.version;
  }

  /** The attendee's copy of a meeting (or the organizer's original) by iCalUId. */
  byICalUId(iCalUId: string): StoredEvent | undefined {
    for (const event of this.events.values()) if (event.iCalUId === iCalUId) return event;
    return undefined;
  }

  remove(event: StoredEvent): void {
    this.events.delete(event.id);
    if (event.transactionId) this.transactions.delete(event.transactionId);
    this.tombstones.push({ id: event.id, version: this.nextVersion(), event });
  }
}
