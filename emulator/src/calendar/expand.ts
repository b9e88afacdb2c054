import { Temporal } from "temporal-polyfill";
import { type DatePlan, datePlan } from "./pattern-dates.js";
import { ianaZoneFor, toWallClock, toZoned } from "./timezones.js";
import type { DateTimeTimeZone, PatternedRecurrence } from "./types.js";

export interface Occurrence {
  originalStart: Temporal.Instant;
  start: Temporal.Instant;
  end: Temporal.Instant;
}

export interface Window {
  start: Temporal.Instant;
  end: Temporal.Instant;
}

/** Exchange refuses recurrences ending after 4500-09-01; nothing is generated past it. */
const LAST_DATE = Temporal.PlainDate.from("4500-09-01");
const { compare } = Temporal.PlainDate;

/** The wall clock of `value` seen in zone `zoneName`; as written when that is the value's own zone. */
export function localStartIn(value: DateTimeTimeZone, zoneName: string): Temporal.PlainDateTime {
  const zone = ianaZoneFor(zoneName);
  if (ianaZoneFor(value.timeZone) === zone) return toWallClock(value);
  return toZoned(value).withTimeZone(zone).toPlainDateTime();
}

/** Which dates a recurrence produces: its pattern's plan bounded by its range. */
interface SeriesDates {
  plan: DatePlan;
  count?: number;
  endDate?: Temporal.PlainDate;
  /** Occurrences in period 0 (the dates of period 0 on or after startDate). */
  firstCount: number;
}

interface Series extends SeriesDates {
  zone: string;
  time: Temporal.PlainTime;
  /** The series' wall-clock span (so an all-day series stays midnight to midnight). */
  span: Temporal.Duration;
}

function seriesDates(recurrence: PatternedRecurrence): SeriesDates {
  const plan = datePlan(recurrence);
  const { range } = recurrence;
  return {
    plan,
    count: range.type === "numbered" ? (range.numberOfOccurrences ?? 0) : undefined,
    endDate: range.type === "endDate" && range.endDate ? Temporal.PlainDate.from(range.endDate) : undefined,
    firstCount: plan.datesOf(0).filter((date) => compare(date, plan.start) >= 0).length,
  };
}

function seriesOf(
  recurrence: PatternedRecurrence,
  seriesStart: DateTimeTimeZone,
  seriesEnd: DateTimeTimeZone,
): Series {
  const zoneName = recurrence.range.recurrenceTimeZone || seriesStart.timeZone;
  const start = localStartIn(seriesStart, zoneName);
  const end = localStartIn(seriesEnd, zoneName);
  const span =
    Temporal.PlainDateTime.compare(end, start) > 0
      ? start.until(end, { largestUnit: "day" })
      : new Temporal.Duration();
  return { ...seriesDates(recurrence), zone: ianaZoneFor(zoneName), time: start.toPlainTime(), span };
}

const countBefore = (s: SeriesDates, period: number) =>
  period === 0 ? 0 : s.firstCount + (period - 1) * s.plan.perPeriod;

/** The series' dates from period p0 on, with their ordinal in the series, until the range ends. */
function* datesFrom(s: SeriesDates, p0: number): Generator<{ date: Temporal.PlainDate; index: number }> {
  let index = countBefore(s, p0);
  for (let p = p0; s.plan.perPeriod > 0 || p === 0; p++) {
    for (const date of s.plan.datesOf(p)) {
      if (compare(date, s.plan.start) < 0) continue;
      if (s.count !== undefined && index >= s.count) return;
      if ((s.endDate && compare(date, s.endDate) > 0) || compare(date, LAST_DATE) > 0) return;
      yield { date, index };
      index++;
    }
  }
}

function occurrenceOn(s: Series, date: Temporal.PlainDate): Occurrence {
  const local = date.toPlainDateTime(s.time);
  const start = local.toZonedDateTime(s.zone, { disambiguation: "compatible" }).toInstant();
  const end = local.add(s.span).toZonedDateTime(s.zone, { disambiguation: "compatible" }).toInstant();
  return { originalStart: start, start, end: Temporal.Instant.compare(end, start) < 0 ? start : end };
}

/**
 * Overlap with the window (start < window.end && end > window.start). A zero-length occurrence counts
 * when it starts inside the window, or it could never be listed.
 */
function inWindow(o: Occurrence, window: Window) {
  const { compare: cmp } = Temporal.Instant;
  if (cmp(o.start, window.end) >= 0) return false;
  return cmp(o.end, window.start) > 0 || (cmp(o.start, o.end) === 0 && cmp(o.start, window.start) >= 0);
}

/**
 * The occurrences overlapping the window, in order. Skips straight to the period holding the window's
 * start (minus the occurrence span), so wide windows and far-future windows cost only what they hold.
 */
export function expandSeries(
  recurrence: PatternedRecurrence,
  seriesStart: DateTimeTimeZone,
  seriesEnd: DateTimeTimeZone,
  window: Window,
): Occurrence[] {
  if (Temporal.Instant.compare(window.start, window.end) >= 0) return [];
  const s = seriesOf(recurrence, seriesStart, seriesEnd);
  const from = window.start
    .toZonedDateTimeISO(s.zone)
    .toPlainDate()
    .subtract({ days: s.span.days + 2 });
  const until = window.end.toZonedDateTimeISO(s.zone).toPlainDate().add({ days: 1 });
  const found: Occurrence[] = [];
  for (const { date } of datesFrom(s, Math.max(0, s.plan.periodAtOrAfter(from) - 1))) {
    if (compare(date, until) > 0) break;
    if (compare(date, from) < 0) continue;
    const occurrence = occurrenceOn(s, date);
    if (inWindow(occurrence, window)) found.push(occurrence);
  }
  return found;
}

/** Is `originalStart` the (unmodified) start of one of the series' occurrences? */
export function isOccurrenceStart(
  recurrence: PatternedRecurrence,
  seriesStart: DateTimeTimeZone,
  seriesEnd: DateTimeTimeZone,
  originalStart: Temporal.Instant,
): boolean {
  const day = Temporal.Duration.from({ hours: 24 });
  const window = { start: originalStart.subtract(day), end: originalStart.add(day) };
  return expandSeries(recurrence, seriesStart, seriesEnd, window).some((o) =>
    o.originalStart.equals(originalStart),
  );
}

function lastDate(s: SeriesDates): Temporal.PlainDate | undefined {
  let p0 = 0;
  if (s.count !== undefined) {
    p0 = s.count <= s.firstCount ? 0 : 1 + Math.floor((s.count - s.firstCount - 1) / s.plan.perPeriod);
  } else if (s.endDate) {
    p0 = Math.max(0, s.plan.periodAtOrAfter(s.endDate) - 1);
  }
  let last: Temporal.PlainDate | undefined;
  for (const { date } of datesFrom(s, p0)) last = date;
  if (!last && p0 > 0) for (const { date } of datesFrom(s, 0)) last = date;
  return last;
}

/**
 * The first occurrence's start and the last occurrence's end (undefined for a noEnd series). A range
 * with no occurrence at all (which validateRecurrence refuses) reports the series' own times.
 */
export function seriesSpan(
  recurrence: PatternedRecurrence,
  seriesStart: DateTimeTimeZone,
  seriesEnd: DateTimeTimeZone,
): { first: Temporal.Instant; lastEnd?: Temporal.Instant } {
  const s = seriesOf(recurrence, seriesStart, seriesEnd);
  const first = datesFrom(s, 0).next();
  if (first.done) return { first: toZoned(seriesStart).toInstant(), lastEnd: toZoned(seriesEnd).toInstant() };
  const firstStart = occurrenceOn(s, first.value.date).start;
  if (s.count === undefined && !s.endDate) return { first: firstStart };
  const last = lastDate(s);
  return { first: firstStart, lastEnd: last ? occurrenceOn(s, last).end : undefined };
}

/** Does the recurrence produce at least one occurrence? (Only dates matter, so no series times needed.) */
export function hasOccurrence(recurrence: PatternedRecurrence): boolean {
  return !datesFrom(seriesDates(recurrence), 0).next().done;
}
