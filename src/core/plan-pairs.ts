import type { Action } from "./actions.js";
import { type CalendarEvent, otherSide, type Side } from "./event.js";
import { addLink, dropLink, type PlanIndex } from "./plan-index.js";
import { key, type LinkState } from "./plan-input.js";

/** A link between two halves of one meeting that both mailboxes hold (nothing is written to either). */
function linkMeeting(
  index: PlanIndex,
  sourceSide: Side,
  sourceId: string,
  targetId: string,
  iCalUId: string,
): Action {
  const link: LinkState = {
    sourceSide,
    sourceId,
    targetId,
    owned: false,
    contentHash: "",
    copyVersion: "",
    sourceICalUId: iCalUId,
  };
  addLink(index, link);
  index.settled.add(link);
  return { type: "link", sourceSide, sourceId, targetId, owned: false, reason: "same-icaluid", iCalUId };
}

const isLinked = (index: PlanIndex, side: Side, id: string) =>
  index.linkBySource.has(key(side, id)) || index.linkByTarget.has(key(side, id));

/** Both mailboxes report the same meeting in this run and neither is linked yet. */
function pairBoth(index: PlanIndex, a: CalendarEvent, b: CalendarEvent): Action[] {
  if (isLinked(index, "A", a.id) || isLinked(index, "B", b.id)) return [];
  return [linkMeeting(index, "A", a.id, b.id, a.iCalUId!)];
}

/**
 * `event` arrived on `side` while crosscal already holds its meeting from the other side: as the source of
 * a copy (the copy is replaced by the real invitation), or as an original not to copy (tombstone, baseline).
 */
function pairWithKnown(index: PlanIndex, side: Side, event: CalendarEvent): Action[] {
  if (isLinked(index, side, event.id)) return [];
  const other = otherSide(side);
  const owned = index.ownedLinkByICalUId.get(key(other, event.iCalUId!));
  if (owned) {
    dropLink(index, owned);
    index.doomed.add(key(side, owned.targetId));
    const deleteCopy: Action = {
      type: "delete",
      sourceSide: owned.sourceSide,
      sourceId: owned.sourceId,
      copyId: owned.targetId,
      reason: "replaced-by-invitation",
    };
    return [deleteCopy, linkMeeting(index, owned.sourceSide, owned.sourceId, event.id, event.iCalUId!)];
  }
  const suppressedId = index.suppressedByICalUId.get(key(other, event.iCalUId!));
  if (suppressedId && !isLinked(index, other, suppressedId) && !index.gone[other].has(suppressedId)) {
    return [linkMeeting(index, other, suppressedId, event.id, event.iCalUId!)];
  }
  return [];
}

/**
 * One invitation sent to both of a person's mailboxes is the same meeting (same iCalUId) on both sides:
 * link the two instead of copying either, whichever order they arrive in.
 */
export function planInvitationPairs(index: PlanIndex): Action[] {
  const actions: Action[] = [];
  const newOriginals = (side: Side) =>
    [...index.changed[side].values()].filter(
      (event) => !event.tag && event.iCalUId && event.kind !== "occurrence" && event.kind !== "exception",
    );
  const inB = new Map<string, CalendarEvent>();
  for (const event of newOriginals("B")) inB.set(event.iCalUId!, event);
  for (const a of newOriginals("A")) {
    const b = inB.get(a.iCalUId!);
    if (b) actions.push(...pairBoth(index, a, b));
  }
  for (const side of ["A", "B"] as const) {
    for (const event of newOriginals(side)) actions.push(...pairWithKnown(index, side, event));
  }
  return actions;
}
