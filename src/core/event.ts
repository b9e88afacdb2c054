/**
 * crosscal's neutral event model. Nothing here knows Graph: the connector in src/graph maps Graph's
 * payloads to these types and back, so the planner can be tested without any provider.
 */

/** Which mailbox of a profile: A is the sync's first connection, B its second. */
export type Side = "A" | "B";

export const otherSide = (side: Side): Side => (side === "A" ? "B" : "A");

/** A wall-clock time in an IANA zone ("2026-03-26T09:00:00" in "Europe/Berlin"). */
export interface ZonedTime {
  dateTime: string;
  timeZone: string;
}

export type ShowAs = "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
export type Sensitivity = "normal" | "personal" | "private" | "confidential";
export type Importance = "low" | "normal" | "high";
export type Response =
  | "none"
  | "organizer"
  | "tentativelyAccepted"
  | "accepted"
  | "declined"
  | "notResponded";
export type DayOfWeek = "sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday";

export interface Person {
  name: string;
  address: string;
}

export interface Attendee extends Person {
  type: "required" | "optional" | "resource";
  response: Response;
}

/** A recurrence rule, with the same vocabulary as Graph's patterned recurrence (it is the common ground). */
export interface Recurrence {
  pattern: {
    type: "daily" | "weekly" | "absoluteMonthly" | "relativeMonthly" | "absoluteYearly" | "relativeYearly";
    interval: number;
    daysOfWeek?: DayOfWeek[];
    firstDayOfWeek?: DayOfWeek;
    dayOfMonth?: number;
    month?: number;
    index?: "first" | "second" | "third" | "fourth" | "last";
  };
  range: {
    type: "endDate" | "noEnd" | "numbered";
    startDate: string;
    endDate?: string;
    numberOfOccurrences?: number;
    /** IANA zone the pattern is evaluated in. */
    timeZone: string;
  };
}

/** What a copy says about itself: crosscal wrote it for this profile from this original. */
export interface CopyTag {
  profileId: string;
  sourceSide: Side;
  sourceId: string;
}

/** The fields crosscal may write to a copy: the result of a field mapping. */
export interface EventContent {
  subject: string;
  body: { type: "text" | "html"; content: string };
  location: string;
  start: ZonedTime;
  end: ZonedTime;
  isAllDay: boolean;
  showAs: ShowAs;
  sensitivity: Sensitivity;
  importance: Importance;
  categories: string[];
  reminder: { on: boolean; minutesBefore: number };
  /** Series masters only. */
  recurrence?: Recurrence;
}

/**
 * single: a one-off event. series: a recurring series' master. occurrence: an unmodified instance of a
 * series. exception: an instance that was moved or edited.
 */
export type EventKind = "single" | "series" | "occurrence" | "exception";

/** An event as read from a mailbox. */
export interface CalendarEvent extends EventContent {
  id: string;
  /**
   * Opaque version; changes on every write. Graph: the `@odata.etag`, which change notifications carry
   * too (an echo of crosscal's own write is recognised without a read) and `If-Match` takes.
   */
  version: string;
  iCalUId?: string;
  kind: EventKind;
  /** occurrence/exception: the series master's id and the instance's original start (UTC ISO). */
  seriesId?: string;
  originalStart?: string;
  isCancelled: boolean;
  isOrganizer: boolean;
  organizer?: Person;
  attendees: Attendee[];
  response: Response;
  isOnlineMeeting: boolean;
  joinUrl?: string;
  /** Present when crosscal made this event (a copy). */
  tag?: CopyTag;
}
