import type { KnownEvents } from "../core/calendar-port.js";
import type { CopyTag, Side } from "../core/event.js";
import type { LinkState, Suppression } from "../core/plan-input.js";
import { key } from "../core/plan-input.js";
import type { Store } from "../store/database.js";
import { type Link, listLinks } from "../store/links.js";
import { listTombstones } from "../store/tombstones.js";

/** What the store remembers about a profile, in the planner's terms. */
export interface ProfileState {
  links: LinkState[];
  suppressed: Map<string, Suppression>;
}

export function toLinkState(link: Link): LinkState {
  return {
    sourceSide: link.sourceSide,
    sourceId: link.sourceId,
    targetId: link.copyId,
    owned: link.owned,
    contentHash: link.contentHash,
    copyVersion: link.copyVersion,
    ...(link.icalUid ? { sourceICalUId: link.icalUid } : {}),
    ...(link.seriesSourceId && link.originalStart
      ? { instanceOf: { seriesSourceId: link.seriesSourceId, originalStart: link.originalStart } }
      : {}),
  };
}

export async function loadProfileState(db: Store, profileId: string): Promise<ProfileState> {
  const [links, tombstones] = await Promise.all([listLinks(db, profileId), listTombstones(db, profileId)]);
  const suppressed = new Map<string, Suppression>();
  for (const tombstone of tombstones) {
    const reason = tombstone.reason === "baseline" ? "baseline" : "tombstoned";
    suppressed.set(key(tombstone.sourceSide as Side, tombstone.sourceId), {
      reason,
      ...(tombstone.icalUid ? { iCalUId: tombstone.icalUid } : {}),
    });
  }
  return { links: links.map(toLinkState), suppressed };
}

/** Ids the store knows on one side (originals and counterparts), to find what a full listing lacks. */
export function knownIds(links: LinkState[], side: Side): Set<string> {
  const ids = new Set<string>();
  for (const link of links) ids.add(link.sourceSide === side ? link.sourceId : link.targetId);
  return ids;
}

/**
 * What the store knows about one side's events: the tag of each copy crosscal made there, and `null` for
 * originals (linked, or suppressed as baseline or tombstone) and for meetings linked as the same meeting.
 * The connector then needs no read for their tag.
 */
export function knownEvents(state: ProfileState, profileId: string, side: Side): KnownEvents {
  const known = new Map<string, CopyTag | null>();
  // Occurrence links count too: delta never carries an occurrence's content, but a removal of a known
  // exception's id must be checked, not passed on unchecked.
  for (const link of state.links) {
    if (link.sourceSide === side) known.set(link.sourceId, null);
    else
      known.set(
        link.targetId,
        link.owned ? { profileId, sourceSide: link.sourceSide, sourceId: link.sourceId } : null,
      );
  }
  const prefix = key(side, "");
  for (const suppressed of state.suppressed.keys())
    if (suppressed.startsWith(prefix)) known.set(suppressed.slice(prefix.length), null);
  return known;
}
