import type { DateTimeTimeZone, PatternedRecurrence } from "../calendar/types.js";

export type ResponseType =
  | "none"
  | "organizer"
  | "tentativelyAccepted"
  | "accepted"
  | "declined"
  | "notResponded";

export interface EmailAddress {
  name: string;
  address: string;
}

export interface Attendee {
  type: "required" | "optional" | "resource";
  emailAddress: EmailAddress;
  status: { response: ResponseType; time: string };
}

export interface Location {
  displayName: string;
  locationType: string;
  uniqueIdType: string;
  uniqueId?: string;
  locationUri?: string;
  address?: Record<string, unknown>;
  coordinates?: Record<string, unknown>;
}

export interface ExtendedProperty {
  id: string;
  value: string;
}

/** The fields a PATCH may change (event-update), in Graph's shape. Exceptions override a subset of them. */
export interface EventFields {
  subject: string;
  body: { contentType: "text" | "html"; content: string };
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  isAllDay: boolean;
  location: Location;
  locations: Location[];
  attendees: Attendee[];
  categories: string[];
  importance: "low" | "normal" | "high";
  sensitivity: "normal" | "personal" | "private" | "confidential";
  showAs: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  responseRequested: boolean;
  allowNewTimeProposals: boolean;
  hideAttendees: boolean;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: "unknown" | "teamsForBusiness" | "skypeForBusiness" | "skypeForConsumer";
}

/** A modified occurrence, kept on its series master under its original start. */
export interface StoredException {
  /** Epoch milliseconds of the occurrence's original start (the key). */
  originalStart: number;
  /** The occurrence's actual start and end (epoch ms), moved or not. */
  start: number;
  end: number;
  changeKey: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** Only the fields changed on this occurrence; everything else follows the master. */
  overrides: Partial<EventFields>;
}

/** A single instance or a series master in one mailbox. */
export interface StoredEvent {
  id: string;
  /** The mailbox owner's user id. */
  ownerId: string;
  type: "singleInstance" | "seriesMaster";
  iCalUId: string;
  changeKey: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  transactionId?: string;
  fields: EventFields;
  originalStartTimeZone: string;
  originalEndTimeZone: string;
  recurrence?: PatternedRecurrence;
  organizer: EmailAddress;
  isOrganizer: boolean;
  responseStatus: { response: ResponseType; time: string };
  isCancelled: boolean;
  isDraft: boolean;
  onlineMeeting?: { joinUrl: string; conferenceId?: string };
  extendedProperties: ExtendedProperty[];
  exceptions: Map<number, StoredException>;
  /** Original starts (epoch ms) of deleted occurrences. */
  cancelledOccurrences: Set<number>;
  /** Change-log version of the last write to this event (or any of its occurrences). */
  version: number;
}

/** What a calendarView, instances or occurrence GET shows: a stored event, or one occurrence of a series. */
export type EventView =
  | { kind: "stored"; event: StoredEvent }
  | {
      kind: "occurrence";
      master: StoredEvent;
      originalStart: number;
      start: number;
      end: number;
      exception?: StoredException;
    };

export const NEVER = "0001-01-01T00:00:00Z";
