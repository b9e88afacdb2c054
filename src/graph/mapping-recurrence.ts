import type {
  PatternedRecurrence,
  RecurrencePattern,
  RecurrenceRange,
} from "@microsoft/microsoft-graph-types";
import type { DayOfWeek, Recurrence } from "../core/event.js";
import { graphZoneName, ianaZoneOf } from "./time-zones.js";

/**
 * Graph's patterned recurrence <-> the model's. Graph serialises every pattern property whatever the type
 * (month 0, daysOfWeek [], index "first" when unused) but rejects a meaningful value on a type that has
 * no use for it, so both directions keep exactly the properties each pattern type uses.
 */

type PatternType = Recurrence["pattern"]["type"];
type PatternField = "daysOfWeek" | "firstDayOfWeek" | "dayOfMonth" | "month" | "index";

const FIELDS: Record<PatternType, readonly PatternField[]> = {
  daily: [],
  weekly: ["daysOfWeek", "firstDayOfWeek"],
  absoluteMonthly: ["dayOfMonth"],
  relativeMonthly: ["daysOfWeek", "index"],
  absoluteYearly: ["dayOfMonth", "month"],
  relativeYearly: ["daysOfWeek", "month", "index"],
};

const PATTERN_TYPES = Object.keys(FIELDS) as PatternType[];
const RANGE_TYPES = ["endDate", "noEnd", "numbered"] as const;

/** Graph's (and older docs' capitalised) enum spelling to ours, or an error naming the event. */
function enumOf<T extends string>(values: readonly T[], value: unknown, what: string): T {
  const found =
    typeof value === "string" ? values.find((v) => v.toLowerCase() === value.toLowerCase()) : undefined;
  if (!found) throw new Error(`unsupported recurrence ${what}: ${JSON.stringify(value)}`);
  return found;
}

const WEEK: readonly DayOfWeek[] = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
];

/** Days of week are a set: the model keeps them in one order (Sunday first, as Graph lists them). */
function weekOrder(days: readonly string[]): DayOfWeek[] {
  const wanted = new Set(days.map((day) => day.toLowerCase()));
  return WEEK.filter((day) => wanted.has(day));
}

function patternFromGraph(graph: RecurrencePattern): Recurrence["pattern"] {
  const type = enumOf(PATTERN_TYPES, graph.type, "pattern type");
  const pattern: Recurrence["pattern"] = { type, interval: graph.interval ?? 1 };
  for (const field of FIELDS[type]) {
    const value = graph[field];
    if (value === undefined || value === null) continue;
    if (field === "daysOfWeek") pattern.daysOfWeek = weekOrder(value as NonNullable<typeof graph.daysOfWeek>);
    else Object.assign(pattern, { [field]: value });
  }
  // Graph's defaults for the optional ones, so the same series always maps to the same value.
  if (type === "weekly") pattern.firstDayOfWeek ??= "sunday";
  if (type === "relativeMonthly" || type === "relativeYearly") pattern.index ??= "first";
  return pattern;
}

function rangeFromGraph(graph: RecurrenceRange, seriesZone: string): Recurrence["range"] {
  const type = enumOf(RANGE_TYPES, graph.type, "range type");
  if (!graph.startDate) throw new Error("a recurrence range without a startDate");
  const range: Recurrence["range"] = {
    type,
    startDate: graph.startDate,
    timeZone: ianaZoneOf(graph.recurrenceTimeZone) ?? seriesZone,
  };
  if (type === "endDate") {
    if (!graph.endDate) throw new Error("an endDate recurrence range without an endDate");
    range.endDate = graph.endDate;
  }
  if (type === "numbered") range.numberOfOccurrences = graph.numberOfOccurrences ?? 0;
  return range;
}

/** A series master's recurrence; `seriesZone` (the start's IANA zone) when Graph names no zone of its own. */
export function recurrenceFromGraph(
  graph: PatternedRecurrence | null | undefined,
  seriesZone: string,
): Recurrence | undefined {
  if (!graph?.pattern || !graph.range) return undefined;
  return { pattern: patternFromGraph(graph.pattern), range: rangeFromGraph(graph.range, seriesZone) };
}

/** The recurrence as a POST/PATCH body writes it: only the properties the pattern type uses. */
export function recurrenceToGraph(recurrence: Recurrence): PatternedRecurrence {
  const { pattern, range } = recurrence;
  const graphPattern: RecurrencePattern = { type: pattern.type, interval: pattern.interval };
  for (const field of FIELDS[pattern.type]) {
    const value = pattern[field];
    if (value !== undefined) Object.assign(graphPattern, { [field]: value });
  }
  const graphRange: RecurrenceRange = {
    type: range.type,
    startDate: range.startDate,
    recurrenceTimeZone: graphZoneName(range.timeZone),
  };
  if (range.type === "endDate") graphRange.endDate = range.endDate ?? null;
  if (range.type === "numbered") graphRange.numberOfOccurrences = range.numberOfOccurrences ?? 0;
  return { pattern: graphPattern, range: graphRange };
}
