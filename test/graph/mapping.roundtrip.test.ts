import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DayOfWeek, EventContent, Recurrence, ZonedTime } from "../../src/core/event.js";
import { fromGraphEvent, type GraphEventPayload } from "../../src/graph/mapping.js";
import { toGraphCreate } from "../../src/graph/mapping-write.js";
import { TAG_EXPAND } from "../../src/graph/tag.js";
import { roundTripZone } from "../../src/graph/time-zones.js";
import { ADELE, type CalendarFixture, startCalendarFixture } from "./calendar-fixture.js";

/**
 * content -> Graph POST body -> the emulator -> GET -> model: the content comes back equal, for every
 * combination of fields, all-day or timed, each recurrence pattern, and zones on both sides of DST.
 */

const ZONES = [
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "America/Sao_Paulo",
  "Asia/Tokyo",
  "Asia/Calcutta",
  "Australia/Sydney",
  "Pacific/Auckland",
].filter((zone) => roundTripZone(zone) === zone);

/** Sunday first: the order the model keeps days of week in. */
const DAYS: DayOfWeek[] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const INDEXES = ["first", "second", "third", "fourth", "last"] as const;

const wall = (zdt: Temporal.ZonedDateTime) => zdt.toPlainDateTime().toString({ smallestUnit: "second" });
const dayName = (date: Temporal.PlainDate) => DAYS[date.dayOfWeek % 7]!;

/** A wall clock that names exactly one instant (not in a DST gap or overlap). */
const unambiguous = (zdt: Temporal.ZonedDateTime) =>
  Temporal.PlainDateTime.from(wall(zdt)).toZonedDateTime(zdt.timeZoneId).epochMilliseconds ===
  zdt.epochMilliseconds;

const timed = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    endZone: fc.constantFrom(...ZONES),
    sameEndZone: fc.boolean(),
    day: fc.integer({ min: 0, max: 700 }),
    minute: fc.integer({ min: 0, max: 24 * 4 - 1 }),
    duration: fc.integer({ min: 1, max: 40 }),
  })
  .map(({ zone, endZone, sameEndZone, day, minute, duration }) => {
    const start = Temporal.ZonedDateTime.from({ year: 2030, month: 1, day: 1, timeZone: zone })
      .add({ days: day })
      .add({ minutes: minute * 15 });
    const end = start.add({ minutes: duration * 15 }).withTimeZone(sameEndZone ? zone : endZone);
    return { start, end, isAllDay: false };
  })
  .filter(({ start, end }) => unambiguous(start) && unambiguous(end));

const allDay = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    day: fc.integer({ min: 0, max: 700 }),
    days: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ zone, day, days }) => {
    const date = Temporal.PlainDate.from("2030-01-01").add({ days: day });
    return {
      start: date.toZonedDateTime({ timeZone: zone }),
      end: date.add({ days }).toZonedDateTime({ timeZone: zone }),
      isAllDay: true,
    };
  });

/** A recurrence whose pattern produces the series' first day (Graph would move the series otherwise). */
function recurrenceFor(start: Temporal.ZonedDateTime) {
  const date = start.toPlainDate();
  const weekday = dayName(date);
  const index = INDEXES[Math.min(4, Math.floor((date.day - 1) / 7))]!;
  const pattern = fc.oneof(
    fc.record({ type: fc.constant("daily" as const), interval: fc.integer({ min: 1, max: 5 }) }),
    fc.record({
      type: fc.constant("weekly" as const),
      interval: fc.integer({ min: 1, max: 3 }),
      daysOfWeek: fc.subarray(DAYS).map((days) => DAYS.filter((d) => d === weekday || days.includes(d))),
      firstDayOfWeek: fc.constantFrom(...DAYS),
    }),
    fc.record({
      type: fc.constant("absoluteMonthly" as const),
      interval: fc.integer({ min: 1, max: 3 }),
      dayOfMonth: fc.constant(date.day),
    }),
    fc.record({
      type: fc.constant("relativeMonthly" as const),
      interval: fc.integer({ min: 1, max: 3 }),
      daysOfWeek: fc.constant<DayOfWeek[]>([weekday]),
      index: fc.constant(index),
    }),
    fc.record({
      type: fc.constant("absoluteYearly" as const),
      interval: fc.constant(1),
      dayOfMonth: fc.constant(date.day),
      month: fc.constant(date.month),
    }),
    fc.record({
      type: fc.constant("relativeYearly" as const),
      interval: fc.constant(1),
      daysOfWeek: fc.constant<DayOfWeek[]>([weekday]),
      month: fc.constant(date.month),
      index: fc.constant(index),
    }),
  );
  const range = fc.oneof(
    fc.integer({ min: 400, max: 800 }).map((days) => ({
      type: "endDate" as const,
      endDate: date.add({ days }).toString(),
    })),
    fc.constant({ type: "noEnd" as const }),
    fc.integer({ min: 1, max: 20 }).map((n) => ({ type: "numbered" as const, numberOfOccurrences: n })),
  );
  return fc.record({ pattern, range }).map(
    ({ pattern, range }): Recurrence => ({
      pattern,
      range: { ...range, startDate: date.toString(), timeZone: start.timeZoneId },
    }),
  );
}

const zoned = (zdt: Temporal.ZonedDateTime): ZonedTime => ({ dateTime: wall(zdt), timeZone: zdt.timeZoneId });

const content: fc.Arbitrary<EventContent> = fc
  .oneof(timed, allDay)
  .chain((times) =>
    fc.record({
      times: fc.constant(times),
      recurrence: fc.option(recurrenceFor(times.start), { nil: undefined }),
      subject: fc.string({ maxLength: 40 }),
      body: fc.record({
        type: fc.constantFrom("text" as const, "html" as const),
        content: fc.string({ maxLength: 80 }),
      }),
      location: fc.string({ maxLength: 30 }),
      showAs: fc.constantFrom("free", "tentative", "busy", "oof", "workingElsewhere", "unknown" as const),
      sensitivity: fc.constantFrom("normal", "personal", "private", "confidential" as const),
      importance: fc.constantFrom("low", "normal", "high" as const),
      categories: fc.uniqueArray(fc.constantFrom("Red category", "Blue", "Travel", "Ünïcode"), {
        maxLength: 3,
      }),
      reminder: fc.record({ on: fc.boolean(), minutesBefore: fc.integer({ min: 0, max: 2880 }) }),
    }),
  )
  .filter(({ times, recurrence }) => !recurrence || times.start.timeZoneId === times.end.timeZoneId)
  .map(({ times, recurrence, ...fields }) => ({
    ...fields,
    start: zoned(times.start),
    end: zoned(times.end),
    isAllDay: times.isAllDay,
    ...(recurrence && { recurrence }),
  }));

const CONTENT_KEYS: Array<keyof EventContent> = [
  "subject",
  "body",
  "location",
  "start",
  "end",
  "isAllDay",
  "showAs",
  "sensitivity",
  "importance",
  "categories",
  "reminder",
  "recurrence",
];

function contentOf(event: EventContent): EventContent {
  const picked: Record<string, unknown> = {};
  for (const key of CONTENT_KEYS) if (event[key] !== undefined) picked[key] = event[key];
  return picked as unknown as EventContent;
}

describe("Graph mapping round trip through the emulator", () => {
  let fixture: CalendarFixture;
  beforeAll(async () => {
    fixture = await startCalendarFixture();
  });
  afterAll(() => fixture?.close());

  /** POST as GraphCalendar would, then GET in UTC with the body in the type it was written in. */
  async function roundTrip(value: EventContent) {
    const tag = { profileId: "roundtrip", sourceSide: "A" as const, sourceId: "AAMk+/=" };
    const created = await fixture.client.request<GraphEventPayload>("POST", `/users/${ADELE}/events`, {
      mailbox: ADELE,
      body: toGraphCreate(value, tag, `rt-${Math.random()}`),
    });
    const read = await fixture.client.request<GraphEventPayload>(
      "GET",
      `/users/${ADELE}/events/${created.body.id}?$expand=${encodeURIComponent(TAG_EXPAND)}`,
      {
        mailbox: ADELE,
        headers: { Prefer: `outlook.timezone="UTC", outlook.body-content-type="${value.body.type}"` },
      },
    );
    return fromGraphEvent(read.body);
  }

  it("gives back the content that was written", async () => {
    await fc.assert(
      fc.asyncProperty(content, async (value) => {
        const event = await roundTrip(value);
        expect(contentOf(event)).toEqual(value);
        expect(event.attendees).toEqual([]);
        expect(event.tag).toEqual({ profileId: "roundtrip", sourceSide: "A", sourceId: "AAMk+/=" });
        expect(event.kind).toBe(value.recurrence ? "series" : "single");
      }),
      { numRuns: 120 },
    );
  });

  it("reads a zone that shares its Windows zone as the canonical one, at the same instants", async () => {
    const value: EventContent = {
      subject: "Amsterdam",
      body: { type: "html", content: "<p>x</p>" },
      location: "",
      start: { dateTime: "2030-03-31T01:30:00", timeZone: "Europe/Amsterdam" },
      end: { dateTime: "2030-03-31T04:00:00", timeZone: "Europe/Amsterdam" },
      isAllDay: false,
      showAs: "busy",
      sensitivity: "normal",
      importance: "normal",
      categories: [],
      reminder: { on: false, minutesBefore: 0 },
    };
    const event = await roundTrip(value);
    expect(event.start).toEqual({ dateTime: "2030-03-31T01:30:00", timeZone: "Europe/Berlin" });
    expect(event.end).toEqual({ dateTime: "2030-03-31T04:00:00", timeZone: "Europe/Berlin" });
  });
});
