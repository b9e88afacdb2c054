import type { GraphEventPayload } from "./mapping.js";
import { isStub } from "./mapping.js";

/**
 * What one calendarView/delta round said, before anything is fetched. Rounds may list an item several
 * times and in any order (delta-query-overview), so the last mention of an id wins.
 */
export interface RoundSummary {
  /** Single events and series masters with a payload, by id. */
  events: Map<string, GraphEventPayload>;
  /** Series whose instances must be re-read: a master in the round, or one an instance stub points to. */
  series: Set<string>;
  /** Ids reported `@removed`: deleted, or changed outside the window (Gotcha 3), to be told apart. */
  removed: Set<string>;
}

export function summarizeRound(items: Iterable<GraphEventPayload>): RoundSummary {
  const summary: RoundSummary = { events: new Map(), series: new Set(), removed: new Set() };
  for (const item of items) {
    const id = item.id;
    if (!id) throw new Error(`calendarView/delta returned an item without an id: ${JSON.stringify(item)}`);
    if (item["@removed"]) {
      summary.events.delete(id);
      summary.removed.add(id);
      continue;
    }
    summary.removed.delete(id);
    if (isStub(item) || item.type === "occurrence" || item.type === "exception") {
      // Instances are never taken from delta: stubs lack content, and a series' cancelled occurrences
      // only show by their absence from a fresh /instances listing (Gotcha 2).
      if (!item.seriesMasterId) throw new Error(`delta returned instance ${id} without its seriesMasterId`);
      summary.series.add(item.seriesMasterId);
      continue;
    }
    summary.events.set(id, item);
    if (item.type === "seriesMaster") summary.series.add(id);
  }
  return summary;
}
