import { type CalendarEvent, otherSide, type Side } from "./event.js";
import { key, type LinkState, type PlanInput, type Suppression } from "./plan-input.js";

/**
 * The planner's working state for one run: lookups built from the input, updated by each step as it
 * decides (a link a step removes is gone for the steps after it; an original it tombstones is suppressed).
 */
export interface PlanIndex {
  linkBySource: Map<string, LinkState>;
  linkByTarget: Map<string, LinkState>;
  /** Owned links by `${sourceSide}:${sourceICalUId}`, to spot a later invitation to the other mailbox. */
  ownedLinkByICalUId: Map<string, LinkState>;
  /** Links created this run; later steps leave them alone. */
  settled: Set<LinkState>;
  suppressed: Map<string, Suppression>;
  /** Suppressed originals' ids by `${side}:${iCalUId}`. */
  suppressedByICalUId: Map<string, string>;
  /** This run's changed events per side, last report wins. */
  changed: Record<Side, Map<string, CalendarEvent>>;
  gone: Record<Side, Set<string>>;
  /** This run's copies of this profile, by the `${sourceSide}:${sourceId}` their tag names. */
  copyBySource: Map<string, CalendarEvent>;
  /** Copies (`${side}:${id}`) a step already decided to delete. */
  doomed: Set<string>;
}

export function addLink(index: PlanIndex, link: LinkState): void {
  index.linkBySource.set(key(link.sourceSide, link.sourceId), link);
  index.linkByTarget.set(key(otherSide(link.sourceSide), link.targetId), link);
  if (link.owned && link.sourceICalUId)
    index.ownedLinkByICalUId.set(key(link.sourceSide, link.sourceICalUId), link);
}

/** The link will not exist once this run's actions are executed. */
export function dropLink(index: PlanIndex, link: LinkState): void {
  index.linkBySource.delete(key(link.sourceSide, link.sourceId));
  index.linkByTarget.delete(key(otherSide(link.sourceSide), link.targetId));
  if (link.sourceICalUId) index.ownedLinkByICalUId.delete(key(link.sourceSide, link.sourceICalUId));
}

export function suppress(index: PlanIndex, side: Side, id: string, suppression: Suppression): void {
  index.suppressed.set(key(side, id), suppression);
  if (suppression.iCalUId) index.suppressedByICalUId.set(key(side, suppression.iCalUId), id);
}

const changedById = (events: CalendarEvent[]) => new Map(events.map((event) => [event.id, event]));

export function buildIndex(input: PlanInput): PlanIndex {
  const index: PlanIndex = {
    linkBySource: new Map(),
    linkByTarget: new Map(),
    ownedLinkByICalUId: new Map(),
    settled: new Set(),
    suppressed: new Map(),
    suppressedByICalUId: new Map(),
    changed: { A: changedById(input.changes.A.changed), B: changedById(input.changes.B.changed) },
    gone: { A: new Set(input.changes.A.gone), B: new Set(input.changes.B.gone) },
    copyBySource: new Map(),
    doomed: new Set(),
  };
  for (const link of input.links) addLink(index, link);
  for (const [suppressedKey, suppression] of input.suppressed) {
    const separator = suppressedKey.indexOf(":");
    suppress(
      index,
      suppressedKey.slice(0, separator) as Side,
      suppressedKey.slice(separator + 1),
      suppression,
    );
  }
  for (const side of ["A", "B"] as const) {
    for (const event of index.changed[side].values()) {
      // Instances of a copy series carry its tag too; the copy of a series is its master, never one of them.
      const isInstance = event.kind === "occurrence" || event.kind === "exception";
      if (event.tag?.profileId === input.profileId && !isInstance) {
        index.copyBySource.set(key(event.tag.sourceSide, event.tag.sourceId), event);
      }
    }
  }
  return index;
}
