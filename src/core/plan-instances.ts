import type { Action } from "./actions.js";
import { contentHash } from "./content-hash.js";
import { type CalendarEvent, otherSide, type Side } from "./event.js";
import type { PlanIndex } from "./plan-index.js";
import { key, type PlanInput } from "./plan-input.js";
import { occurrenceContent } from "./rules/content-for.js";

/** Original starts compare as instants: providers spell the same UTC time in several ways. */
const instantOf = (event: CalendarEvent) =>
  event.originalStart ? Date.parse(event.originalStart) : Number.NaN;

function exceptionUpdate(
  input: PlanInput,
  index: PlanIndex,
  side: Side,
  seriesId: string,
  source: CalendarEvent,
  copy: CalendarEvent,
): Action[] {
  const { recurrence: _pattern, ...content } = occurrenceContent(input.policy, source);
  const hash = contentHash(content);
  const link = index.linkBySource.get(key(side, source.id));
  const edited = link !== undefined && link.copyVersion !== copy.version;
  if (link && link.contentHash === hash && !edited) return [];
  return [
    {
      type: "update",
      sourceSide: side,
      sourceId: source.id,
      copyId: copy.id,
      content,
      contentHash: hash,
      reason: link && link.contentHash === hash ? "copy-edited" : "original-changed",
      instance: { seriesSourceId: seriesId, originalStart: source.originalStart! },
    },
  ];
}

/**
 * A copy series carries the original's pattern; this step carries its exceptions (moved or edited
 * occurrences) onto the copy's instances and removes the copy's instances whose original occurrence was
 * cancelled (providers report no deletion for those: they are simply missing from the refreshed series).
 */
function planSeries(input: PlanInput, index: PlanIndex, side: Side, seriesId: string): Action[] {
  const link = index.linkBySource.get(key(side, seriesId));
  if (!link?.owned || index.settled.has(link) || index.doomed.has(key(otherSide(side), link.targetId)))
    return [];
  const copies = input.copyInstances?.[link.targetId];
  if (!copies) return [];
  const sources = [...index.changed[side].values()].filter((event) => event.seriesId === seriesId);
  const copyAt = new Map(copies.map((copy) => [instantOf(copy), copy]));
  const sourceStarts = new Set(sources.map(instantOf));
  const actions: Action[] = [];
  for (const source of sources) {
    const copy = copyAt.get(instantOf(source));
    if (source.kind === "exception" && copy)
      actions.push(...exceptionUpdate(input, index, side, seriesId, source, copy));
  }
  for (const copy of copies) {
    if (sourceStarts.has(instantOf(copy))) continue;
    actions.push({
      type: "delete",
      sourceSide: side,
      sourceId: seriesId,
      copyId: copy.id,
      reason: "occurrence-cancelled",
    });
  }
  return actions;
}

export function planSeriesInstances(input: PlanInput, index: PlanIndex): Action[] {
  const actions: Action[] = [];
  for (const side of ["A", "B"] as const) {
    for (const seriesId of input.changes[side].refreshedSeries ?? [])
      actions.push(...planSeries(input, index, side, seriesId));
  }
  return actions;
}

/** The copy series whose instances the engine must read before planning (their originals were refreshed). */
export function copySeriesToRead(input: PlanInput): Array<{ side: Side; seriesId: string }> {
  const links = new Map(input.links.map((link) => [key(link.sourceSide, link.sourceId), link]));
  return (["A", "B"] as const).flatMap((side) =>
    (input.changes[side].refreshedSeries ?? []).flatMap((seriesId) => {
      const link = links.get(key(side, seriesId));
      return link?.owned ? [{ side: otherSide(side), seriesId: link.targetId }] : [];
    }),
  );
}
