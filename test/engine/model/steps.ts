import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import type { Side } from "../../../src/core/event.js";
import type { FaultPlan } from "./faults.js";
import { faultPlan } from "./faults.js";
import type { Json } from "./mailboxes.js";

/**
 * What people do in Outlook between crosscal's runs, as data (so fast-check can generate, print and
 * shrink it). `pick` chooses among the candidates present when the step runs (modulo their number); a
 * step with no candidate does nothing.
 */
export type Step =
  | {
      kind: "create";
      side: Side;
      subject: string;
      day: number;
      hour: number;
      allDay: boolean;
      sensitivity: "normal" | "private";
      showAs: "busy" | "free" | "tentative";
      guest: boolean;
    }
  | {
      kind: "createSeries";
      side: Side;
      subject: string;
      day: number;
      hour: number;
      count: number;
      dst: boolean;
    }
  | { kind: "update"; side: Side; pick: number; change: Change }
  | { kind: "delete" | "cancelMeeting" | "decline" | "deleteCopy"; side: Side; pick: number }
  | { kind: "editCopy"; side: Side; pick: number; change: Change }
  | {
      kind: "moveOccurrence";
      side: Side;
      colleague: boolean;
      pick: number;
      occurrence: number;
      shiftHours: number;
      retitle: boolean;
    }
  | { kind: "cancelOccurrence"; side: Side; colleague: boolean; pick: number; occurrence: number }
  | { kind: "invite"; to: Side | "both"; subject: string; day: number; hour: number; series: boolean }
  | { kind: "colleagueUpdate"; pick: number; change: Change }
  | { kind: "colleagueCancel"; pick: number }
  /**
   * An engine run. `notified`: as the service runs after change notifications, reading only the mailboxes
   * people changed since the last successful run (the other side's echoes are never news).
   */
  | { kind: "run"; faults: FaultPlan[]; notified?: boolean };

export type Change =
  | { field: "subject"; subject: string }
  | { field: "time"; day: number; hour: number }
  | { field: "showAs"; showAs: "busy" | "free" | "oof" }
  | { field: "sensitivity"; sensitivity: "normal" | "private" };

export interface ScenarioPlan {
  startMode: "merge" | "only_new";
  /** A few meetings first, so that most later steps find something to act on. */
  setup: Step[];
  steps: Step[];
}

/** Few subjects and hours, so that merge starts meet twins (same subject, start and end) often. */
const subject = fc.constantFrom("Planning", "Review", "1:1", "Standup");
const side = fc.constantFrom<Side>("A", "B");
const hour = fc.integer({ min: 8, max: 16 });
/** Mostly in the window, sometimes long over (ended more than 30 days ago: never processed). */
const day = fc.oneof(
  { arbitrary: fc.integer({ min: -20, max: 30 }), weight: 9 },
  { arbitrary: fc.constant(-38), weight: 1 },
);
const pick = fc.nat({ max: 50 });
/** True once in `n` (shrinks to false). */
const sometimes = (n: number) => fc.nat({ max: n - 1 }).map((value) => value === n - 1);

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ field: fc.constant("subject" as const), subject }),
  fc.record({ field: fc.constant("time" as const), day, hour }),
  fc.record({
    field: fc.constant("showAs" as const),
    showAs: fc.constantFrom("busy" as const, "free" as const, "oof" as const),
  }),
  fc.record({
    field: fc.constant("sensitivity" as const),
    sensitivity: fc.constantFrom("normal" as const, "private" as const),
  }),
);

/** Steps that bring new meetings: every scenario starts with a few. */
const creation: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("create" as const),
      side,
      subject,
      day,
      hour,
      allDay: sometimes(6),
      sensitivity: fc.constantFrom("normal" as const, "private" as const),
      showAs: fc.constantFrom("busy" as const, "free" as const, "tentative" as const),
      guest: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("createSeries" as const),
      side,
      subject,
      day: fc.integer({ min: -14, max: 20 }),
      hour,
      count: fc.integer({ min: 2, max: 5 }),
      dst: sometimes(4),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("invite" as const),
      to: fc.constantFrom<Side | "both">("both", "both", "A", "B"),
      subject,
      day: fc.integer({ min: -10, max: 30 }),
      hour,
      series: sometimes(4),
    }),
  },
);

/** Steps that change, move, cancel or delete what is there (or do nothing when nothing fits). */
const edit: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("update" as const), side, pick, change }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        "delete" as const,
        "cancelMeeting" as const,
        "decline" as const,
        "deleteCopy" as const,
      ),
      side,
      pick,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("editCopy" as const), side, pick, change }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("moveOccurrence" as const),
      side,
      colleague: sometimes(4),
      pick,
      occurrence: fc.nat({ max: 6 }),
      shiftHours: fc.constantFrom(-2, -1, 1, 2, 3, 24),
      retitle: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("cancelOccurrence" as const),
      side,
      colleague: sometimes(4),
      pick,
      occurrence: fc.nat({ max: 6 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("colleagueUpdate" as const), pick, change }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("colleagueCancel" as const), pick }) },
);

const runStep: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant("run" as const),
  faults: fc.oneof(
    { weight: 2, arbitrary: fc.constant<FaultPlan[]>([]) },
    { weight: 3, arbitrary: fc.array(faultPlan, { minLength: 1, maxLength: 2 }) },
  ),
  notified: fc.boolean(),
});

/**
 * The mailboxes a person's step changes. A colleague's meeting reaches every mailbox it was sent to, so
 * its steps count for both; a person's own steps for their side (their meetings invite only outside guests).
 */
export function changedSides(step: Exclude<Step, { kind: "run" }>): Side[] {
  if (!("side" in step)) return ["A", "B"];
  if ("colleague" in step && step.colleague) return ["A", "B"];
  return [step.side];
}

export const scenario: fc.Arbitrary<ScenarioPlan> = fc.record({
  startMode: fc.constantFrom<ScenarioPlan["startMode"]>("merge", "merge", "only_new"),
  setup: fc.array(creation, { minLength: 1, maxLength: 3 }),
  steps: fc.array(
    fc.oneof(
      { weight: 2, arbitrary: creation },
      { weight: 3, arbitrary: edit },
      { weight: 3, arbitrary: runStep },
    ),
    { maxLength: 10 },
  ),
});

const ZONE = "W. Europe Standard Time";
const today = () => Temporal.Now.plainDateISO("Europe/Berlin");
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

/** Days from today to Berlin's next DST change: series started two weeks before it cross it. */
export function daysToNextDstChange(): number {
  const now = Temporal.Now.zonedDateTimeISO("Europe/Berlin");
  const next = now.getTimeZoneTransition("next");
  if (!next) throw new Error("Europe/Berlin has no next DST transition");
  return now.toPlainDate().until(next.toPlainDate()).days;
}

export const dateIn = (offset: number) => today().add({ days: offset });

const at = (offset: number, hour: number) => ({
  dateTime: `${dateIn(offset).toString()}T${String(hour).padStart(2, "0")}:00:00`,
  timeZone: ZONE,
});

/** A Graph body for a single meeting (all-day ones span one whole day). */
export function singleBody(step: Extract<Step, { kind: "create" }>, organizerGuest?: string) {
  const times = step.allDay
    ? {
        isAllDay: true,
        start: { dateTime: `${dateIn(step.day).toString()}T00:00:00`, timeZone: ZONE },
        end: { dateTime: `${dateIn(step.day + 1).toString()}T00:00:00`, timeZone: ZONE },
      }
    : { start: at(step.day, step.hour), end: at(step.day, step.hour + 1) };
  return {
    subject: step.subject,
    body: { contentType: "text", content: `About ${step.subject}` },
    ...times,
    sensitivity: step.sensitivity,
    showAs: step.showAs,
    ...(step.guest && organizerGuest
      ? { attendees: [{ type: "required", emailAddress: { address: organizerGuest, name: "Guest" } }] }
      : {}),
  };
}

/** A weekly series on the start's weekday, `count` occurrences, in Berlin time. */
export function seriesBody(subjectText: string, dayOffset: number, startHour: number, count: number) {
  const date = dateIn(dayOffset);
  return {
    subject: subjectText,
    body: { contentType: "text", content: `Every week: ${subjectText}` },
    start: at(dayOffset, startHour),
    end: at(dayOffset, startHour + 1),
    recurrence: {
      pattern: {
        type: "weekly",
        interval: 1,
        daysOfWeek: [WEEKDAYS[date.dayOfWeek - 1]],
        firstDayOfWeek: "monday",
      },
      range: { type: "numbered", startDate: date.toString(), numberOfOccurrences: count },
    },
  };
}

/**
 * A PATCH body for a change. Times of a series move within its day (a new day would leave the pattern); an
 * all-day event moves by whole days.
 */
export function changeBody(change: Change, event: Json) {
  switch (change.field) {
    case "subject":
      return { subject: `${change.subject} (renamed)` };
    case "showAs":
      return { showAs: change.showAs };
    case "sensitivity":
      return { sensitivity: change.sensitivity };
    case "time": {
      if (event.isAllDay)
        return {
          start: { dateTime: `${dateIn(change.day).toString()}T00:00:00`, timeZone: ZONE },
          end: { dateTime: `${dateIn(change.day + 1).toString()}T00:00:00`, timeZone: ZONE },
        };
      if (event.type === "seriesMaster") {
        const date = Temporal.Instant.from(`${event.start.dateTime.slice(0, 19)}Z`)
          .toZonedDateTimeISO("Europe/Berlin")
          .toPlainDate()
          .toString();
        const hh = String(change.hour).padStart(2, "0");
        const end = String(change.hour + 1).padStart(2, "0");
        return {
          start: { dateTime: `${date}T${hh}:00:00`, timeZone: ZONE },
          end: { dateTime: `${date}T${end}:00:00`, timeZone: ZONE },
        };
      }
      return { start: at(change.day, change.hour), end: at(change.day, change.hour + 1) };
    }
  }
}
