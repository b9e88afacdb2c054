import { Temporal } from "temporal-polyfill";
import { expect } from "vitest";
import { expandSeries, type Occurrence } from "../../../emulator/src/calendar/expand.js";
import { validateRecurrence } from "../../../emulator/src/calendar/recurrence.js";
import { CalendarInputError, type DateTimeTimeZone } from "../../../emulator/src/calendar/types.js";

export const at = (dateTime: string, timeZone: string): DateTimeTimeZone => ({ dateTime, timeZone });
export const instant = (iso: string) => Temporal.Instant.from(iso);
export const window = (start: string, end: string) => ({ start: instant(start), end: instant(end) });

/** A validated series: pattern + range (startDate taken from the start), with its start and end times. */
export function series(pattern: object, range: object, start: DateTimeTimeZone, end: DateTimeTimeZone) {
  const startDate = start.dateTime.slice(0, 10);
  const recurrence = validateRecurrence({ pattern, range: { startDate, ...range } }, start);
  return {
    recurrence,
    start,
    end,
    expand: (w: { start: Temporal.Instant; end: Temporal.Instant }) =>
      expandSeries(recurrence, start, end, w),
  };
}

/** Occurrences as local wall-clock strings "YYYY-MM-DDTHH:mm" in an IANA zone, for readable assertions. */
export const localStarts = (occurrences: Occurrence[], zone: string) =>
  occurrences.map((o) => o.start.toZonedDateTimeISO(zone).toPlainDateTime().toString().slice(0, 16));

export const dates = (occurrences: Occurrence[], zone: string) =>
  occurrences.map((o) => o.start.toZonedDateTimeISO(zone).toPlainDate().toString());

/** Runs fn and returns the CalendarInputError it throws (failing the test if it throws nothing else). */
export function inputError(fn: () => unknown): CalendarInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarInputError);
    return error as CalendarInputError;
  }
  throw new Error("expected a CalendarInputError, nothing was thrown");
}
