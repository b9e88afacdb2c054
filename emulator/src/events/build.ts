import { randomInt } from "node:crypto";
import { validateRecurrence } from "../calendar/recurrence.js";
import type { PatternedRecurrence } from "../calendar/types.js";
import { GraphError } from "../graph/errors.js";
import { newChangeKey, newItemId } from "../ids.js";
import type { User } from "../world/types.js";
import { newICalUId } from "./identifiers.js";
import { defaultFields, type EventInput } from "./input.js";
import type { EventFields, StoredEvent } from "./model.js";
import { calendarCall, validateTimes } from "./times.js";

function requireTimes(fields: Partial<EventFields>): Pick<EventFields, "start" | "end"> {
  if (!fields.start || !fields.end) {
    throw new GraphError(
      400,
      "ErrorInvalidRequest",
      "Your request can't be completed. An event needs both a start and an end time.",
    );
  }
  return { start: fields.start, end: fields.end };
}

export function checkRecurrence(input: unknown, fields: EventFields): PatternedRecurrence | undefined {
  if (input === undefined || input === null) return undefined;
  return calendarCall(() => validateRecurrence(input, fields.start));
}

/** A new event in `owner`'s calendar, organized by the owner, validated as Graph validates a POST. */
export function buildEvent(owner: User, input: EventInput, now: string): StoredEvent {
  const fields: EventFields = { ...defaultFields(), ...input.fields, ...requireTimes(input.fields) };
  validateTimes(fields);
  const recurrence = checkRecurrence(input.recurrence, fields);
  const event: StoredEvent = {
    id: newItemId(),
    ownerId: owner.id,
    type: recurrence ? "seriesMaster" : "singleInstance",
    iCalUId: newICalUId(),
    changeKey: newChangeKey(),
    createdDateTime: now,
    lastModifiedDateTime: now,
    fields,
    originalStartTimeZone: fields.start.timeZone,
    originalEndTimeZone: fields.end.timeZone,
    organizer: { name: owner.displayName, address: owner.mail },
    isOrganizer: true,
    responseStatus: { response: "organizer", time: "0001-01-01T00:00:00Z" },
    isCancelled: false,
    isDraft: input.isDraft ?? false,
    extendedProperties: [],
    exceptions: new Map(),
    cancelledOccurrences: new Set(),
    version: 0,
  };
  if (recurrence) event.recurrence = recurrence;
  if (input.transactionId) event.transactionId = input.transactionId;
  if (input.extendedProperties) mergeExtendedProperties(event, input.extendedProperties);
  if (fields.isOnlineMeeting) enableOnlineMeeting(event);
  return event;
}

/** Once on, an online meeting stays on (Graph ignores attempts to turn it off). */
export function enableOnlineMeeting(event: StoredEvent): void {
  event.fields.isOnlineMeeting = true;
  if (event.fields.onlineMeetingProvider === "unknown")
    event.fields.onlineMeetingProvider = "teamsForBusiness";
  event.onlineMeeting ??= {
    joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${event.id.slice(5, 29)}%40thread.v2/0`,
    conferenceId: String(randomInt(100_000_000, 999_999_999)),
  };
}

/** Extended properties are upserted by id (the Name part compares case-sensitively, the rest not). */
export function mergeExtendedProperties(
  event: StoredEvent,
  properties: StoredEvent["extendedProperties"],
): void {
  for (const property of properties) {
    const key = propertyKey(property.id);
    const existing = event.extendedProperties.find((p) => propertyKey(p.id) === key);
    if (existing) existing.value = property.value;
    else event.extendedProperties.push({ ...property });
  }
}

/**
 * A canonical key for an extended property id ("String {guid} Name X", "Integer {guid} Id 0x8012",
 * "String 0x4001001E"): type, GUID, and number are case-insensitive; a Name is case-sensitive.
 */
export function propertyKey(id: string): string {
  const named = /^\s*(\w+)\s+\{([0-9a-fA-F-]+)\}\s+Name\s+(.+?)\s*$/i.exec(id);
  if (named) return `${named[1]!.toLowerCase()} {${named[2]!.toLowerCase()}} name ${named[3]}`;
  return id.trim().replace(/\s+/g, " ").toLowerCase();
}
