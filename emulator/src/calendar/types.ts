/** Graph's calendar value types, as the emulator stores and validates them. */

export interface DateTimeTimeZone {
  /** Local wall-clock time, e.g. "2026-03-26T09:00:00" (Graph sends up to 7 fractional digits). */
  dateTime: string;
  /** A Windows ("W. Europe Standard Time") or IANA ("Europe/Berlin") zone name. */
  timeZone: string;
}

export type DayOfWeek = "sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday";
export type WeekIndex = "first" | "second" | "third" | "fourth" | "last";
export type PatternType =
  | "daily"
  | "weekly"
  | "absoluteMonthly"
  | "relativeMonthly"
  | "absoluteYearly"
  | "relativeYearly";

export interface RecurrencePattern {
  type: PatternType;
  interval: number;
  daysOfWeek?: DayOfWeek[];
  firstDayOfWeek?: DayOfWeek;
  dayOfMonth?: number;
  month?: number;
  index?: WeekIndex;
}

export interface RecurrenceRange {
  type: "endDate" | "noEnd" | "numbered";
  /** Plain date "YYYY-MM-DD"; must be the series start's date. */
  startDate: string;
  endDate?: string;
  numberOfOccurrences?: number;
  recurrenceTimeZone?: string;
}

export interface PatternedRecurrence {
  pattern: RecurrencePattern;
  range: RecurrenceRange;
}

/**
 * Bad calendar input (unknown time zone, invalid recurrence, all-day not at midnight...). The events layer
 * turns it into a 400 GraphError with this code and message.
 */
export class CalendarInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
