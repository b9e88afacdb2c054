import type { Action } from "./actions.js";
import type { CalendarEvent, Side } from "./event.js";
import type { PlanIndex } from "./plan-index.js";
import { key, type PlanInput } from "./plan-input.js";

/**
 * A copy reported changed: another profile's copy is never copied (no loops); our own echo needs nothing;
 * a copy whose original is gone, or a second copy of one original, is deleted. Edited copies are restored by
 * the original's step (it sees the copy's new version), so nothing is decided here for them.
 */
export function planCopy(input: PlanInput, index: PlanIndex, side: Side, copy: CalendarEvent): Action[] {
  const tag = copy.tag!;
  if (tag.profileId !== input.profileId) {
    return [{ type: "skip", side, eventId: copy.id, reason: "copy-of-other-profile", detail: tag.profileId }];
  }
  // Instances of a copy series are reconciled with their series, never as copies of their own.
  if (copy.kind === "occurrence" || copy.kind === "exception") return [];
  if (index.doomed.has(key(side, copy.id))) return [];
  const link = index.linkBySource.get(key(tag.sourceSide, tag.sourceId));
  const orphan = {
    type: "delete",
    sourceSide: tag.sourceSide,
    sourceId: tag.sourceId,
    copyId: copy.id,
    reason: "orphan-copy",
  } as const;
  if (link) return link.owned && link.targetId !== copy.id && !index.settled.has(link) ? [orphan] : [];
  return index.gone[tag.sourceSide].has(tag.sourceId) ? [orphan] : [];
}

/**
 * Originals the engine must read before planning: those of copies a person edited (to restore them) and of
 * copies with no link (written just before a crash), when the original itself did not change this run.
 */
export function originalsToFetch(input: PlanInput): Array<{ side: Side; id: string }> {
  const wanted = new Map<string, { side: Side; id: string }>();
  const links = new Map(input.links.map((link) => [key(link.sourceSide, link.sourceId), link]));
  for (const side of ["A", "B"] as const) {
    for (const copy of input.changes[side].changed) {
      const tag = copy.tag;
      if (tag?.profileId !== input.profileId) continue;
      const source = input.changes[tag.sourceSide];
      if (source.gone.includes(tag.sourceId) || source.changed.some((event) => event.id === tag.sourceId))
        continue;
      const link = links.get(key(tag.sourceSide, tag.sourceId));
      const edited = link?.owned && link.targetId === copy.id && link.copyVersion !== copy.version;
      if (!link || edited)
        wanted.set(key(tag.sourceSide, tag.sourceId), { side: tag.sourceSide, id: tag.sourceId });
    }
  }
  return [...wanted.values()];
}
