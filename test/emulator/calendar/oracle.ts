import { Temporal } from "temporal-polyfill";
import { ianaZoneFor } from "../../../emulator/src/calendar/timezones.js";
import type { DateTimeTimeZone, PatternedRecurrence } from "../../../emulator/src/calendar/types.js";

/*
 * A deliberately naive reference for property tests: walks day by day from startDate and asks of each
 * date "does the pattern hold here?", with none of the period arithmetic, skipping or counting formulas
 * the real expansion uses. Slow, but independent.
 */

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const dayName = (d: Temporal.PlainDate) => DAYS[d.dayOfWeek % 7] ?? "";
const monthsBetween = (a: Temporal.PlainDate, b: Temporal.PlainDate) =>
  (b.year - a.year) * 12 + b.month - a.month;

function nthInMonth(d: Temporal.PlainDate, days: string[], index: string) {
  const matches: number[] = [];
  for (let day = 1; day <= d.daysInMonth; day++) {
    if (days.includes(dayName(d.with({ day })))) matches.push(day);
  }
  const at = { first: 0, second: 1, third: 2, fourth: 3 }[index];
  return at === undefined ? matches[matches.length - 1] : matches[at];
}

function matches(r: PatternedRecurrence, start: Temporal.PlainDate, d: Temporal.PlainDate): boolean {
  const p = r.pattern;
  const days: string[] = p.daysOfWeek ?? [];
  const clamped = Math.min(p.dayOfMonth ?? 0, d.daysInMonth);
  switch (p.type) {
    case "daily":
      return start.until(d).days % p.interval === 0;
    case "weekly": {
      const back = (start.dayOfWeek % 7) - DAYS.indexOf(p.firstDayOfWeek ?? "sunday");
      const weekStart = start.subtract({ days: (back + 7) % 7 });
      return days.includes(dayName(d)) && Math.floor(weekStart.until(d).days / 7) % p.interval === 0;
    }
    case "absoluteMonthly":
      return monthsBetween(start, d) % p.interval === 0 && d.day === clamped;
    case "relativeMonthly":
      return monthsBetween(start, d) % p.interval === 0 && d.day === nthInMonth(d, days, p.index ?? "first");
    case "absoluteYearly":
      return (d.year - start.year) % p.interval === 0 && d.month === p.month && d.day === clamped;
    case "relativeYearly":
      return (
        (d.year - start.year) % p.interval === 0 &&
        d.month === p.month &&
        d.day === nthInMonth(d, days, p.index ?? "first")
      );
  }
}

/** Every occurrence (start and end instants) whose date is before `horizon`, in order. */
export function oracle(
  r: PatternedRecurrence,
  start: DateTimeTimeZone,
  end: DateTimeTimeZone,
  horizon: Temporal.PlainDate,
) {
  const zone = ianaZoneFor(r.range.recurrenceTimeZone || start.timeZone);
  const startLocal = Temporal.PlainDateTime.from(start.dateTime);
  const span = startLocal.until(Temporal.PlainDateTime.from(end.dateTime), { largestUnit: "day" });
  const first = Temporal.PlainDate.from(r.range.startDate);
  const last = r.range.type === "endDate" ? Temporal.PlainDate.from(r.range.endDate ?? "") : horizon;
  const limit = r.range.type === "numbered" ? (r.range.numberOfOccurrences ?? 0) : Number.POSITIVE_INFINITY;
  const found: { start: Temporal.Instant; end: Temporal.Instant }[] = [];
  for (
    let d = first;
    Temporal.PlainDate.compare(d, last) <= 0 && Temporal.PlainDate.compare(d, horizon) < 0;
    d = d.add({ days: 1 })
  ) {
    if (found.length >= limit) break;
    if (!matches(r, first, d)) continue;
    const local = d.toPlainDateTime(startLocal.toPlainTime());
    found.push({
      start: local.toZonedDateTime(zone).toInstant(),
      end: local.add(span).toZonedDateTime(zone).toInstant(),
    });
  }
  return found;
}
