import { htmlToText } from "../../components/html-text";
import type { CopyView, EventView, ZonedTime } from "./types";
import { IMPORTANCE, SENSITIVITY, SHOW_AS } from "./vocabulary";

const DATE = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const TIME = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** A wall-clock time of the API (no offset) as a Date whose UTC fields are that wall clock. */
function wallClock(time: ZonedTime): Date {
  const [date = "", clock = "00:00"] = time.dateTime.split("T");
  const [y, m, d] = date.split("-").map(Number);
  const [h, min] = clock.split(":").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, h ?? 0, min ?? 0));
}

/** When an event takes place, in its own time zone: "Tue, 4 Mar 2025, 12:00–13:00 (Europe/Berlin)". */
export function formatWhen(start: ZonedTime, end: ZonedTime, isAllDay: boolean): string {
  const from = wallClock(start);
  const to = wallClock(end);
  if (isAllDay) {
    const last = new Date(to.getTime() - 86_400_000);
    const days =
      last.getTime() > from.getTime() ? `${DATE.format(from)} – ${DATE.format(last)}` : DATE.format(from);
    return `${days}, all day`;
  }
  const sameDay = start.dateTime.slice(0, 10) === end.dateTime.slice(0, 10);
  const until = sameDay ? TIME.format(to) : `${DATE.format(to)}, ${TIME.format(to)}`;
  return `${DATE.format(from)}, ${TIME.format(from)}–${until} (${start.timeZone})`;
}

export const bodyText = (body: EventView["body"]) =>
  body.type === "html" ? htmlToText(body.content) : body.content;

/** The fields of an event or copy, in words, for the side-by-side pictures and the test area's table. */
export function fieldsOf(event: EventView | CopyView): { label: string; value: string }[] {
  return [
    { label: "Subject", value: event.subject || "(empty)" },
    { label: "When", value: formatWhen(event.start, event.end, event.isAllDay) },
    { label: "Location", value: event.location || "(empty)" },
    { label: "Show as", value: SHOW_AS[event.showAs] },
    { label: "Privacy", value: SENSITIVITY[event.sensitivity] },
    { label: "Importance", value: IMPORTANCE[event.importance] },
    { label: "Categories", value: event.categories.length > 0 ? event.categories.join(", ") : "none" },
    {
      label: "Reminder",
      value: event.isReminderOn ? `${event.reminderMinutesBeforeStart} min before` : "none",
    },
    {
      label: "Recurrence",
      value: event.recurrence
        ? `${event.recurrence.pattern.type}, every ${event.recurrence.pattern.interval}`
        : "none",
    },
    { label: "Body", value: bodyText(event.body) || "(empty)" },
  ];
}

/** Attendees of an original (a copy has none). */
export const attendeesOf = (event: EventView) =>
  event.attendees.length > 0 ? event.attendees.map((a) => a.name || a.address).join("; ") : "none";
