import type { Window } from "../core/calendar-port.js";
import { TAG_EXPAND } from "./tag.js";

/** The URLs and headers GraphCalendar sends for one mailbox. */

/** `?name=value&…`, values percent-encoded (spaces as %20: `+` is not a space to every OData parser). */
export function queryString(params: Record<string, string>): string {
  const pairs = Object.entries(params).map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  return pairs.length ? `?${pairs.join("&")}` : "";
}

/**
 * The preferences on every calendar request: times in UTC (the mapping converts them into each event's
 * own zone, so nothing depends on the mailbox's settings), and immutable ids, which survive the item
 * moving between folders (GRAPH-NOTES Gotcha 10). Paged reads also ask for a page size; Graph does not
 * remember it between pages, so the transport re-sends these headers with every page.
 */
export function preferHeaders(pageSize?: number): Record<string, string> {
  const preferences = ['outlook.timezone="UTC"', 'IdType="ImmutableId"'];
  if (pageSize !== undefined) preferences.push(`odata.maxpagesize=${pageSize}`);
  return { Prefer: preferences.join(", ") };
}

export class MailboxPaths {
  readonly root: string;

  constructor(readonly mailbox: string) {
    this.root = `/users/${encodeURIComponent(mailbox)}`;
  }

  /** The first request of a delta round; the window is fixed from here on (it is in the tokens). */
  deltaStart(window: Window): string {
    return `${this.root}/calendarView/delta${queryString({ startDateTime: window.start, endDateTime: window.end })}`;
  }

  event(id: string, expandTag = true): string {
    return `${this.root}/events/${encodeURIComponent(id)}${expandTag ? queryString({ $expand: TAG_EXPAND }) : ""}`;
  }

  events(expandTag = true, query: Record<string, string> = {}): string {
    return `${this.root}/events${queryString(expandTag ? { ...query, $expand: TAG_EXPAND } : query)}`;
  }

  /** Events and series instances overlapping the window, with their tag, in the order `query` asks. */
  calendarView(window: Window, query: Record<string, string> = {}): string {
    const range = { startDateTime: window.start, endDateTime: window.end };
    return `${this.root}/calendarView${queryString({ ...range, ...query, $expand: TAG_EXPAND })}`;
  }

  instances(seriesId: string, window: Window): string {
    const query = queryString({ startDateTime: window.start, endDateTime: window.end, $expand: TAG_EXPAND });
    return `${this.root}/events/${encodeURIComponent(seriesId)}/instances${query}`;
  }
}
