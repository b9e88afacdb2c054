import { describe, expect, it } from "vitest";
import { decideCopy, previewCopy } from "../../src/core/copy-decision.js";
import type { CalendarEvent } from "../../src/core/event.js";
import { orThrow } from "../../src/core/mapping/compiled.js";
import { MAPPING_PRESETS } from "../../src/core/mapping/presets.js";
import type { PlanPolicy } from "../../src/core/plan-input.js";
import { plan } from "../../src/core/planner.js";
import { compileRules, type RuleSpec } from "../../src/core/rules/rules.js";
import { plainEvent, sampleEvent } from "./sample-event.js";

const NOW = "2026-06-01T12:00:00.000Z";

const RULES: RuleSpec[] = [
  { name: "Lunch", when: { subject: { contains: "lunch" } }, action: "skip" },
  {
    name: "private as busy",
    when: { sensitivity: ["private"] },
    action: { mapping: { preset: "busy", fields: { subject: { value: "Private" } } } },
  },
];

function policyOf(overrides: Partial<PlanPolicy> = {}, rules: RuleSpec[] = RULES): PlanPolicy {
  return {
    direction: "two-way",
    pastDays: 30,
    mapping: MAPPING_PRESETS.busy,
    mappingOptions: { reminders: false },
    rules: orThrow(compileRules(rules), "rules"),
    matchBySubjectAndTime: false,
    takeBaseline: false,
    ...overrides,
  };
}

/** One day, `daysFromNow` days from NOW, 09:00-10:00 UTC. */
function onDay(daysFromNow: number, extra: Partial<CalendarEvent> = {}): CalendarEvent {
  const day = new Date(Date.parse(NOW) + daysFromNow * 86_400_000).toISOString().slice(0, 10);
  return plainEvent(`e${daysFromNow}`, {
    start: { dateTime: `${day}T09:00:00`, timeZone: "UTC" },
    end: { dateTime: `${day}T10:00:00`, timeZone: "UTC" },
    ...extra,
  });
}

describe("what a sync's settings decide about one original", () => {
  it("copies with the sync's own mapping when no rule matches", () => {
    const decision = decideCopy(policyOf(), NOW, "A", onDay(2, { subject: "Planning" }));
    expect(decision).toEqual({ outcome: "copied", verdict: { pass: true } });
  });

  it("skips what the first matching rule skips, naming the rule and its place", () => {
    expect(decideCopy(policyOf(), NOW, "A", onDay(2, { subject: "Team lunch" }))).toEqual({
      outcome: "skipped",
      reason: "rules",
      detail: "Lunch",
      rule: { name: "Lunch", index: 0 },
    });
  });

  it("copies with the mapping a rule chose", () => {
    const decision = decideCopy(policyOf(), NOW, "B", onDay(2, { sensitivity: "private" }));
    expect(decision).toMatchObject({
      outcome: "copied",
      verdict: { rule: { name: "private as busy", index: 1 } },
    });
  });

  it("checks the direction, then the window, then cancellation, before any rule", () => {
    const lunch = { subject: "Lunch" };
    expect(decideCopy(policyOf({ direction: "a-to-b" }), NOW, "B", onDay(2, lunch))).toEqual({
      outcome: "skipped",
      reason: "direction",
    });
    expect(decideCopy(policyOf({ direction: "b-to-a" }), NOW, "B", onDay(2)).outcome).toBe("copied");
    expect(decideCopy(policyOf(), NOW, "A", onDay(-31, lunch))).toEqual({
      outcome: "skipped",
      reason: "outside-window",
    });
    expect(decideCopy(policyOf({ pastDays: 60 }), NOW, "A", onDay(-31)).outcome).toBe("copied");
    expect(decideCopy(policyOf(), NOW, "A", onDay(2, { ...lunch, isCancelled: true }))).toEqual({
      outcome: "skipped",
      reason: "cancelled",
    });
  });
});

describe("the test area's preview of one event", () => {
  it("shows the copy as a run writes it, and what decided", () => {
    const preview = previewCopy(policyOf(), NOW, "A", sampleEvent({ sensitivity: "private" }));
    expect(preview.outcome).toBe("copied");
    expect(preview.decidedBy).toEqual({ name: "private as busy", index: 1 });
    expect(preview.content).toMatchObject({ subject: "Private", location: "", body: { content: "" } });
    const plain = previewCopy(
      policyOf({ mapping: MAPPING_PRESETS["full-details"] }),
      NOW,
      "A",
      sampleEvent(),
    );
    expect([plain.decidedBy, plain.content?.subject, plain.content?.reminder]).toEqual([
      "mapping",
      "Quarterly review",
      { on: false, minutesBefore: 0 },
    ]);
  });

  it("never copies a copy", () => {
    const copy = sampleEvent({ tag: { profileId: "p1", sourceSide: "B", sourceId: "x" } });
    expect(previewCopy(policyOf(), NOW, "A", copy)).toEqual({
      outcome: "skipped",
      decidedBy: "copy",
      content: null,
    });
  });

  it("decides an occurrence by its series, and maps an exception as the copy series' instance", () => {
    const series = sampleEvent({
      id: "series-1",
      kind: "series",
      subject: "Weekly",
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["wednesday"] },
        range: { type: "noEnd", startDate: "2026-06-03", timeZone: "Europe/Berlin" },
      },
    });
    const occurrence = sampleEvent({
      id: "o-1",
      kind: "occurrence",
      seriesId: "series-1",
      subject: "Weekly",
    });
    const full = policyOf({ mapping: MAPPING_PRESETS["full-details"] });
    const copied = previewCopy(full, NOW, "A", occurrence, series);
    expect([copied.outcome, copied.content?.subject, copied.content?.recurrence]).toEqual([
      "copied",
      "Weekly",
      undefined,
    ]);
    // An exception renamed to "Lunch": the series is copied, so its time is blocked as Busy.
    const exception = sampleEvent({ id: "x-1", kind: "exception", seriesId: "series-1", subject: "Lunch" });
    expect(previewCopy(full, NOW, "A", exception, series)).toMatchObject({
      outcome: "copied",
      decidedBy: { name: "Lunch", index: 0 },
      content: { subject: "Busy" },
      blockedAsBusy: true,
    });
    // A series the rules skip takes its occurrences with it.
    const skipped = previewCopy(full, NOW, "A", occurrence, { ...series, subject: "Lunch" });
    expect([skipped.outcome, skipped.decidedBy]).toEqual(["skipped", { name: "Lunch", index: 0 }]);
    expect(() => previewCopy(full, NOW, "A", occurrence)).toThrow(/pass its series/);
  });

  it("agrees with the planner about every event: the copy it creates, or why it skips", () => {
    const events = [
      onDay(1, { subject: "Planning" }),
      onDay(1, { subject: "Team lunch" }),
      onDay(1, { sensitivity: "private", location: "Room 4" }),
      onDay(1, { isCancelled: true }),
      onDay(-45),
      onDay(-3, { subject: "Retro", categories: ["Blue"] }),
    ];
    for (const direction of ["two-way", "a-to-b", "b-to-a"] as const) {
      const policy = policyOf({ direction, mapping: MAPPING_PRESETS["full-details"] });
      for (const side of ["A", "B"] as const) {
        for (const event of events) {
          const changes = { A: { changed: [], gone: [] }, B: { changed: [], gone: [] } };
          changes[side] = { changed: [event] as never[], gone: [] };
          const actions = plan({
            profileId: "p1",
            now: NOW,
            policy,
            links: [],
            suppressed: new Map(),
            changes,
          });
          const preview = previewCopy(policy, NOW, side, event);
          const label = `${direction} ${side} ${event.subject} ${event.start.dateTime}`;
          if (preview.outcome === "copied") {
            expect(actions, label).toMatchObject([{ type: "create", content: preview.content }]);
          } else {
            const reason = typeof preview.decidedBy === "object" ? "rules" : preview.decidedBy;
            expect(actions, label).toMatchObject([{ type: "skip", reason }]);
          }
        }
      }
    }
  });
});
