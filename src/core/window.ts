import { Temporal } from "temporal-polyfill";
import type { Window } from "./calendar-port.js";
import type { CalendarEvent, ZonedTime } from "./event.js";
import { parseWallClock, plainDateTimeOf, utcEpochMilliseconds, wholeMilliseconds } from "./wall-clock.js";

/** Zoned wall clocks already converted (instants are immutable; zone rules do not change while we run). */
const zonedInstants = new Map<string, Temporal.Instant>();
const ZONED_INSTANTS_CAP = 10_000;

/**
 * The instant of a zoned wall clock. The planner and the connector compare events' times many times a
 * run: UTC is computed with Date (exact: UTC has no rules), other zones through Temporal once per value.
 */
export function toInstant(time: ZonedTime): Temporal.Instant {
  const fields = parseWallClock(time.dateTime);
  if (fields && time.timeZone === "UTC" && wholeMilliseconds(fields))
    return Temporal.Instant.fromEpochMilliseconds(utcEpochMilliseconds(fields));
  const key = `${time.timeZone} ${time.dateTime}`;
  const known = zonedInstants.get(key);
  if (known) return known;
  const instant = (fields ? plainDateTimeOf(fields) : Temporal.PlainDateTime.from(time.dateTime))
    .toZonedDateTime(time.timeZone)
    .toInstant();
  if (zonedInstants.size >= ZONED_INSTANTS_CAP) zonedInstants.clear();
  zonedInstants.set(key, instant);
  return instant;
}

const ISO_MILLIS_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

/**
 * A run's `now` comes from Date#toISOString: Date reads that form exactly and much faster than Temporal
 * (checked by writing it back, since Date would roll over a day that does not exist). Anything else goes
 * through Temporal's parser.
 */
function instantOfIso(now: string): Temporal.Instant {
  if (ISO_MILLIS_UTC.test(now)) {
    const millis = Date.parse(now);
    if (!Number.isNaN(millis) && new Date(millis).toISOString().slice(0, 19) === now.slice(0, 19))
      return Temporal.Instant.fromEpochMilliseconds(millis);
  }
  return Temporal.Instant.from(now);
}
let lastCutoff: { now: string; pastDays: number; cutoff: Temporal.Instant } | undefined;

/** The earliest end an event may have and still be processed: `pastDays` before now. */
export function windowCutoff(now: string, pastDays: number): Temporal.Instant {
  // The planner asks once per event with the run's own `now`: the last answer is usually the one wanted.
  if (lastCutoff?.now === now && lastCutoff.pastDays === pastDays) return lastCutoff.cutoff;
  const cutoff = instantOfIso(now).subtract({ hours: pastDays * 24 });
  lastCutoff = { now, pastDays, cutoff };
  return cutoff;
}

/**
 * Is the event still inside the sync window (no limit on the future)? A series counts as long as its range
 * has not ended before the cutoff.
 */
export function isInWindow(event: CalendarEvent, cutoff: Temporal.Instant): boolean {
  const range = event.recurrence?.range;
  if (range) {
    if (range.type !== "endDate" || !range.endDate) return true;
    const lastDay = Temporal.PlainDate.from(range.endDate).add({ days: 1 });
    return Temporal.Instant.compare(lastDay.toZonedDateTime(range.timeZone).toInstant(), cutoff) > 0;
  }
  return Temporal.Instant.compare(toInstant(event.end), cutoff) > 0;
}

/**
 * Whether a series may still have occurrences in the window: it starts inside it, or its recurrence runs
 * past the window's start (no end, or an end date on or after it). A numbered range would need expanding,
 * so such a series counts as gone from the window unless it starts inside it. A series the provider no
 * longer lists although it reaches the window lost every occurrence there: its (empty) instances are the
 * truth; one that left the window says nothing about its copy's occurrences.
 */
export function seriesReachesWindow(event: CalendarEvent, window: Window): boolean {
  if (toInstant(event.start).epochMilliseconds >= Date.parse(window.start)) return true;
  const range = event.recurrence?.range;
  if (range?.type === "noEnd") return true;
  return range?.type === "endDate" && !!range.endDate && range.endDate >= window.start.slice(0, 10);
}
