import type { ScenarioPlan, Step } from "./steps.js";

/** The plain meeting most counterexamples start from: "Planning", today at 8, busy, in `side`'s mailbox. */
const planningAt8 = (side: "A" | "B"): Step => ({
  kind: "create",
  side,
  subject: "Planning",
  day: 0,
  hour: 8,
  allDay: false,
  sensitivity: "normal",
  showAs: "busy",
  guest: false,
});

/**
 * Counterexamples this test found (shrunk by fast-check), replayed first on every run. Each one was a bug
 * in crosscal, fixed with a focused test next to the code it concerned.
 */
export const FOUND: ScenarioPlan[] = [
  // A crash right after creating a copy series: the next run adopted one of the copy's occurrences (they
  // carry the master's tag) instead of its master, and failed patching it (src/core/plan-index.ts).
  {
    startMode: "merge",
    setup: [{ kind: "createSeries", side: "A", subject: "Planning", day: 0, hour: 8, count: 2, dst: false }],
    steps: [{ kind: "run", faults: [{ kind: "crash", afterWrites: 1 }] }],
  },
  // A person moved a copy out of the window: delta reports that as @removed, the connector found the copy
  // still there and reported nothing, so the edited copy was never restored (src/graph/calendar.ts).
  {
    startMode: "merge",
    setup: [planningAt8("A")],
    steps: [
      { kind: "run", faults: [] },
      { kind: "editCopy", side: "B", pick: 0, change: { field: "time", day: -38, hour: 8 } },
    ],
  },
  // A person moved a copy series: Graph drops a series' exceptions when its start changes, and restoring
  // the copy's master did not bring back the original's moved occurrence (src/engine/run-profile.ts).
  {
    startMode: "merge",
    setup: [{ kind: "createSeries", side: "A", subject: "Planning", day: 0, hour: 8, count: 2, dst: false }],
    steps: [
      {
        kind: "moveOccurrence",
        side: "A",
        colleague: false,
        pick: 0,
        occurrence: 0,
        shiftHours: -2,
        retitle: false,
      },
      { kind: "run", faults: [] },
      { kind: "editCopy", side: "B", pick: 0, change: { field: "time", day: -38, hour: 9 } },
    ],
  },
  // A crash right after copying B's invitation to A, while the organizer's next update brought the same
  // meeting back into A (after a decline): the halves were linked and the orphan copy stayed next to A's
  // own, a duplicate (src/core/plan-originals.ts).
  {
    startMode: "merge",
    setup: [{ kind: "invite", to: "both", subject: "Planning", day: 0, hour: 8, series: true }],
    steps: [
      { kind: "decline", side: "A", pick: 0 },
      { kind: "run", faults: [{ kind: "crash", afterWrites: 1 }] },
      { kind: "cancelOccurrence", side: "A", colleague: true, pick: 0, occurrence: 0 },
    ],
  },
  // A first run that created two copies crashed before saving its cursors; a person then deleted one
  // original. The next run listed the window without a cursor but did not look for what the listing lacked,
  // so the copy of the deleted original stayed (src/engine/pull.ts).
  {
    startMode: "merge",
    setup: [planningAt8("A"), planningAt8("A")],
    steps: [
      { kind: "run", faults: [{ kind: "crash", afterWrites: 2 }] },
      { kind: "delete", side: "A", pick: 0 },
    ],
  },
  // A crash right after copying B's invitation to A; then the organizer cancelled it. The cancelled
  // original was skipped, and the copy no link named stayed (src/core/plan-originals.ts).
  {
    startMode: "merge",
    setup: [{ kind: "invite", to: "B", subject: "Planning", day: 0, hour: 8, series: false }],
    steps: [
      { kind: "run", faults: [{ kind: "crash", afterWrites: 1 }] },
      { kind: "colleagueCancel", pick: 0 },
    ],
  },
  // The organizer cancelled a meeting crosscal had copied; the run deleting the copy crashed before
  // recording it, and the next run took the missing copy for a person's deletion: a tombstone, so the
  // original could never be copied again (src/core/plan-removals.ts).
  {
    startMode: "merge",
    setup: [{ kind: "invite", to: "B", subject: "Planning", day: 0, hour: 8, series: false }],
    steps: [
      { kind: "run", faults: [] },
      { kind: "colleagueCancel", pick: 0 },
      { kind: "run", faults: [{ kind: "crash", afterWrites: 1 }] },
    ],
  },
  // A crash right after writing a copy, which a person then moved out of the window: no run saw it again,
  // and the next create (same transactionId) got that edited event back from Graph and linked it as it
  // was (src/graph/calendar.ts).
  {
    startMode: "merge",
    setup: [planningAt8("B")],
    steps: [
      { kind: "run", faults: [{ kind: "crash", afterWrites: 1 }] },
      { kind: "editCopy", side: "A", pick: 0, change: { field: "time", day: -38, hour: 8 } },
    ],
  },
  // Every occurrence of a series cancelled: delta reports the master as @removed, the connector took it
  // for a series that left the window and kept the copy's last occurrence (src/graph/calendar.ts).
  {
    startMode: "merge",
    setup: [
      { kind: "createSeries", side: "B", subject: "Planning", day: 0, hour: 8, count: 2, dst: false },
      planningAt8("A"),
    ],
    steps: [
      { kind: "cancelOccurrence", side: "B", colleague: false, pick: 0, occurrence: 0 },
      { kind: "run", faults: [{ kind: "transient", side: "A", target: "any", status: 429, count: 1 }] },
      { kind: "cancelOccurrence", side: "B", colleague: false, pick: 0, occurrence: 0 },
    ],
  },
  // A crash left a copy the store did not hold, and only the original's mailbox was notified afterwards: the
  // model forgot that Graph notifies the copy's creation too, so the extra copy was never read (play.ts).
  {
    startMode: "merge",
    setup: [planningAt8("A")],
    steps: [
      { kind: "run", faults: [], notified: false },
      planningAt8("A"),
      { kind: "run", faults: [{ kind: "crash", afterWrites: 1 }], notified: false },
      { kind: "update", side: "A", pick: 13, change: { field: "showAs", showAs: "busy" } },
    ],
  },
  // A crash right after creating a copy, then a person moved the copy out of the window and the original
  // changed: no listing showed the copy, and the new version gave the create a new transactionId, so the
  // next run made a second copy (src/engine/run-profile.ts: after a failed run, copies are looked up by tag).
  {
    startMode: "merge",
    setup: [planningAt8("A")],
    steps: [
      { kind: "run", faults: [{ kind: "crash", afterWrites: 1 }], notified: false },
      { kind: "editCopy", side: "B", pick: 0, change: { field: "time", day: -38, hour: 8 } },
      { kind: "update", side: "A", pick: 0, change: { field: "sensitivity", sensitivity: "normal" } },
    ],
  },
  // The same with the first (merge) run failing: the next run listed the window in full, which lacks a series
  // with no occurrence left; the series was read by id but not its (empty) instances, so the copy kept both
  // of its occurrences (src/engine/pull.ts).
  {
    startMode: "merge",
    setup: [{ kind: "createSeries", side: "B", subject: "Planning", day: 0, hour: 8, count: 2, dst: false }],
    steps: [
      { kind: "cancelOccurrence", side: "B", colleague: false, pick: 0, occurrence: 0 },
      {
        kind: "run",
        faults: [{ kind: "exhaust", side: "A", target: "DELETE", status: 429, longRetryAfter: false }],
        notified: false,
      },
      { kind: "cancelOccurrence", side: "B", colleague: false, pick: 0, occurrence: 0 },
    ],
  },
];
