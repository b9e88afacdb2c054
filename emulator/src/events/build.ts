import { randomInt } from "node:crypto";
import { expandSeries, seriesSpan } from "../calendar/expand.js";
import { validateRecurrence } from "../calendar/recurrence.js";
import { formatInZone } from "../calendar/timezones.js";
import type { PatternedRecurrence } from "../calendar/types.js";
import { GraphError } from "../graph/errors.js";
import { newChangeKey, newItemId } from "../ids.js";
import type { User } from "../world/types.js";
import { newICalUId } from "./identifiers.js";
import { defaultFields, type EventInput } from "./input.js";
import type { EventFields, StoredEvent } from "./model.js";
import { calendarCall, epochOf, localDate, validateTimes } from "./times.js";

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

/**
 * Validates a recurrence for a series with these times. Like Exchange, which keeps a series from its
 * first occurrence, a start that is not on a day the pattern produces moves (with the end, in place) to
 * the first occurrence, and the range's startDate with it.
 */
export function checkRecurrence(input: unknown, fields: EventFields): PatternedRecurrence | undefined {
  if (input === undefined || input === null) return undefined;
  const recurrence = calendarCall(() => validateRecurrence(input, fields.start));
  const { first } = calendarCall(() => seriesSpan(recurrence, fields.start, fields.end));
  if (first.epochMilliseconds === epochOf(fields.start)) return recurrence;
  const window = { start: first, end: first.add({ milliseconds: 1 }) };
  const [occurrence] = calendarCall(() => expandSeries(recurrence, fields.start, fields.end, window));
  if (!occurrence) return recurrence;
  fields.start = formatInZone(occurrence.start, fields.start.timeZone);
  fields.end = formatInZone(occurrence.end, fields.end.timeZone);
  const zone = recurrence.range.recurrenceTimeZone ?? fields.start.timeZone;
  const startDate = localDate(first.epochMilliseconds, zone);
  return { ...recurrence, range: { ...recurrence.range, startDate } };
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
    else event.extendedProperties.push({ id: displayedPropertyId(property.id), value: property.value });
  }
}

const hex = (digits: string) => `0x${(Number.parseInt(digits, 16) || 0).toString(16)}`;

/**
 * The id as Exchange gives it back: GUID in lower case, numbers in lower-case hex without leading zeros
 * ("Binary 0x0E0A" comes back as "Binary 0xe0a"); the type and a Name stay as written.
 */
export function displayedPropertyId(id: string): string {
  const trimmed = id.trim().replace(/\s+/g, " ");
  const named = /^(\w+) \{([0-9a-fA-F-]+)\} (Name|Id) (.+)$/i.exec(trimmed);
  if (named) {
    const [, type, guid, kind, rest] = named as unknown as [string, string, string, string, string];
    const isId = kind.toLowerCase() === "id" && /^0x[0-9a-f]+$/i.test(rest);
    return `${type} {${guid.toLowerCase()}} ${isId ? "Id" : "Name"} ${isId ? hex(rest.slice(2)) : rest}`;
  }
  const tag = /^(\w+) 0x([0-9a-fA-F]+)$/.exec(trimmed);
  return tag ? `${tag[1]} ${hex(tag[2]!)}` : trimmed;
}

/**
 * A canonical key for an extended property id ("String {guid} Name X", "Integer {guid} Id 0x8012",
 * "String 0x4001001E"): type, GUID, and number are case-insensitive; a Name is case-sensitive.
 */
export function propertyKey(id: string): string {
  const shown = displayedPropertyId(id);
  const named = /^(\w+) (\{[^}]+\}) Name (.+)$/i.exec(shown);
  return named ? `${named[1]!.toLowerCase()} ${named[2]} name ${named[3]}` : shown.toLowerCase();
}
