import type { Action } from "./actions.js";
import { type CalendarEvent, otherSide, type Side } from "./event.js";
import { planCopy } from "./plan-copies.js";
import { buildIndex } from "./plan-index.js";
import type { PlanInput } from "./plan-input.js";
import { planSeriesInstances } from "./plan-instances.js";
import { planOriginal } from "./plan-originals.js";
import { planInvitationPairs } from "./plan-pairs.js";
import { planRemovals } from "./plan-removals.js";

/**
 * The pure planner: compares what the store remembers (links, tombstones, baseline) with what both
 * mailboxes report this run and returns the closed set of actions that brings them in line with the sync
 * semantics. It performs nothing and reads no clock; the engine executes and records the actions.
 *
 * Order matters: deletions first (never write to what is gone), then meetings present in both mailboxes
 * (never copy what is already there), then originals, then copies.
 */
export function plan(input: PlanInput): Action[] {
  const index = buildIndex(input);
  const actions = [...planRemovals(input, index), ...planInvitationPairs(index)];
  for (const side of ["A", "B"] as const) {
    for (const event of index.changed[side].values()) {
      if (index.gone[side].has(event.id)) continue;
      actions.push(
        ...(event.tag ? planCopy(input, index, side, event) : planOriginal(input, index, side, event)),
      );
    }
  }
  actions.push(...planSeriesInstances(input, index));
  return actions;
}

/**
 * Only the series step: after copies of series were created in a run, their exceptions and cancelled
 * occurrences are applied at once rather than waiting for the original to change again.
 */
export function planInstancesOnly(input: PlanInput): Action[] {
  return planSeriesInstances(input, buildIndex(input));
}

/**
 * Only a meeting with attendees, or one received as an invitation, can be in another mailbox under the same
 * iCalUId: a person's own appointment was never sent anywhere.
 */
const isInvitation = (event: CalendarEvent) => !event.isOrganizer || event.attendees.length > 0;

/**
 * Meetings to look for before creating copies: a copy would duplicate a meeting the target mailbox already
 * holds (same iCalUId) without it having changed this run. The engine looks these up, adds what it finds to
 * the target side's changes, and plans again; the second plan links instead of copying.
 */
export function meetingsToLookUp(actions: Action[]): Array<{ side: Side; iCalUId: string }> {
  return actions.flatMap((action) =>
    action.type === "create" && action.source.iCalUId && isInvitation(action.source)
      ? [{ side: otherSide(action.sourceSide), iCalUId: action.source.iCalUId }]
      : [],
  );
}
