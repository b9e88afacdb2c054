import type { User } from "../world/types.js";
import { MailboxCalendar } from "./mailbox-calendar.js";
import type { StoredEvent, StoredException } from "./model.js";

/** A stored event as saved: its exceptions and cancelled occurrences as lists instead of a map and a set. */
export interface StoredEventSnapshot extends Omit<StoredEvent, "exceptions" | "cancelledOccurrences"> {
  exceptions: StoredException[];
  cancelledOccurrences: number[];
}

/**
 * One mailbox's calendar as saved. The owner is kept whole: a calendar outlives its user's removal from
 * the directory, as its events and change log stay reachable by id.
 */
export interface CalendarSnapshot {
  owner: User;
  events: StoredEventSnapshot[];
  transactions: Array<[transactionId: string, eventId: string]>;
  tombstones: Array<{ id: string; version: number; event: StoredEventSnapshot }>;
  version: number;
}

export function eventSnapshot(event: StoredEvent): StoredEventSnapshot {
  return {
    ...event,
    exceptions: [...event.exceptions.values()],
    cancelledOccurrences: [...event.cancelledOccurrences],
  };
}

export function eventFromSnapshot(snapshot: StoredEventSnapshot): StoredEvent {
  return {
    ...snapshot,
    exceptions: new Map(snapshot.exceptions.map((exception) => [exception.originalStart, exception])),
    cancelledOccurrences: new Set(snapshot.cancelledOccurrences),
  };
}

export function calendarSnapshot(calendar: MailboxCalendar): CalendarSnapshot {
  return {
    owner: calendar.owner,
    events: [...calendar.events.values()].map(eventSnapshot),
    transactions: [...calendar.transactions],
    tombstones: calendar.tombstones.map((tombstone) => ({
      ...tombstone,
      event: eventSnapshot(tombstone.event),
    })),
    version: calendar.version,
  };
}

/** The calendar back, in creation order (events lists in it), its change log at the same version. */
export function calendarFromSnapshot(owner: User, snapshot: CalendarSnapshot): MailboxCalendar {
  const calendar = new MailboxCalendar(owner);
  for (const event of snapshot.events) calendar.events.set(event.id, eventFromSnapshot(event));
  for (const [transactionId, eventId] of snapshot.transactions)
    calendar.transactions.set(transactionId, eventId);
  calendar.tombstones = snapshot.tombstones.map((tombstone) => ({
    ...tombstone,
    event: eventFromSnapshot(tombstone.event),
  }));
  calendar.version = snapshot.version;
  return calendar;
}
