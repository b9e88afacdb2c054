import type { CalendarEvent, CopyTag, EventContent } from "./event.js";

/**
 * What the engine needs from one mailbox's calendar. src/graph implements it over Microsoft Graph; the
 * contract is small on purpose (CalendarSync's lesson: tiny connector contracts).
 */

/** Events in [start, end) are processed; delta needs a fixed window, re-based regularly. */
export interface Window {
  start: string;
  end: string;
}

/** One round of change tracking: what changed since the cursor, and the cursor for the next round. */
export interface ChangeBatch {
  /** Changed or new events; series instances arrive hydrated from their master (never as stubs). */
  changed: CalendarEvent[];
  /** Ids of events that were removed (may include ids never seen, and events outside the window). */
  removed: string[];
  /** Opaque cursor for the next call. */
  cursor: string;
  /** True when the provider lost the cursor and this batch is a full listing of the window. */
  full: boolean;
  /**
   * Series whose instances in `changed` are complete for the window: an instance of one of them that the
   * engine knew and that is missing now was cancelled (providers may report no deletion for occurrences).
   */
  refreshedSeries?: string[];
}

/**
 * What the engine already knows about events by id: the tag it wrote (a copy) or `null` (an original).
 * A provider whose change feed carries an event's content but not its tag need not read these again, and
 * may report removals of ids it is not told about without checking them: nothing depends on those.
 */
export type KnownEvents = ReadonlyMap<string, CopyTag | null>;

export interface CalendarPort {
  /**
   * Changes since `cursor` (undefined: a full listing of the window, which starts tracking). Without
   * `known`, every reported event is read in full and every removal checked.
   */
  changes(window: Window, cursor: string | undefined, known?: KnownEvents): Promise<ChangeBatch>;
  /** A series' instances (occurrences and exceptions, not cancelled ones) within the window. */
  instances(seriesId: string, window: Window): Promise<CalendarEvent[]>;
  get(id: string): Promise<CalendarEvent | undefined>;
  /** Events with this iCalUId (the same meeting sent to both mailboxes is found this way). */
  findByICalUId(iCalUId: string): Promise<CalendarEvent[]>;
  /** Every copy crosscal made in this mailbox for the profile, found by its tag (works with no database). */
  findCopies(profileId: string): Promise<CalendarEvent[]>;
  /**
   * Creates a copy. `transactionId` is deterministic, so a retry after a crash or timeout returns the
   * same event instead of a duplicate.
   */
  create(content: EventContent, tag: CopyTag, transactionId: string): Promise<CalendarEvent>;
  update(id: string, content: Partial<EventContent>, expectedVersion?: string): Promise<CalendarEvent>;
  /** Deletes an event; an event that is already gone is not an error. */
  delete(id: string): Promise<void>;
}
