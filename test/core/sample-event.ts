import type { CalendarEvent } from "../../src/core/index.js";

/** One meeting with every field set, for tests of what mappings and rules make of an event. */
export function sampleEvent(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    id: "event-1",
    version: "v1",
    iCalUId: "ical-1",
    kind: "single",
    subject: "Quarterly review",
    body: { type: "html", content: "<p>Agenda</p>" },
    location: "Room 1",
    start: { dateTime: "2026-06-03T09:00:00", timeZone: "Europe/Berlin" },
    end: { dateTime: "2026-06-03T10:30:00", timeZone: "Europe/Berlin" },
    isAllDay: false,
    showAs: "busy",
    sensitivity: "normal",
    importance: "high",
    categories: ["Blue", "Finance"],
    reminder: { on: true, minutesBefore: 15 },
    isCancelled: false,
    isOrganizer: false,
    organizer: { name: "Adele Vance", address: "adele@contoso.com" },
    attendees: [
      { name: "Lee Gu", address: "lee@fabrikam.com", type: "required", response: "accepted" },
      { name: "", address: "room@contoso.com", type: "resource", response: "accepted" },
    ],
    response: "accepted",
    isOnlineMeeting: true,
    joinUrl: "https://teams.example/join/1",
    ...overrides,
  };
}

/** A bare one-hour appointment (no attendees, no reminder), for planner tests that set only what matters. */
export function plainEvent(id: string, overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    id,
    version: `v-${id}`,
    kind: "single",
    subject: "Steering",
    body: { type: "text", content: "" },
    location: "",
    start: { dateTime: "2026-06-02T09:00:00", timeZone: "Europe/Berlin" },
    end: { dateTime: "2026-06-02T10:00:00", timeZone: "Europe/Berlin" },
    isAllDay: false,
    showAs: "busy",
    sensitivity: "normal",
    importance: "normal",
    categories: [],
    reminder: { on: false, minutesBefore: 0 },
    isCancelled: false,
    isOrganizer: true,
    attendees: [],
    response: "organizer",
    isOnlineMeeting: false,
    ...overrides,
  };
}
