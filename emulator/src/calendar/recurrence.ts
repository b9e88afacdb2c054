import { Temporal } from "temporal-polyfill";
import { hasOccurrence, localStartIn } from "./expand.js";
import { DAY_NAMES } from "./pattern-dates.js";
import {
  CalendarInputError,
  type DateTimeTimeZone,
  type DayOfWeek,
  type PatternedRecurrence,
  type PatternType,
  type RecurrencePattern,
  type RecurrenceRange,
  type WeekIndex,
} from "./types.js";

/*
 * Graph's recurrence validation. What GET returns (and so what this normalises to) is the full shape Graph
 * serialises: every pattern property present (month 0, dayOfMonth 0, daysOfWeek [], firstDayOfWeek
 * "sunday", index "first" when unused) and every range property (endDate "0001-01-01" and
 * numberOfOccurrences 0 when unused). Clients copy that shape back in PATCH/POST, so those "unused"
 * values count as absent here; only a meaningful value on a pattern type that has no use for it is an
 * error (for example daysOfWeek on an absoluteMonthly pattern).
 */

// UNCONFIRMED: Graph's exact code and messages for an invalid recurrence; the rules are documented.
const invalid = (message: string) => new CalendarInputError("ErrorPropertyValidationFailure", message);

const NO_DATE = "0001-01-01";
const PATTERN_TYPES: readonly PatternType[] = [
  "daily",
  "weekly",
  "absoluteMonthly",
  "relativeMonthly",
  "absoluteYearly",
  "relativeYearly",
];
const WEEK_INDEXES: readonly WeekIndex[] = ["first", "second", "third", "fourth", "last"];
const RANGE_TYPES: readonly RecurrenceRange["type"][] = ["endDate", "noEnd", "numbered"];

type Field = "daysOfWeek" | "dayOfMonth" | "month";
const USES: Record<PatternType, readonly Field[]> = {
  daily: [],
  weekly: ["daysOfWeek"],
  absoluteMonthly: ["dayOfMonth"],
  relativeMonthly: ["daysOfWeek"],
  absoluteYearly: ["dayOfMonth", "month"],
  relativeYearly: ["daysOfWeek", "month"],
};

const PATTERN_KEYS = ["type", "interval", "month", "dayOfMonth", "daysOfWeek", "firstDayOfWeek", "index"];
const RANGE_KEYS = ["type", "startDate", "endDate", "numberOfOccurrences", "recurrenceTimeZone"];

/** Enum values are accepted in any case (older docs capitalised them) and returned in Graph's casing. */
function enumValue<T extends string>(values: readonly T[], value: unknown, name: string): T {
  const found =
    typeof value === "string" ? values.find((v) => v.toLowerCase() === value.toLowerCase()) : undefined;
  if (!found) throw invalid(`The value '${String(value)}' is not valid for the property '${name}'.`);
  return found;
}

const TYPE_NAMES: Record<string, string> = {
  recurrence: "patternedRecurrence",
  pattern: "recurrencePattern",
  range: "recurrenceRange",
};

function objectOf(value: unknown, name: string, keys: string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(`The recurrence '${name}' is required and must be an object.`);
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key) && !key.startsWith("@odata.")) {
      throw new CalendarInputError(
        "RequestBodyRead",
        `The property '${key}' does not exist on type 'microsoft.graph.${TYPE_NAMES[name] ?? name}'. Make sure to only use property names that are defined by the type.`,
      );
    }
  }
  return value as Record<string, unknown>;
}

const isAbsent = (value: unknown) =>
  value === undefined || value === null || value === 0 || (Array.isArray(value) && value.length === 0);

function integerIn(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(
      `The property '${name}' must be an integer from ${min} to ${max}; found '${String(value)}'.`,
    );
  }
  return value;
}

/** Days in Graph's order (sunday first), without repeats. UNCONFIRMED: Graph's output order. */
function daysOf(value: unknown): DayOfWeek[] {
  if (!Array.isArray(value)) throw invalid("The property 'daysOfWeek' must be a list of day names.");
  const days = new Set(value.map((day) => enumValue(DAY_NAMES, day, "daysOfWeek")));
  return DAY_NAMES.filter((day) => days.has(day));
}

function requirePresent(raw: Record<string, unknown>, type: PatternType, field: Field) {
  if (isAbsent(raw[field]))
    throw invalid(`The property '${field}' is required for a recurrence pattern of type '${type}'.`);
}

export function validatePattern(input: unknown): RecurrencePattern {
  const raw = objectOf(input, "pattern", PATTERN_KEYS);
  if (raw.type === undefined || raw.type === null)
    throw invalid("The recurrence pattern 'type' is required.");
  const type = enumValue(PATTERN_TYPES, raw.type, "type");
  if (raw.interval === undefined || raw.interval === null)
    throw invalid("The recurrence pattern 'interval' is required.");
  const interval = integerIn(raw.interval, "interval", 1, 999);
  const uses = USES[type];
  for (const field of ["daysOfWeek", "dayOfMonth", "month"] as const) {
    if (uses.includes(field)) requirePresent(raw, type, field);
    else if (!isAbsent(raw[field])) {
      throw invalid(`The property '${field}' is not supported for a recurrence pattern of type '${type}'.`);
    }
  }
  return {
    type,
    interval,
    month: uses.includes("month") ? integerIn(raw.month, "month", 1, 12) : 0,
    dayOfMonth: uses.includes("dayOfMonth") ? integerIn(raw.dayOfMonth, "dayOfMonth", 1, 31) : 0,
    daysOfWeek: uses.includes("daysOfWeek") ? daysOf(raw.daysOfWeek) : [],
    firstDayOfWeek:
      raw.firstDayOfWeek == null ? "sunday" : enumValue(DAY_NAMES, raw.firstDayOfWeek, "firstDayOfWeek"),
    index: raw.index == null ? "first" : enumValue(WEEK_INDEXES, raw.index, "index"),
  };
}

function plainDate(value: unknown, name: string): Temporal.PlainDate {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw invalid(`The property '${name}' must be a date in the form YYYY-MM-DD; found '${String(value)}'.`);
  }
  try {
    return Temporal.PlainDate.from(value, { overflow: "reject" });
  } catch {
    throw invalid(`The property '${name}' must be a valid date; found '${value}'.`);
  }
}

function rangeEnd(raw: Record<string, unknown>, type: RecurrenceRange["type"], start: Temporal.PlainDate) {
  if (type !== "endDate") return NO_DATE;
  if (isAbsent(raw.endDate) || raw.endDate === NO_DATE)
    throw invalid("The property 'endDate' is required for a recurrence range of type 'endDate'.");
  const end = plainDate(raw.endDate, "endDate");
  if (Temporal.PlainDate.compare(end, start) < 0)
    throw invalid("The recurrence range 'endDate' must not be before its 'startDate'.");
  return end.toString();
}

function rangeCount(raw: Record<string, unknown>, type: RecurrenceRange["type"]) {
  if (type !== "numbered") return 0;
  if (raw.numberOfOccurrences === undefined || raw.numberOfOccurrences === null) {
    throw invalid(
      "The property 'numberOfOccurrences' is required for a recurrence range of type 'numbered'.",
    );
  }
  return integerIn(raw.numberOfOccurrences, "numberOfOccurrences", 1, 999_999);
}

export function validateRange(input: unknown, seriesStart: DateTimeTimeZone): RecurrenceRange {
  const raw = objectOf(input, "range", RANGE_KEYS);
  if (raw.type === undefined || raw.type === null) throw invalid("The recurrence range 'type' is required.");
  const type = enumValue(RANGE_TYPES, raw.type, "type");
  if (isAbsent(raw.startDate)) throw invalid("The recurrence range 'startDate' is required.");
  const start = plainDate(raw.startDate, "startDate");
  const zoneName =
    typeof raw.recurrenceTimeZone === "string" && raw.recurrenceTimeZone !== ""
      ? raw.recurrenceTimeZone
      : seriesStart.timeZone;
  const localStart = localStartIn(seriesStart, zoneName).toPlainDate();
  if (!localStart.equals(start)) {
    throw invalid(
      `The recurrence range 'startDate' (${start}) must be the date of the event's start (${localStart}).`,
    );
  }
  return {
    type,
    startDate: start.toString(),
    endDate: rangeEnd(raw, type, start),
    recurrenceTimeZone: zoneName,
    numberOfOccurrences: rangeCount(raw, type),
  };
}

/**
 * Validates a patternedRecurrence as Graph does on POST/PATCH and returns the normalised copy GET shows.
 * UNCONFIRMED: recurrenceTimeZone is echoed as given, or the start's zone name when omitted.
 */
export function validateRecurrence(input: unknown, seriesStart: DateTimeTimeZone): PatternedRecurrence {
  const raw = objectOf(input, "recurrence", ["pattern", "range"]);
  const recurrence = { pattern: validatePattern(raw.pattern), range: validateRange(raw.range, seriesStart) };
  if (!hasOccurrence(recurrence)) {
    // UNCONFIRMED: Exchange's ErrorRecurrenceHasNoOccurrence, as Graph would surface it.
    throw new CalendarInputError(
      "ErrorRecurrenceHasNoOccurrence",
      "The recurrence pattern has no occurrences in the specified range.",
    );
  }
  return recurrence;
}
