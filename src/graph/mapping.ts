import type {
  DateTimeTimeZone,
  Event,
  Attendee as GraphAttendee,
  Recipient,
} from "@microsoft/microsoft-graph-types";
import type { Attendee, CalendarEvent, EventKind, Person } from "../core/event.js";
import { IMPORTANCES, RESPONSES, SENSITIVITIES, SHOW_AS } from "../core/mapping/vocabulary.js";
import { recurrenceFromGraph } from "./mapping-recurrence.js";
import { tagOf } from "./tag.js";
import { ianaZoneOf, inZone, utcInstant, zonedFromUtc, zonedFromWallClock } from "./time-zones.js";

/** An event as Graph sends it, with the annotations the generated types leave out. */
export type GraphEventPayload = Event & {
  "@odata.etag"?: string;
  "@odata.type"?: string;
  "@removed"?: { reason?: string };
};

const KINDS: Record<string, EventKind> = {
  singleInstance: "single",
  seriesMaster: "series",
  occurrence: "occurrence",
  exception: "exception",
};

/**
 * calendarView/delta sends occurrences and exceptions as stubs (id, seriesMasterId, type, start, end):
 * no subject, no zone, no organizer. They must be replaced by full instances before mapping.
 */
export function isStub(event: GraphEventPayload): boolean {
  return (
    (event.type === "occurrence" || event.type === "exception") &&
    event.subject === undefined &&
    event.originalStartTimeZone === undefined
  );
}

function oneOf<T extends string>(
  values: readonly T[],
  value: unknown,
  fallback: T,
  what: string,
  id: string,
) {
  if (value === undefined || value === null) return fallback;
  const found = values.find((v) => v === value);
  if (found === undefined)
    throw new Error(`event ${id} has an unsupported ${what}: ${JSON.stringify(value)}`);
  return found;
}

/**
 * A Graph time in the event's own IANA zone. Timed events: the instant, read in the zone Graph labelled
 * it with (UTC under our Prefer header). All-day events are floating days that Graph returns at midnight
 * whatever zone is asked for, so their wall clock is kept as is.
 */
function timeOf(value: DateTimeTimeZone | null | undefined, zone: string, allDay: boolean, id: string) {
  if (!value?.dateTime) throw new Error(`event ${id} has no start or end time`);
  if (allDay) return zonedFromWallClock(value.dateTime, zone);
  const labelled = ianaZoneOf(value.timeZone) ?? "UTC";
  if (labelled === "UTC") return zonedFromUtc(value.dateTime, zone);
  return inZone(zonedFromWallClock(value.dateTime, labelled), zone);
}

function person(recipient: Recipient | null | undefined): Person | undefined {
  const address = recipient?.emailAddress?.address;
  if (!address) return undefined;
  return { name: recipient?.emailAddress?.name ?? address, address };
}

function attendeeOf(attendee: GraphAttendee, id: string): Attendee | undefined {
  const who = person(attendee);
  if (!who) return undefined;
  const type = oneOf(
    ["required", "optional", "resource"] as const,
    attendee.type,
    "required",
    "attendee type",
    id,
  );
  return { ...who, type, response: oneOf(RESPONSES, attendee.status?.response, "none", "response", id) };
}

/** The event's zones: originalStartTimeZone / originalEndTimeZone, which Graph keeps from creation. */
function zonesOf(event: GraphEventPayload): { start: string; end: string } {
  const start = ianaZoneOf(event.originalStartTimeZone) ?? "UTC";
  return { start, end: ianaZoneOf(event.originalEndTimeZone) ?? start };
}

/**
 * A full Graph event (read with `Prefer: outlook.timezone="UTC"` and the tag expanded) in the model.
 * A zone Graph cannot name (a legacy custom zone) falls back to UTC: the instants stay exact.
 */
export function fromGraphEvent(event: GraphEventPayload): CalendarEvent {
  const id = event.id;
  if (!id) throw new Error("a Graph event without an id");
  if (isStub(event)) throw new Error(`event ${id} is an occurrence stub; hydrate it before mapping`);
  const version = event["@odata.etag"] ?? event.changeKey;
  if (!version) throw new Error(`event ${id} has neither an @odata.etag nor a changeKey`);
  const kind = KINDS[event.type ?? "singleInstance"];
  if (!kind) throw new Error(`event ${id} has an unsupported type: ${JSON.stringify(event.type)}`);
  const isAllDay = event.isAllDay ?? false;
  const zones = zonesOf(event);
  const organizer = person(event.organizer);
  const recurrence = kind === "series" ? recurrenceFromGraph(event.recurrence, zones.start) : undefined;
  const tag = tagOf(event.singleValueExtendedProperties, id);
  return {
    id,
    version,
    kind,
    subject: event.subject ?? "",
    body: {
      type: event.body?.contentType === "text" ? "text" : "html",
      content: event.body?.content ?? "",
    },
    location: event.location?.displayName ?? "",
    start: timeOf(event.start, zones.start, isAllDay, id),
    end: timeOf(event.end, zones.end, isAllDay, id),
    isAllDay,
    showAs: SHOW_AS.find((v) => v === event.showAs) ?? "unknown",
    sensitivity: oneOf(SENSITIVITIES, event.sensitivity, "normal", "sensitivity", id),
    importance: oneOf(IMPORTANCES, event.importance, "normal", "importance", id),
    categories: [...(event.categories ?? [])],
    reminder: { on: event.isReminderOn ?? false, minutesBefore: event.reminderMinutesBeforeStart ?? 0 },
    ...(recurrence && { recurrence }),
    ...(event.iCalUId && { iCalUId: event.iCalUId }),
    ...(event.seriesMasterId && { seriesId: event.seriesMasterId }),
    ...(event.originalStart && { originalStart: utcInstant(event.originalStart) }),
    isCancelled: event.isCancelled ?? false,
    isOrganizer: event.isOrganizer ?? false,
    ...(organizer && { organizer }),
    attendees: (event.attendees ?? []).flatMap((a) => attendeeOf(a, id) ?? []),
    response: oneOf(RESPONSES, event.responseStatus?.response, "none", "response", id),
    isOnlineMeeting: event.isOnlineMeeting ?? false,
    ...(event.onlineMeeting?.joinUrl && { joinUrl: event.onlineMeeting.joinUrl }),
    ...(tag && { tag }),
  };
}
