import type { Action } from "./actions.js";
import { otherSide, type Side } from "./event.js";
import { dropLink, type PlanIndex, suppress } from "./plan-index.js";
import { key, type LinkState, type PlanInput } from "./plan-input.js";

/** A tombstone: the original is suppressed from now on (in this run's later steps too). */
function tombstone(
  index: PlanIndex,
  link: LinkState,
  side: Side,
  id: string,
  goneId: string,
  reason: "copy-deleted" | "counterpart-deleted",
): Action {
  const iCalUId = link.sourceICalUId ? { iCalUId: link.sourceICalUId } : {};
  suppress(index, side, id, { reason: "tombstoned", ...iCalUId });
  return { type: "tombstone", sourceSide: side, sourceId: id, copyId: goneId, reason, ...iCalUId };
}

/**
 * One half of a meeting both mailboxes held was deleted by a person: like a deleted copy, that is respected,
 * so the remaining half is tombstoned instead of being copied back.
 */
function halfGone(index: PlanIndex, link: LinkState, goneSide: Side, goneId: string): Action[] {
  const sourceGone = goneSide === link.sourceSide;
  const remaining = sourceGone
    ? { side: otherSide(goneSide), id: link.targetId }
    : { side: link.sourceSide, id: link.sourceId };
  const reason = sourceGone ? "original-deleted" : "counterpart-deleted";
  return [
    { type: "unlink", sourceSide: link.sourceSide, sourceId: link.sourceId, reason },
    tombstone(index, link, remaining.side, remaining.id, goneId, "counterpart-deleted"),
  ];
}

/** An original that is gone takes its copy with it. */
function originalGone(index: PlanIndex, side: Side, id: string): Action[] {
  const link = index.linkBySource.get(key(side, id));
  if (!link) return [];
  dropLink(index, link);
  if (!link.owned) return halfGone(index, link, side, id);
  index.doomed.add(key(otherSide(side), link.targetId));
  return [
    { type: "delete", sourceSide: side, sourceId: id, copyId: link.targetId, reason: "original-deleted" },
  ];
}

/**
 * Would crosscal itself have deleted this copy, its original (reported this run) being cancelled or skipped
 * by the rules? Then the copy is gone because a run deleted it and stopped before recording that (a crash),
 * not because a person did.
 */
function deletedByCrosscal(input: PlanInput, index: PlanIndex, link: LinkState): boolean {
  const source = index.changed[link.sourceSide].get(link.sourceId);
  return source !== undefined && (source.isCancelled || !input.policy.rules(source).pass);
}

/** A copy a person deleted stays deleted (tombstone); the original is left alone. */
function counterpartGone(input: PlanInput, index: PlanIndex, side: Side, id: string): Action[] {
  const link = index.linkByTarget.get(key(side, id));
  if (!link) return [];
  dropLink(index, link);
  if (!link.owned) return halfGone(index, link, side, id);
  if (deletedByCrosscal(input, index, link))
    return [
      { type: "unlink", sourceSide: link.sourceSide, sourceId: link.sourceId, reason: "counterpart-deleted" },
    ];
  return [tombstone(index, link, link.sourceSide, link.sourceId, id, "copy-deleted")];
}

/** Deletions are planned first, so that later steps never write to something that is gone. */
export function planRemovals(input: PlanInput, index: PlanIndex): Action[] {
  const actions: Action[] = [];
  for (const side of ["A", "B"] as const) {
    for (const id of index.gone[side]) actions.push(...originalGone(index, side, id));
  }
  for (const side of ["A", "B"] as const) {
    for (const id of index.gone[side]) actions.push(...counterpartGone(input, index, side, id));
  }
  return actions;
}
