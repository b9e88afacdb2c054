import { describe, expect, it } from "vitest";
import { type CalendarEvent, MAPPING_PRESETS } from "../../src/core/index.js";
import type { PlanInput } from "../../src/core/plan-input.js";
import { plan } from "../../src/core/planner.js";
import { plainEvent } from "./sample-event.js";

const weekly = {
  pattern: { type: "weekly" as const, interval: 1, daysOfWeek: ["tuesday" as const] },
  range: {
    type: "numbered" as const,
    startDate: "2026-06-02",
    numberOfOccurrences: 2,
    timeZone: "Europe/Berlin",
  },
};

const event = (id: string, extra: Partial<CalendarEvent>) =>
  plainEvent(id, { subject: "Weekly sync", ...extra });

describe("the planner's index of this run's copies", () => {
  it("adopts the master of a copy series left by a crash, not one of its tagged occurrences", () => {
    const tag = { profileId: "p1", sourceSide: "A" as const, sourceId: "series-a" };
    const master = event("copy-b", { kind: "series", recurrence: weekly, tag });
    // Graph shows a master's extended properties on its instances, so they read as tagged like the master.
    const occurrence = event("copy-b-occ-2", {
      kind: "occurrence",
      seriesId: "copy-b",
      originalStart: "2026-06-09T07:00:00Z",
      start: { dateTime: "2026-06-09T09:00:00", timeZone: "Europe/Berlin" },
      end: { dateTime: "2026-06-09T10:00:00", timeZone: "Europe/Berlin" },
      tag,
    });
    const input: PlanInput = {
      profileId: "p1",
      now: "2026-06-01T12:00:00Z",
      policy: {
        direction: "two-way",
        pastDays: 30,
        mapping: MAPPING_PRESETS["full-details"],
        mappingOptions: { reminders: false },
        rules: () => ({ pass: true }),
        matchBySubjectAndTime: false,
        takeBaseline: false,
      },
      links: [],
      suppressed: new Map(),
      changes: {
        A: { changed: [event("series-a", { kind: "series", recurrence: weekly })], gone: [] },
        B: { changed: [master, occurrence], gone: [] },
      },
    };
    const actions = plan(input);
    expect(actions.map((action) => action.type)).toEqual(["link", "update"]);
    expect(actions).toMatchObject([
      { type: "link", reason: "adopt-copy", targetId: "copy-b" },
      { type: "update", copyId: "copy-b" },
    ]);
  });
});
