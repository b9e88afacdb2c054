import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CalendarEvent,
  contentHash,
  MAPPING_PRESETS,
  otherSide,
  type Side,
} from "../../src/core/index.js";
import { key, type PlanPolicy } from "../../src/core/plan-input.js";
import { Model } from "./model.js";

const NOW = "2026-06-01T12:00:00Z";

const policy = (overrides: Partial<PlanPolicy> = {}): PlanPolicy => ({
  direction: "two-way",
  pastDays: 30,
  mapping: MAPPING_PRESETS["full-details"],
  mappingOptions: { reminders: false },
  rules: (event) =>
    event.subject.startsWith("private:") ? { pass: false, reason: "subject is private" } : { pass: true },
  matchBySubjectAndTime: false,
  takeBaseline: false,
  ...overrides,
});

function original(
  model: Model,
  side: Side,
  subject: string,
  dayOffset: number,
  iCalUId?: string,
): CalendarEvent {
  const day = new Date(Date.parse(NOW) + dayOffset * 86_400_000).toISOString().slice(0, 10);
  return {
    id: model.nextId(side),
    version: model.nextId("v"),
    iCalUId: iCalUId ?? model.nextId("ical"),
    kind: "single",
    subject,
    body: { type: "text", content: `About ${subject}` },
    location: "Room 1",
    start: { dateTime: `${day}T09:00:00`, timeZone: "Europe/Berlin" },
    end: { dateTime: `${day}T10:00:00`, timeZone: "Europe/Berlin" },
    isAllDay: false,
    showAs: "busy",
    sensitivity: "normal",
    importance: "normal",
    categories: [],
    reminder: { on: true, minutesBefore: 15 },
    isCancelled: false,
    isOrganizer: true,
    organizer: { name: "Organizer", address: "organizer@contoso.test" },
    attendees: [{ name: "Guest", address: "guest@fabrikam.test", type: "required", response: "none" }],
    response: "organizer",
    isOnlineMeeting: false,
  };
}

type Op =
  | { kind: "create"; side: Side; subject: string; day: number }
  | { kind: "inviteBoth"; subject: string; day: number }
  | { kind: "inviteOther"; side: Side; pick: number }
  | { kind: "update"; side: Side; pick: number; subject: string }
  | { kind: "delete" | "cancel" | "editCopy" | "deleteCopy"; side: Side; pick: number }
  | { kind: "run" };

const side = fc.constantFrom<Side>("A", "B");
const subject = fc.constantFrom("Planning", "Review", "private: dentist", "1:1", "Standup");
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("create" as const), side, subject, day: fc.integer({ min: -40, max: 20 }) }),
  fc.record({ kind: fc.constant("inviteBoth" as const), subject, day: fc.integer({ min: -5, max: 20 }) }),
  fc.record({ kind: fc.constant("inviteOther" as const), side, pick: fc.nat() }),
  fc.record({ kind: fc.constant("update" as const), side, pick: fc.nat(), subject }),
  fc.record({
    kind: fc.constantFrom("delete" as const, "cancel" as const, "editCopy" as const, "deleteCopy" as const),
    side,
    pick: fc.nat(),
  }),
  fc.constant({ kind: "run" as const }),
);

const pick = <T>(items: T[], index: number): T | undefined =>
  items.length ? items[index % items.length] : undefined;
const originals = (model: Model, s: Side) => [...model.mailboxes[s].values()].filter((e) => !e.tag);
const copies = (model: Model, s: Side) => [...model.mailboxes[s].values()].filter((e) => e.tag);

function apply(model: Model, step: Op): unknown {
  switch (step.kind) {
    case "create":
      return model.put(step.side, original(model, step.side, step.subject, step.day));
    case "inviteBoth": {
      const a = original(model, "A", step.subject, step.day);
      model.put("A", a);
      return model.put("B", { ...original(model, "B", step.subject, step.day), iCalUId: a.iCalUId });
    }
    case "inviteOther": {
      const source = pick(originals(model, step.side), step.pick);
      if (!source) return;
      const other = otherSide(step.side);
      if ([...model.mailboxes[other].values()].some((e) => e.iCalUId === source.iCalUId)) return;
      return model.put(other, {
        ...source,
        id: model.nextId(other),
        version: model.nextId("v"),
        isOrganizer: false,
      });
    }
    case "update": {
      const target = pick(originals(model, step.side), step.pick);
      if (target) model.put(step.side, { ...target, subject: step.subject, version: model.nextId("v") });
      return;
    }
    case "delete": {
      const target = pick(originals(model, step.side), step.pick);
      if (target) model.remove(step.side, target.id);
      return;
    }
    case "cancel": {
      const target = pick(originals(model, step.side), step.pick);
      if (target) model.put(step.side, { ...target, isCancelled: true, version: model.nextId("v") });
      return;
    }
    case "editCopy": {
      const target = pick(copies(model, step.side), step.pick);
      if (target)
        model.put(step.side, { ...target, subject: "edited by a person", version: model.nextId("v") });
      return;
    }
    case "deleteCopy": {
      const target = pick(copies(model, step.side), step.pick);
      if (target) model.remove(step.side, target.id);
      return;
    }
    case "run":
      model.run();
  }
}

/** The sync semantics, checked on a quiet pair of mailboxes. */
function checkInvariants(model: Model): void {
  const cutoff = Date.parse(NOW) - 30 * 86_400_000;
  for (const s of ["A", "B"] as const) {
    const other = otherSide(s);
    for (const copy of copies(model, s)) {
      const source = model.mailboxes[other].get(copy.tag!.sourceId);
      expect(source, `copy ${copy.id} has its original`).toBeDefined();
      expect(source!.tag, "no copy of a copy").toBeUndefined();
      const link = model.links.get(key(other, source!.id));
      expect(link?.targetId, `copy ${copy.id} is the linked one`).toBe(copy.id);
      const expected = MAPPING_PRESETS["full-details"](source!, { reminders: false });
      expect(contentHash(contentOf(copy)), "copy carries the mapped content").toBe(contentHash(expected));
    }
    for (const event of originals(model, s)) {
      const counterparts = [...model.mailboxes[other].values()].filter(
        (e) => e.tag?.sourceId === event.id || (!e.tag && e.iCalUId === event.iCalUId),
      );
      expect(counterparts.length, `at most one counterpart of ${event.id}`).toBeLessThanOrEqual(1);
      const ended = Date.parse(`${event.end.dateTime}+02:00`) < cutoff;
      const wanted =
        !event.isCancelled &&
        !event.subject.startsWith("private:") &&
        !model.suppressed.has(key(s, event.id));
      const linked = model.links.has(key(s, event.id));
      if (wanted && !ended && !linked) {
        const asTarget = [...model.links.values()].some(
          (l) => l.sourceSide === other && l.targetId === event.id,
        );
        expect(asTarget || counterparts.length === 1, `original ${event.id} has its counterpart`).toBe(true);
      }
    }
  }
}

function contentOf(event: CalendarEvent) {
  const {
    subject,
    body,
    location,
    start,
    end,
    isAllDay,
    showAs,
    sensitivity,
    importance,
    categories,
    reminder,
  } = event;
  return {
    subject,
    body,
    location,
    start,
    end,
    isAllDay,
    showAs,
    sensitivity,
    importance,
    categories,
    reminder,
  };
}

const NUM_RUNS = Number(process.env.MODEL_RUNS ?? 500);

describe("planner, randomized against an in-memory pair of mailboxes", () => {
  it("reaches the sync semantics after any history, and a further run writes nothing", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const model = new Model("p1", policy(), NOW);
        for (const step of ops) apply(model, step);
        model.run();
        model.run();
        checkInvariants(model);
        const last = model.run();
        expect(last.filter((action) => action.type !== "skip")).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("copies nothing that existed when an only-new profile started, and everything after", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 15 }), fc.array(op, { maxLength: 25 }), (before, after) => {
        const model = new Model("p1", policy(), NOW);
        for (const step of before) if (step.kind !== "run") apply(model, step);
        const existing = new Set([...model.mailboxes.A.keys(), ...model.mailboxes.B.keys()]);
        const baseline = model.run({ takeBaseline: true });
        expect(baseline.filter((action) => action.type === "create")).toEqual([]);
        for (const step of after) apply(model, step);
        model.run();
        model.run();
        checkInvariants(model);
        for (const side of ["A", "B"] as const) {
          for (const copy of copies(model, side)) expect(existing.has(copy.tag!.sourceId)).toBe(false);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("never copies from B in an A-to-B sync", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const model = new Model("p1", policy({ direction: "a-to-b" }), NOW);
        for (const step of ops) apply(model, step);
        model.run();
        model.run();
        expect(copies(model, "A")).toEqual([]);
        const last = model.run();
        expect(last.filter((action) => action.type !== "skip")).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
