import { describe, expect, it } from "vitest";
import { type CalendarEvent, MAPPING_PRESETS, type Side } from "../../src/core/index.js";
import { key, type PlanPolicy } from "../../src/core/plan-input.js";
import { Model } from "./model.js";

const NOW = "2026-06-01T12:00:00Z";

function setup(overrides: Partial<PlanPolicy> = {}) {
  const model = new Model(
    "profile-1",
    {
      direction: "two-way",
      pastDays: 30,
      mapping: MAPPING_PRESETS["full-details"],
      mappingOptions: { reminders: false },
      rules: (event) =>
        event.showAs === "free" ? { pass: false, reason: "free time is not copied" } : { pass: true },
      matchBySubjectAndTime: false,
      takeBaseline: false,
      ...overrides,
    },
    NOW,
  );
  const event = (
    side: Side,
    subject: string,
    day = "2026-06-03",
    extra: Partial<CalendarEvent> = {},
  ): CalendarEvent => ({
    id: model.nextId(side),
    version: model.nextId("v"),
    iCalUId: model.nextId("ical"),
    kind: "single",
    subject,
    body: { type: "html", content: "<p>Agenda</p>" },
    location: "Room 1",
    start: { dateTime: `${day}T09:00:00`, timeZone: "America/New_York" },
    end: { dateTime: `${day}T10:00:00`, timeZone: "America/New_York" },
    isAllDay: false,
    showAs: "busy",
    sensitivity: "normal",
    importance: "high",
    categories: ["Blue"],
    reminder: { on: true, minutesBefore: 15 },
    isCancelled: false,
    isOrganizer: true,
    organizer: { name: "Adele", address: "adele@contoso.test" },
    attendees: [{ name: "Lee", address: "lee@fabrikam.test", type: "required", response: "accepted" }],
    response: "organizer",
    isOnlineMeeting: true,
    joinUrl: "https://teams.example/join/1",
    ...extra,
  });
  const copiesIn = (side: Side) => [...model.mailboxes[side].values()].filter((e) => e.tag);
  const types = (actions: { type: string }[]) => actions.map((action) => action.type);
  return { model, event, copiesIn, types };
}

describe("planner scenarios", () => {
  it("copies an original with the attendees in the body and none on the copy, then writes nothing for the echo", () => {
    const { model, event, copiesIn, types } = setup();
    model.put("A", event("A", "Planning"));
    expect(types(model.run())).toEqual(["create"]);
    const [copy] = copiesIn("B");
    expect(copy).toMatchObject({
      subject: "Planning",
      attendees: [],
      reminder: { on: false },
      tag: { sourceSide: "A" },
    });
    expect(copy!.body.content).toContain("Lee &lt;lee@fabrikam.test&gt;");
    expect(copy!.body.content).toContain("https://teams.example/join/1");
    expect(model.run()).toEqual([]);
  });

  it("updates the copy only when the mapped content changed", () => {
    const { model, event, copiesIn, types } = setup({ mapping: MAPPING_PRESETS.busy });
    const original = event("A", "Salary review");
    model.put("A", original);
    model.run();
    expect(copiesIn("B")[0]).toMatchObject({ subject: "Busy", location: "", body: { content: "" } });
    model.put("A", { ...original, subject: "Salary review (moved room)", version: "v-new" });
    expect(model.run()).toEqual([]);
    model.put("A", {
      ...original,
      end: { ...original.end, dateTime: "2026-06-03T11:00:00" },
      version: "v-newer",
    });
    expect(types(model.run())).toEqual(["update"]);
  });

  it("restores a copy a person edited, and the original wins a conflict", () => {
    const { model, event, copiesIn } = setup();
    const original = event("A", "Planning");
    model.put("A", original);
    model.run();
    const copy = copiesIn("B")[0]!;
    model.put("B", { ...copy, subject: "Edited in B", version: "v-person" });
    expect(model.run()).toMatchObject([{ type: "update", reason: "copy-edited" }]);
    expect(copiesIn("B")[0]!.subject).toBe("Planning");
    model.put("B", { ...copiesIn("B")[0]!, subject: "Edited again", version: "v-person-2" });
    model.put("A", { ...original, subject: "Planning v2", version: "v-orig-2" });
    expect(model.run()).toMatchObject([{ type: "update", reason: "original-changed" }]);
    expect(copiesIn("B")[0]!.subject).toBe("Planning v2");
  });

  it("remembers a copy a person deleted and never recreates it, leaving the original alone", () => {
    const { model, event, copiesIn } = setup();
    const original = event("A", "Planning");
    model.put("A", original);
    model.run();
    model.remove("B", copiesIn("B")[0]!.id);
    expect(model.run()).toMatchObject([{ type: "tombstone", reason: "copy-deleted" }]);
    model.put("A", { ...original, subject: "Planning v2", version: "v2" });
    expect(model.run()).toMatchObject([{ type: "skip", reason: "tombstoned" }]);
    expect(copiesIn("B")).toEqual([]);
    expect(model.mailboxes.A.get(original.id)?.subject).toBe("Planning v2");
  });

  it("deletes the copy when the original is deleted, cancelled, or stops passing the rules", () => {
    const { model, event, copiesIn } = setup();
    const [deleted, cancelled, freed] = [event("A", "One"), event("A", "Two"), event("A", "Three")];
    for (const e of [deleted, cancelled, freed]) model.put("A", e);
    model.run();
    expect(copiesIn("B")).toHaveLength(3);
    model.remove("A", deleted.id);
    model.put("A", { ...cancelled, isCancelled: true, version: "vc" });
    model.put("A", { ...freed, showAs: "free", version: "vf" });
    const reasons = model.run().map((action) => (action.type === "delete" ? action.reason : action.type));
    expect(reasons.sort()).toEqual(["original-cancelled", "original-deleted", "rules"]);
    expect(copiesIn("B")).toEqual([]);
  });

  it("links one invitation sent to both mailboxes instead of copying it, in either order", () => {
    const { model, event, copiesIn, types } = setup();
    const a = event("A", "Partner call");
    model.put("A", a);
    model.put("B", { ...event("B", "Partner call"), iCalUId: a.iCalUId, isOrganizer: false });
    expect(model.run()).toMatchObject([{ type: "link", reason: "same-icaluid", owned: false }]);
    expect(copiesIn("A").concat(copiesIn("B"))).toEqual([]);

    const later = event("A", "Board meeting");
    model.put("A", later);
    expect(types(model.run())).toEqual(["create"]);
    model.put("B", { ...event("B", "Board meeting"), iCalUId: later.iCalUId, isOrganizer: false });
    expect(model.run()).toMatchObject([
      { type: "delete", reason: "replaced-by-invitation" },
      { type: "link", reason: "same-icaluid" },
    ]);
    expect(copiesIn("B")).toEqual([]);
  });

  it("adopts a copy written just before a crash instead of writing a second one", () => {
    const { model, event, copiesIn, types } = setup();
    const original = event("A", "Planning");
    model.put("A", original);
    model.run();
    model.links.delete(key("A", original.id)); // the store commit never happened
    model.put("B", { ...copiesIn("B")[0]! }); // the copy shows up in B's changes
    expect(types(model.run())).toEqual(["link", "update"]);
    expect(copiesIn("B")).toHaveLength(1);
    expect(model.run()).toEqual([]);
  });

  it("keeps a copy whose original left the window, and does not copy what ended before it", () => {
    const { model, event, copiesIn } = setup();
    const old = event("A", "Last quarter", "2026-04-01");
    model.put("A", old);
    expect(model.run()).toMatchObject([{ type: "skip", reason: "outside-window" }]);
    const recent = event("A", "Recent", "2026-05-30");
    model.put("A", recent);
    model.run();
    const later = new Model("profile-1", model.policy, "2026-08-01T00:00:00Z");
    for (const [id, link] of model.links) later.links.set(id, link);
    for (const side of ["A", "B"] as const)
      for (const e of model.mailboxes[side].values()) later.mailboxes[side].set(e.id, e);
    later.put("A", { ...recent, subject: "Recent (renamed)", version: "v9" });
    expect(later.run()).toEqual([]);
    expect(copiesIn("B")).toHaveLength(1);
  });

  it("links twins by subject and time on a merge start", () => {
    const { model, event, copiesIn } = setup({ matchBySubjectAndTime: true });
    model.put("A", event("A", "Standup"));
    model.put("B", event("B", "Standup"));
    model.put("B", event("B", "Only in B"));
    const actions = model.run();
    expect(actions.filter((a) => a.type === "link")).toMatchObject([
      { reason: "same-subject-and-time", owned: false },
    ]);
    expect(copiesIn("A").map((e) => e.subject)).toEqual(["Only in B"]);
    expect(copiesIn("B")).toEqual([]);
  });

  it("never copies another profile's copy", () => {
    const { model, event, types } = setup();
    model.put("A", {
      ...event("A", "From elsewhere"),
      tag: { profileId: "profile-2", sourceSide: "B", sourceId: "x" },
    });
    expect(model.run()).toMatchObject([{ type: "skip", reason: "copy-of-other-profile" }]);
    expect(types(model.run())).toEqual([]);
  });
});
