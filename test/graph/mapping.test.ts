import { describe, expect, it } from "vitest";
import type { EventContent } from "../../src/core/event.js";
import { fromGraphEvent, type GraphEventPayload, isStub } from "../../src/graph/mapping.js";
import { toGraphCreate, toGraphUpdate } from "../../src/graph/mapping-write.js";
import { encodeTag, TAG_PROPERTY_ID } from "../../src/graph/tag.js";

/** What Graph answers for an event read with Prefer: outlook.timezone="UTC" and the tag expanded. */
function payload(extra: Partial<GraphEventPayload> = {}): GraphEventPayload {
  return {
    "@odata.etag": 'W/"ck1"',
    id: "AAMkA=",
    changeKey: "ck1",
    type: "singleInstance",
    subject: "Planning",
    body: { contentType: "html", content: "<p>hi</p>" },
    originalStartTimeZone: "W. Europe Standard Time",
    originalEndTimeZone: "W. Europe Standard Time",
    start: { dateTime: "2030-07-01T07:00:00.0000000", timeZone: "UTC" },
    end: { dateTime: "2030-07-01T08:00:00.0000000", timeZone: "UTC" },
    isAllDay: false,
    showAs: "busy",
    sensitivity: "private",
    importance: "high",
    categories: ["Blue"],
    isReminderOn: true,
    reminderMinutesBeforeStart: 15,
    location: { displayName: "Room 1" },
    isCancelled: false,
    isOrganizer: true,
    organizer: { emailAddress: { name: "Adele", address: "adele@contoso.test" } },
    responseStatus: { response: "organizer" },
    attendees: [],
    ...extra,
  };
}

describe("Graph event -> model", () => {
  it("converts UTC times into the event's own zone, from its Windows originalStartTimeZone", () => {
    const event = fromGraphEvent(payload());
    expect(event).toMatchObject({
      id: "AAMkA=",
      version: 'W/"ck1"',
      kind: "single",
      start: { dateTime: "2030-07-01T09:00:00", timeZone: "Europe/Berlin" },
      end: { dateTime: "2030-07-01T10:00:00", timeZone: "Europe/Berlin" },
      sensitivity: "private",
      importance: "high",
      reminder: { on: true, minutesBefore: 15 },
      location: "Room 1",
      response: "organizer",
    });
    expect(event.tag).toBeUndefined();
  });

  it("reads a time labelled with another zone than UTC by its label", () => {
    const event = fromGraphEvent(
      payload({ start: { dateTime: "2030-07-01T03:00:00", timeZone: "Eastern Standard Time" } }),
    );
    expect(event.start).toEqual({ dateTime: "2030-07-01T09:00:00", timeZone: "Europe/Berlin" });
  });

  it("keeps an all-day event's midnight, and a different end zone", () => {
    const allDay = fromGraphEvent(
      payload({
        isAllDay: true,
        originalStartTimeZone: "Tokyo Standard Time",
        originalEndTimeZone: "Tokyo Standard Time",
        start: { dateTime: "2030-07-01T00:00:00.0000000", timeZone: "UTC" },
        end: { dateTime: "2030-07-02T00:00:00.0000000", timeZone: "UTC" },
      }),
    );
    expect(allDay.start).toEqual({ dateTime: "2030-07-01T00:00:00", timeZone: "Asia/Tokyo" });
    expect(allDay.end).toEqual({ dateTime: "2030-07-02T00:00:00", timeZone: "Asia/Tokyo" });
    const flight = fromGraphEvent(payload({ originalEndTimeZone: "Eastern Standard Time" }));
    expect(flight.end).toEqual({ dateTime: "2030-07-01T04:00:00", timeZone: "America/New_York" });
  });

  it("falls back to UTC, at the same instants, for a legacy custom zone", () => {
    const event = fromGraphEvent(
      payload({ originalStartTimeZone: "tzone://Microsoft/Custom", originalEndTimeZone: null }),
    );
    expect(event.start).toEqual({ dateTime: "2030-07-01T07:00:00", timeZone: "UTC" });
  });

  it("reads instances with their series and original start, and the tag", () => {
    const value = encodeTag({ profileId: "p", sourceSide: "A", sourceId: "AAMk+/=" });
    const event = fromGraphEvent(
      payload({
        type: "exception",
        seriesMasterId: "AAMkMaster=",
        originalStart: "2030-07-01T07:00:00Z",
        singleValueExtendedProperties: [
          { id: TAG_PROPERTY_ID.replace(/\{.*\}/, (g) => g.toLowerCase()), value },
        ],
      }),
    );
    expect(event).toMatchObject({
      kind: "exception",
      seriesId: "AAMkMaster=",
      originalStart: "2030-07-01T07:00:00Z",
      tag: { profileId: "p", sourceSide: "A", sourceId: "AAMk+/=" },
    });
  });

  it("refuses occurrence stubs, which must be hydrated first", () => {
    const stub: GraphEventPayload = {
      "@odata.etag": 'W/"x"',
      id: "AAMkOcc=",
      seriesMasterId: "AAMkMaster=",
      type: "occurrence",
      start: { dateTime: "2030-07-01T07:00:00.0000000", timeZone: "UTC" },
      end: { dateTime: "2030-07-01T08:00:00.0000000", timeZone: "UTC" },
    };
    expect(isStub(stub)).toBe(true);
    expect(() => fromGraphEvent(stub)).toThrow(/stub/);
  });

  it("fails on what it cannot represent instead of guessing", () => {
    expect(() => fromGraphEvent(payload({ sensitivity: "secret" as never }))).toThrow(/AAMkA= .*sensitivity/);
    expect(() => fromGraphEvent(payload({ "@odata.etag": undefined, changeKey: null }))).toThrow(/etag/);
    expect(() => fromGraphEvent(payload({ start: null }))).toThrow(/no start/);
  });
});

describe("model -> Graph bodies", () => {
  const content: EventContent = {
    subject: "Copy",
    body: { type: "text", content: "Attendees: a@b.c" },
    location: "",
    start: { dateTime: "2030-07-01T09:00:00", timeZone: "Europe/Berlin" },
    end: { dateTime: "2030-07-01T10:00:00", timeZone: "Europe/Berlin" },
    isAllDay: false,
    showAs: "tentative",
    sensitivity: "normal",
    importance: "low",
    categories: ["Blue"],
    reminder: { on: false, minutesBefore: 0 },
    recurrence: {
      pattern: { type: "relativeMonthly", interval: 1, daysOfWeek: ["tuesday"], index: "first" },
      range: { type: "endDate", startDate: "2030-07-01", endDate: "2030-12-31", timeZone: "Europe/Berlin" },
    },
  };

  it("creates with the tag, the transactionId, Windows zones, reminders as mapped, and no attendees", () => {
    const body = toGraphCreate(content, { profileId: "p", sourceSide: "B", sourceId: "s" }, "tx-1");
    expect(body).toMatchObject({
      transactionId: "tx-1",
      singleValueExtendedProperties: [{ id: TAG_PROPERTY_ID, value: "crosscal:1:p:B:s" }],
      start: { dateTime: "2030-07-01T09:00:00", timeZone: "W. Europe Standard Time" },
      isReminderOn: false,
      reminderMinutesBeforeStart: 0,
      location: { displayName: "" },
      recurrence: {
        pattern: { type: "relativeMonthly", interval: 1, daysOfWeek: ["tuesday"], index: "first" },
        range: { type: "endDate", endDate: "2030-12-31", recurrenceTimeZone: "W. Europe Standard Time" },
      },
    });
    expect(body).not.toHaveProperty("attendees");
    expect(body).not.toHaveProperty("isOnlineMeeting");
    expect(() => toGraphCreate(content, { profileId: "p", sourceSide: "B", sourceId: "s" }, "")).toThrow();
  });

  it("updates only the given fields, without transactionId or tag", () => {
    expect(toGraphUpdate({ subject: "New", reminder: { on: true, minutesBefore: 10 } })).toEqual({
      subject: "New",
      isReminderOn: true,
      reminderMinutesBeforeStart: 10,
    });
  });
});
