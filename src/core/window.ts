import { Temporal } from "temporal-polyfill";
import type { CalendarEvent, ZonedTime } from "./event.js";

export function toInstant(time: ZonedTime): Temporal.Instant {
  return Temporal.PlainDateTime.from(time.dateTime).toZonedDateTime(time.timeZone).toInstant();
}

/** The earliest end an event may have and still be processed: `pastDays` before now. */
export function windowCutoff(now: string, pastDays: number): Temporal.Instant {
  return Temporal.Instant.from(now).subtract({ hours: pastDays * 24 });
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
