import { Temporal } from "temporal-polyfill";
import { checkAllDay, formatInZone, toInstant } from "../calendar/timezones.js";
import type { DateTimeTimeZone } from "../calendar/types.js";
import { CalendarInputError } from "../calendar/types.js";
import { GraphError } from "../graph/errors.js";
import type { EventFields } from "./model.js";

export interface Window {
  start: Temporal.Instant;
  end: Temporal.Instant;
}

/** Calendar-layer validation errors become Graph's 400 with the same code and message. */
export function asGraphError(error: unknown): unknown {
  if (error instanceof CalendarInputError) return new GraphError(400, error.code, error.message);
  return error;
}

export function calendarCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw asGraphError(error);
  }
}

/** Parsed instants by value object: stored times are replaced, never mutated, and rendering reads them often. */
const epochCache = new WeakMap<DateTimeTimeZone, number>();

export function epochOf(value: DateTimeTimeZone): number {
  let epoch = epochCache.get(value);
  if (epoch === undefined) {
    epoch = calendarCall(() => toInstant(value)).epochMilliseconds;
    epochCache.set(value, epoch);
  }
  return epoch;
}

/** formatInZone, with a fast path for UTC (the default output zone), which needs no zone rules. */
function formatAt(epochMs: number, zone: string): DateTimeTimeZone {
  if (zone === "UTC")
    return { dateTime: `${new Date(epochMs).toISOString().slice(0, 23)}0000`, timeZone: "UTC" };
  return formatInZone(instantOf(epochMs), zone);
}

/** Start/end must parse in their zones, all-day events must be midnight to midnight, end not before start. */
export function validateTimes(fields: Pick<EventFields, "start" | "end" | "isAllDay">): void {
  const start = epochOf(fields.start);
  const end = epochOf(fields.end);
  if (fields.isAllDay) calendarCall(() => checkAllDay(fields.start, fields.end));
  if (end < start) {
    throw new GraphError(
      400,
      "ErrorInvalidRequest",
      "Your request can't be completed. The end time must be after the start time.",
    );
  }
}

/**
 * A time as Graph returns it. Timed events: the instant in the preferred zone (UTC by default). All-day
 * events keep their midnight wall clock (they are floating days), labelled with the preferred zone.
 */
export function outputTime(epochMs: number, fields: Pick<EventFields, "isAllDay" | "start">, zone?: string) {
  const label = zone ?? "UTC";
  if (!fields.isAllDay) return formatAt(epochMs, label);
  const local = formatAt(epochMs, fields.start.timeZone);
  return { dateTime: local.dateTime, timeZone: label };
}

/** The wall-clock date (YYYY-MM-DD) of an instant in the event's own zone. */
export function localDate(epochMs: number, zone: string): string {
  return formatAt(epochMs, zone).dateTime.slice(0, 10);
}

export const instantOf = (epochMs: number) => Temporal.Instant.fromEpochMilliseconds(epochMs);

export const overlaps = (start: number, end: number, window: Window) =>
  start < window.end.epochMilliseconds && end > window.start.epochMilliseconds;
