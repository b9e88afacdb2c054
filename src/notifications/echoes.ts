import type { Side } from "../core/event.js";
import type { Store } from "../store/database.js";
import { findLinkOfEvent, type Link } from "../store/links.js";

/** What a change notification says happened to one event in one of a profile's mailboxes. */
export interface ChangeHint {
  side: Side;
  eventId: string;
  changeType: "created" | "updated" | "deleted";
  /** The event's version after the change (Graph: `resourceData["@odata.etag"]`), when given. */
  version?: string;
}

/**
 * Whether the store already reflects this change, so that no run (and no Graph request) is needed: crosscal's
 * own write to a copy (the version it recorded), an original already mirrored at this version (Exchange
 * follows a `created` with an `updated`), or the deletion of an event the profile does not know (a copy
 * crosscal deleted itself, or an event no run ever saw).
 */
export function alreadyReflected(link: Link | undefined, hint: ChangeHint): boolean {
  if (!link) return hint.changeType === "deleted";
  if (hint.changeType === "deleted" || hint.version === undefined) return false;
  const isSource = link.sourceSide === hint.side && link.sourceId === hint.eventId;
  return hint.version === (isSource ? link.sourceVersion : link.copyVersion);
}

/**
 * The mailboxes of a profile that notifications say changed, leaving out echoes of what it already holds.
 * Each event's link is looked up once: Exchange tells of one write with several notifications (`created`
 * then `updated`), often in the same POST.
 */
export async function sidesToRun(db: Store, profileId: string, hints: ChangeHint[]): Promise<Side[]> {
  const sides = new Set<Side>();
  const links = new Map<string, Link | undefined>();
  for (const hint of hints) {
    if (sides.has(hint.side)) continue;
    const key = `${hint.side}:${hint.eventId}`;
    if (!links.has(key)) links.set(key, await findLinkOfEvent(db, profileId, hint.side, hint.eventId));
    if (!alreadyReflected(links.get(key), hint)) sides.add(hint.side);
  }
  return [...sides].sort();
}
