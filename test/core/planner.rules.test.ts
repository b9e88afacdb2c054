import { describe, expect, it } from "vitest";
import { contentHash } from "../../src/core/content-hash.js";
import { type CalendarEvent, MAPPING_PRESETS, plan } from "../../src/core/index.js";
import type { PlanInput, PlanPolicy } from "../../src/core/plan-input.js";
import { compileRules, type RuleSpec } from "../../src/core/rules/rules.js";
import { Model } from "./model.js";
import { sampleEvent } from "./sample-event.js";

const NOW = "2026-06-01T12:00:00Z";

const RULES: RuleSpec[] = [
  { name: "declined meetings", when: { response: ["declined"] }, action: "skip" },
  { name: "private as busy", when: { sensitivity: ["private"] }, action: { mapping: { preset: "busy" } } },
];

function policy(): PlanPolicy {
  const rules = compileRules(RULES);
  if (!rules.ok) throw new Error(JSON.stringify(rules.problems));
  return {
    direction: "two-way",
    pastDays: 30,
    mapping: MAPPING_PRESETS["full-details"],
    mappingOptions: { reminders: false },
    rules: rules.value,
    matchBySubjectAndTime: false,
    takeBaseline: false,
  };
}

function setup() {
  const model = new Model("profile-1", policy(), NOW);
  const copyOf = (original: CalendarEvent) =>
    [...model.mailboxes.B.values()].find((event) => event.tag?.sourceId === original.id);
  return { model, copyOf };
}

describe("planner with rules", () => {
  it("switches a copy to busy content when its original becomes private, and back", () => {
    const { model, copyOf } = setup();
    const original = sampleEvent({ id: "a1" });
    model.put("A", original);
    model.run();
    expect(copyOf(original)).toMatchObject({ subject: "Quarterly review", location: "Room 1" });

    model.put("A", { ...original, sensitivity: "private", version: "v2" });
    expect(model.run()).toMatchObject([{ type: "update", reason: "original-changed" }]);
    expect(copyOf(original)).toMatchObject({
      subject: "Busy",
      location: "",
      body: { content: "" },
      sensitivity: "private",
    });
    expect(model.run()).toEqual([]);

    model.put("A", { ...original, version: "v3" });
    expect(model.run()).toMatchObject([{ type: "update" }]);
    expect(copyOf(original)?.subject).toBe("Quarterly review");
  });

  it("deletes the copy of an original that starts matching a skip rule, and never copies one that does", () => {
    const { model, copyOf } = setup();
    const kept = sampleEvent({ id: "a1" });
    const declinedAtOnce = sampleEvent({ id: "a2", response: "declined" });
    model.put("A", kept);
    model.put("A", declinedAtOnce);
    expect(model.run()).toMatchObject([
      { type: "create" },
      { type: "skip", reason: "rules", detail: "declined meetings" },
    ]);

    model.put("A", { ...kept, response: "declined", version: "v2" });
    expect(model.run()).toMatchObject([{ type: "delete", reason: "rules" }]);
    expect(copyOf(kept)).toBeUndefined();
  });

  it("gives a moved occurrence of a copied series the content its own rules choose", () => {
    const series = sampleEvent({
      id: "s1",
      kind: "series",
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["wednesday"] },
        range: { type: "noEnd", startDate: "2026-06-03", timeZone: "Europe/Berlin" },
      },
    });
    const moved = (id: string, extra: Partial<CalendarEvent>) =>
      sampleEvent({
        id,
        kind: "exception",
        seriesId: "s1",
        originalStart: id === "e1" ? "2026-06-10T07:00:00Z" : "2026-06-17T07:00:00Z",
        ...extra,
      });
    const privateOne = moved("e1", { sensitivity: "private" });
    const declinedOne = moved("e2", { response: "declined" });
    const copyInstance = (id: string, originalStart: string): CalendarEvent => ({
      ...sampleEvent({ id, kind: "occurrence", seriesId: "c1", originalStart }),
      tag: { profileId: "p", sourceSide: "A", sourceId: "s1" },
    });
    const input: PlanInput = {
      profileId: "p",
      now: NOW,
      policy: policy(),
      links: [
        {
          sourceSide: "A",
          sourceId: "s1",
          targetId: "c1",
          owned: true,
          contentHash: contentHash(MAPPING_PRESETS["full-details"](series, { reminders: false })),
          copyVersion: "cv",
        },
      ],
      suppressed: new Map(),
      changes: {
        A: { changed: [series, privateOne, declinedOne], gone: [], refreshedSeries: ["s1"] },
        B: { changed: [], gone: [] },
      },
      copyInstances: {
        c1: [copyInstance("ci1", "2026-06-10T07:00:00Z"), copyInstance("ci2", "2026-06-17T07:00:00Z")],
      },
    };
    const updates = plan(input).flatMap((action) => (action.type === "update" ? [action] : []));
    expect(updates.map((u) => [u.copyId, u.content.subject, u.content.location])).toEqual([
      ["ci1", "Busy", ""],
      // A skip rule cannot drop one occurrence of a copied series: it blocks the time and reveals nothing.
      ["ci2", "Busy", ""],
    ]);
  });
});
