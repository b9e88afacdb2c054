import { Temporal } from "temporal-polyfill";
import type { DayOfWeek, PatternedRecurrence, WeekIndex } from "./types.js";

/*
 * The dates a recurrence pattern produces, as plain local dates. Hand-written rather than delegated to
 * an RRULE library: those libraries iterate in UTC or the host's zone and get wall-clock times wrong
 * across DST changes, and none knows Outlook's rules (periods aligned to the start's day/week/month/year,
 * dayOfMonth clamped to the month's last day, "last" and multi-day relative patterns).
 *
 * Outlook's model (MS-OXOCAL recurrence blob): the timeline is cut into periods of `interval` days,
 * weeks (starting on firstDayOfWeek), months or years, with period 0 holding range.startDate. Each period
 * yields a fixed set of dates; dates before startDate are dropped. Every period after the first yields
 * the same number of dates, so the number of occurrences before any period is a formula: that is what
 * lets a numbered or far-away window skip straight to the right period.
 */

export const DAY_NAMES: readonly DayOfWeek[] = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
];

/** 0 = sunday ... 6 = saturday (Temporal counts 1 = monday ... 7 = sunday). */
export const dayNumber = (date: Temporal.PlainDate) => date.dayOfWeek % 7;

const INDEX_ORDINAL: Record<WeekIndex, number> = { first: 0, second: 1, third: 2, fourth: 3, last: -1 };

export interface DatePlan {
  /** Dates of period p, ascending (may include dates before `start`, which callers drop). */
  datesOf(p: number): Temporal.PlainDate[];
  /** The lowest period that can hold a date on or after `date` (0 if `date` is before the series). */
  periodAtOrAfter(date: Temporal.PlainDate): number;
  /** Dates every period after the first yields. */
  perPeriod: number;
  start: Temporal.PlainDate;
}

const clampDay = (year: number, month: number, day: number) => {
  const first = Temporal.PlainDate.from({ year, month, day: 1 });
  return first.with({ day: Math.min(day, first.daysInMonth) });
};

function relativeDay(year: number, month: number, days: Set<number>, index: WeekIndex) {
  const first = Temporal.PlainDate.from({ year, month, day: 1 });
  const matches: Temporal.PlainDate[] = [];
  for (let d = 0; d < first.daysInMonth; d++) {
    const date = first.add({ days: d });
    if (days.has(dayNumber(date))) matches.push(date);
  }
  const ordinal = INDEX_ORDINAL[index];
  return ordinal < 0 ? matches[matches.length - 1] : matches[ordinal];
}

const dayIndexes = (days: DayOfWeek[] | undefined) => new Set((days ?? []).map((d) => DAY_NAMES.indexOf(d)));
const floorDiv = (a: number, b: number) => Math.max(0, Math.floor(a / b));

function dailyPlan(start: Temporal.PlainDate, interval: number): DatePlan {
  return {
    start,
    perPeriod: 1,
    datesOf: (p) => [start.add({ days: p * interval })],
    periodAtOrAfter: (date) => floorDiv(start.until(date).days, interval),
  };
}

function weeklyPlan(start: Temporal.PlainDate, interval: number, recurrence: PatternedRecurrence): DatePlan {
  const { daysOfWeek, firstDayOfWeek = "sunday" } = recurrence.pattern;
  const days = dayIndexes(daysOfWeek);
  const weekStart = start.subtract({ days: (dayNumber(start) - DAY_NAMES.indexOf(firstDayOfWeek) + 7) % 7 });
  return {
    start,
    perPeriod: days.size,
    datesOf: (p) => {
      const first = weekStart.add({ days: p * interval * 7 });
      return [0, 1, 2, 3, 4, 5, 6]
        .map((d) => first.add({ days: d }))
        .filter((date) => days.has(dayNumber(date)));
    },
    periodAtOrAfter: (date) => floorDiv(weekStart.until(date).days, interval * 7),
  };
}

function monthlyPlan(
  start: Temporal.PlainDate,
  months: number,
  pick: (y: number, m: number) => Temporal.PlainDate,
) {
  const base = Temporal.PlainYearMonth.from({ year: start.year, month: start.month });
  const plan: DatePlan = {
    start,
    perPeriod: 1,
    datesOf: (p) => {
      const ym = base.add({ months: p * months });
      return [pick(ym.year, ym.month)];
    },
    periodAtOrAfter: (date) => floorDiv((date.year - base.year) * 12 + date.month - base.month, months),
  };
  return plan;
}

/** The date plan of a validated recurrence (see validateRecurrence for what "validated" guarantees). */
export function datePlan(recurrence: PatternedRecurrence): DatePlan {
  const { pattern } = recurrence;
  const start = Temporal.PlainDate.from(recurrence.range.startDate);
  const interval = pattern.interval;
  const days = dayIndexes(pattern.daysOfWeek);
  const index = pattern.index ?? "first";
  const dayOfMonth = pattern.dayOfMonth ?? 1;
  switch (pattern.type) {
    case "daily":
      return dailyPlan(start, interval);
    case "weekly":
      return weeklyPlan(start, interval, recurrence);
    case "absoluteMonthly":
      return monthlyPlan(start, interval, (y, m) => clampDay(y, m, dayOfMonth));
    case "relativeMonthly":
      return monthlyPlan(start, interval, (y, m) => relativeDay(y, m, days, index) ?? clampDay(y, m, 1));
    case "absoluteYearly":
      return yearlyPlan(start, interval, pattern.month ?? 1, (y, m) => clampDay(y, m, dayOfMonth));
    case "relativeYearly":
      return yearlyPlan(
        start,
        interval,
        pattern.month ?? 1,
        (y, m) => relativeDay(y, m, days, index) ?? clampDay(y, m, 1),
      );
  }
}

/** Yearly patterns are monthly ones with a period of 12 * interval months, anchored on the pattern's month. */
function yearlyPlan(
  start: Temporal.PlainDate,
  interval: number,
  month: number,
  pick: (y: number, m: number) => Temporal.PlainDate,
) {
  return monthlyPlan(start, interval * 12, (y) => pick(y, month));
}
