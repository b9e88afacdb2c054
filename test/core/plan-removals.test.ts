import { describe, expect, it } from "vitest";
import { type CalendarEvent, MAPPING_PRESETS } from "../../src/core/index.js";
import type { LinkState, PlanInput } from "../../src/core/plan-input.js";
import { plan } from "../../src/core/planner.js";
import { plainEvent } from "./sample-event.js";

const original: CalendarEvent = plainEvent("original-a", { version: "v2" });

const link: LinkState = {
  sourceSide: "A",
  sourceId: "original-a",
  targetId: "copy-b",
  owned: true,
  contentHash: "hash",
  copyVersion: "c1",
};

function input(changed: CalendarEvent[]): PlanInput {
  return {
    profileId: "p1",
    now: "2026-06-01T12:00:00Z",
    policy: {
      direction: "two-way",
      pastDays: 30,
      mapping: MAPPING_PRESETS["full-details"],
      mappingOptions: { reminders: false },
      rules: (event) => (event.showAs === "free" ? { pass: false, reason: "free time" } : { pass: true }),
      matchBySubjectAndTime: false,
      takeBaseline: false,
    },
    links: [link],
    suppressed: new Map(),
    changes: { A: { changed, gone: [] }, B: { changed: [], gone: ["copy-b"] } },
  };
}

describe("a copy found gone", () => {
  it("is a person's deletion, remembered as a tombstone, when its original still wants a copy", () => {
    expect(plan(input([]))).toMatchObject([
      { type: "tombstone", sourceId: "original-a", reason: "copy-deleted" },
    ]);
  });

  it("is crosscal's own deletion, not recorded before a crash, when its original was cancelled", () => {
    const actions = plan(input([{ ...original, isCancelled: true }]));
    expect(actions.map((action) => action.type)).toEqual(["unlink", "skip"]);
  });

  it("is crosscal's own deletion too when its original no longer passes the rules", () => {
    const actions = plan(input([{ ...original, showAs: "free" }]));
    expect(actions).toMatchObject([{ type: "unlink" }, { type: "skip", reason: "rules" }]);
  });
});
