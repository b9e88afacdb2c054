import { describe, expect, it } from "vitest";
import { type CalendarEvent, MAPPING_PRESETS } from "../../src/core/index.js";
import type { LinkState, PlanInput } from "../../src/core/plan-input.js";
import { plan } from "../../src/core/planner.js";
import { plainEvent } from "./sample-event.js";

const event = (id: string, extra: Partial<CalendarEvent> = {}) =>
  plainEvent(id, { isOrganizer: false, response: "notResponded", ...extra });

function input(changes: PlanInput["changes"], links: LinkState[] = []): PlanInput {
  return {
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
    links,
    suppressed: new Map(),
    changes,
  };
}

describe("a copy left by a crash that its original does not adopt", () => {
  // B's meeting was being copied to A when the process died, before the store recorded the copy.
  const inB = event("meeting-b", { iCalUId: "uid-1" });
  const orphan = event("copy-a", { tag: { profileId: "p1", sourceSide: "B", sourceId: "meeting-b" } });

  it("is deleted when the same meeting reached the other mailbox too", () => {
    const inA = event("meeting-a", { iCalUId: "uid-1" });
    const actions = plan(input({ A: { changed: [inA, orphan], gone: [] }, B: { changed: [inB], gone: [] } }));
    expect(actions).toMatchObject([
      { type: "link", sourceId: "meeting-a", targetId: "meeting-b", owned: false },
      { type: "delete", copyId: "copy-a", reason: "orphan-copy" },
    ]);
  });

  it("is deleted when the two halves were linked in an earlier run", () => {
    const pair: LinkState = {
      sourceSide: "A",
      sourceId: "meeting-a",
      targetId: "meeting-b",
      owned: false,
      sourceICalUId: "uid-1",
      contentHash: "",
      copyVersion: "",
    };
    // The engine reads the original of a copy no link names (originalsToFetch).
    const changes = { A: { changed: [orphan], gone: [] }, B: { changed: [inB], gone: [] } };
    expect(plan(input(changes, [pair]))).toMatchObject([
      { type: "delete", copyId: "copy-a", reason: "orphan-copy" },
    ]);
  });

  it("is deleted when the original was cancelled meanwhile", () => {
    const cancelled = { ...inB, isCancelled: true, subject: "Canceled: Steering" };
    const actions = plan(
      input({ A: { changed: [orphan], gone: [] }, B: { changed: [cancelled], gone: [] } }),
    );
    expect(actions).toMatchObject([
      { type: "skip", reason: "cancelled" },
      { type: "delete", copyId: "copy-a", reason: "orphan-copy" },
    ]);
  });

  it("is deleted when a merge start links the original to its twin", () => {
    const twin = event("twin-a");
    const merging = input({ A: { changed: [twin, orphan], gone: [] }, B: { changed: [inB], gone: [] } });
    merging.policy.matchBySubjectAndTime = true;
    expect(plan(merging)).toMatchObject([
      { type: "link", sourceId: "twin-a", targetId: "meeting-b", reason: "same-subject-and-time" },
      { type: "delete", copyId: "copy-a", reason: "orphan-copy" },
    ]);
  });

  it("is adopted, not deleted, when the original still wants a copy", () => {
    const actions = plan(input({ A: { changed: [orphan], gone: [] }, B: { changed: [inB], gone: [] } }));
    expect(actions.map((action) => action.type)).toEqual(["link", "update"]);
  });
});
