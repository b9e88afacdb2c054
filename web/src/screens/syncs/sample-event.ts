import type { PastedEvent } from "./types";

const pad = (n: number) => String(n).padStart(2, "0");
/** A local date `days` from today as YYYY-MM-DD. */
export function localDate(days: number, from = new Date()): string {
  const day = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** The browser's IANA time zone (what a pasted event's times are in unless changed). */
export const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/**
 * The meeting the preset picture shows under the chosen mapping: tomorrow, so inside any window, with
 * every field a mapping decides filled in, and attendees (which a copy lists in its body, never invites).
 */
export function sampleEvent(now = new Date()): PastedEvent {
  const day = localDate(1, now);
  const timeZone = localTimeZone();
  return {
    subject: "Quarterly review with Fabrikam",
    start: { dateTime: `${day}T14:00:00`, timeZone },
    end: { dateTime: `${day}T15:00:00`, timeZone },
    location: "Room 4.12",
    body: { type: "text", content: "Agenda: last quarter's figures, next quarter's plans." },
    showAs: "busy",
    sensitivity: "normal",
    importance: "high",
    categories: ["Customer"],
    isReminderOn: true,
    reminderMinutesBeforeStart: 15,
    organizer: { name: "Megan Bowen", address: "megan@contoso.com" },
    attendees: [
      { name: "Alex Wilber", address: "alex@fabrikam.com", type: "required", response: "accepted" },
      { name: "Lee Gu", address: "lee@contoso.com", type: "optional", response: "tentativelyAccepted" },
    ],
    isOrganizer: false,
    response: "accepted",
  };
}
