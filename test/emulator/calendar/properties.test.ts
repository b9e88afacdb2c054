import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { expandSeries, isOccurrenceStart, seriesSpan } from "../../../emulator/src/calendar/expand.js";
import { validateRecurrence } from "../../../emulator/src/calendar/recurrence.js";
import { CalendarInputError, type DateTimeTimeZone } from "../../../emulator/src/calendar/types.js";
import { oracle } from "./oracle.js";

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
// Zones with DST on different dates and in both hemispheres, half-hour DST (Lord Howe), and none at all.
const ZONES = [
  "W. Europe Standard Time",
  "Eastern Standard Time",
  "America/Sao_Paulo",
  "Australia/Lord_Howe",
  "UTC",
  "India Standard Time",
];

const days = fc.uniqueArray(fc.constantFrom(...DAYS), { minLength: 1, maxLength: 7 });
const index = fc.constantFrom("first", "second", "third", "fourth", "last");
const pattern = fc.oneof(
  fc.record({ type: fc.constant("daily"), interval: fc.integer({ min: 1, max: 10 }) }),
  fc.record({
    type: fc.constant("weekly"),
    interval: fc.integer({ min: 1, max: 4 }),
    daysOfWeek: days,
    firstDayOfWeek: fc.constantFrom(...DAYS),
  }),
  fc.record({
    type: fc.constant("absoluteMonthly"),
    interval: fc.integer({ min: 1, max: 4 }),
    dayOfMonth: fc.integer({ min: 1, max: 31 }),
  }),
  fc.record({
    type: fc.constant("relativeMonthly"),
    interval: fc.integer({ min: 1, max: 4 }),
    daysOfWeek: days,
    index,
  }),
  fc.record({
    type: fc.constant("absoluteYearly"),
    interval: fc.integer({ min: 1, max: 2 }),
    dayOfMonth: fc.integer({ min: 1, max: 31 }),
    month: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    type: fc.constant("relativeYearly"),
    interval: fc.integer({ min: 1, max: 2 }),
    daysOfWeek: days,
    month: fc.integer({ min: 1, max: 12 }),
    index,
  }),
);
const range = fc.oneof(
  fc.record({ type: fc.constant("noEnd") }),
  fc.record({ type: fc.constant("numbered"), numberOfOccurrences: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ type: fc.constant("endDate"), days: fc.integer({ min: 0, max: 900 }) }),
);
const seriesArb = fc.record({
  pattern,
  range,
  zone: fc.constantFrom(...ZONES),
  startDay: fc.integer({ min: 0, max: 1000 }),
  minutes: fc.integer({ min: 0, max: 47 }).map((half) => half * 30),
  duration: fc.oneof(
    fc.integer({ min: 0, max: 16 }).map((q) => q * 15),
    fc.constant(1440),
    fc.constant(2880),
  ),
});

type Generated = typeof seriesArb extends fc.Arbitrary<infer T> ? T : never;

const base = Temporal.PlainDateTime.from("2025-01-01T00:00:00");
const text = (t: Temporal.PlainDateTime) => t.toString({ fractionalSecondDigits: 0 });

/** Builds a validated series, or undefined when Graph would refuse it (a range with no occurrence). */
function build(g: Generated) {
  const startLocal = base.add({ days: g.startDay, minutes: g.minutes });
  const start: DateTimeTimeZone = { dateTime: text(startLocal), timeZone: g.zone };
  const end: DateTimeTimeZone = { dateTime: text(startLocal.add({ minutes: g.duration })), timeZone: g.zone };
  const startDate = startLocal.toPlainDate().toString();
  const { days: endDays, ...rangeRest } = g.range as { days?: number; type: string };
  const endDate =
    endDays === undefined ? {} : { endDate: startLocal.toPlainDate().add({ days: endDays }).toString() };
  try {
    const recurrence = validateRecurrence(
      { pattern: g.pattern, range: { ...rangeRest, startDate, ...endDate } },
      start,
    );
    return { recurrence, start, end, startDate: startLocal.toPlainDate() };
  } catch (error) {
    if (error instanceof CalendarInputError && error.code === "ErrorRecurrenceHasNoOccurrence")
      return undefined;
    throw error;
  }
}

const windowArb = fc.record({
  offsetHours: fc.integer({ min: -240, max: 24 * 500 }),
  lengthHours: fc.integer({ min: 1, max: 24 * 200 }),
});
const toWindow = (startDate: Temporal.PlainDate, w: { offsetHours: number; lengthHours: number }) => {
  const start = startDate.toZonedDateTime("UTC").toInstant().add({ hours: w.offsetHours });
  return { start, end: start.add({ hours: w.lengthHours }) };
};
const overlaps = (
  o: { start: Temporal.Instant; end: Temporal.Instant },
  w: { start: Temporal.Instant; end: Temporal.Instant },
) =>
  Temporal.Instant.compare(o.start, w.end) < 0 &&
  (Temporal.Instant.compare(o.end, w.start) > 0 ||
    (o.start.equals(o.end) && Temporal.Instant.compare(o.start, w.start) >= 0));
const iso = (list: { start: Temporal.Instant; end: Temporal.Instant }[]) =>
  list.map((o) => `${o.start}/${o.end}`);

describe("expansion properties", () => {
  it("matches a naive day-by-day reference in any window", () => {
    fc.assert(
      fc.property(seriesArb, windowArb, (g, w) => {
        const s = build(g);
        fc.pre(s !== undefined);
        if (!s) return;
        const window = toWindow(s.startDate, w);
        const horizon = window.end.toZonedDateTimeISO("UTC").toPlainDate().add({ days: 2 });
        const expected = oracle(s.recurrence, s.start, s.end, horizon).filter((o) => overlaps(o, window));
        expect(iso(expandSeries(s.recurrence, s.start, s.end, window))).toEqual(iso(expected));
      }),
      { numRuns: 150 },
    );
  });

  it("yields ordered occurrence starts inside the window that isOccurrenceStart recognises", () => {
    fc.assert(
      fc.property(seriesArb, windowArb, (g, w) => {
        const s = build(g);
        fc.pre(s !== undefined);
        if (!s) return;
        const window = toWindow(s.startDate, w);
        const found = expandSeries(s.recurrence, s.start, s.end, window);
        for (const [i, o] of found.entries()) {
          expect(overlaps(o, window)).toBe(true);
          expect(isOccurrenceStart(s.recurrence, s.start, s.end, o.originalStart)).toBe(true);
          expect(isOccurrenceStart(s.recurrence, s.start, s.end, o.originalStart.add({ minutes: 1 }))).toBe(
            false,
          );
          const previous = found[i - 1];
          if (previous) expect(Temporal.Instant.compare(previous.start, o.start)).toBeLessThan(0);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("expands the union of two adjacent windows as the concatenation of their expansions", () => {
    fc.assert(
      fc.property(seriesArb, windowArb, fc.integer({ min: 1, max: 24 * 200 }), (g, w, extraHours) => {
        const s = build(g);
        fc.pre(s !== undefined);
        if (!s) return;
        const left = toWindow(s.startDate, w);
        const right = { start: left.end, end: left.end.add({ hours: extraHours }) };
        const union = expandSeries(s.recurrence, s.start, s.end, { start: left.start, end: right.end });
        const joined = [
          ...expandSeries(s.recurrence, s.start, s.end, left),
          ...expandSeries(s.recurrence, s.start, s.end, right),
        ];
        // An occurrence straddling the seam is in both halves once.
        const unique = joined.filter(
          (o, i) => joined.findIndex((p) => p.originalStart.equals(o.originalStart)) === i,
        );
        expect(iso(unique)).toEqual(iso(union));
      }),
      { numRuns: 100 },
    );
  });

  it("reports the first start and last end the reference finds, and numbered series hold exactly their count", () => {
    fc.assert(
      fc.property(seriesArb, (g) => {
        const s = build(g);
        fc.pre(s !== undefined && s.recurrence.range.type !== "noEnd");
        if (!s) return;
        const all = oracle(s.recurrence, s.start, s.end, s.startDate.add({ years: 20 }));
        const span = seriesSpan(s.recurrence, s.start, s.end);
        expect(span.first.toString()).toBe(all[0]?.start.toString());
        expect(span.lastEnd?.toString()).toBe(all.at(-1)?.end.toString());
        if (s.recurrence.range.type === "numbered") {
          expect(all).toHaveLength(s.recurrence.range.numberOfOccurrences ?? -1);
          const everything = expandSeries(s.recurrence, s.start, s.end, {
            start: span.first,
            // +1 ms so that a zero-length last occurrence is inside a non-empty window.
            end: (span.lastEnd ?? span.first).add({ milliseconds: 1 }),
          });
          expect(everything.length).toBe(all.length);
        }
      }),
      { numRuns: 150 },
    );
  });
});
