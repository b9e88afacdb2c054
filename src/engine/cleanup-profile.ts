import { randomUUID } from "node:crypto";
import type { CalendarPort } from "../core/calendar-port.js";
import type { Side } from "../core/event.js";
import { deleteCursor } from "../store/cursors.js";
import { type Store, transaction } from "../store/database.js";
import { acquireLease, releaseLease } from "../store/leases.js";
import { deleteLinksOfProfile } from "../store/links.js";
import { setProfileBaseline, updateProfileStatus } from "../store/profiles.js";
import { deleteTombstonesOfProfile } from "../store/tombstones.js";

const LEASE_MS = 10 * 60_000;

/** Another run holds the profile: cleaning now would race its writes. */
export class ProfileBusyError extends Error {
  override readonly name = "ProfileBusyError";
}

export interface CleanupTarget {
  id: string;
  mailboxA: string;
  mailboxB: string;
}

export type Removed = Record<Side, number>;

/**
 * Removes every copy crosscal made for a profile from both mailboxes, found by their tag (so it works
 * even when the store was lost: pass no `db`), then forgets the profile's sync state and pauses it, so
 * nothing starts it again by itself. Its history stays. Holds the profile's lease throughout; a profile
 * being run is refused with ProfileBusyError. On failure nothing is forgotten: cleaning again finishes.
 */
export async function cleanupProfile(
  db: Store | undefined,
  ports: Record<Side, CalendarPort>,
  target: CleanupTarget,
  resumeHint: string,
  now: () => Date = () => new Date(),
): Promise<Removed> {
  const owner = `cleanup-${randomUUID()}`;
  if (db && !(await acquireLease(db, { profileId: target.id, owner, ttlMs: LEASE_MS }, now()))) {
    throw new ProfileBusyError("a sync is running this profile right now; try again when it has finished");
  }
  try {
    const removed = { A: await removeCopies(ports, "A", target), B: await removeCopies(ports, "B", target) };
    if (db) await forget(db, target.id, removed.A + removed.B, resumeHint, now());
    return removed;
  } finally {
    if (db) await releaseLease(db, target.id, owner);
  }
}

/** Deletes the copies of `target` found in mailbox `side`; a series' instances go with their master. */
async function removeCopies(ports: Record<Side, CalendarPort>, side: Side, target: CleanupTarget) {
  const mailbox = side === "A" ? target.mailboxA : target.mailboxB;
  try {
    const copies = await ports[side].findCopies(target.id);
    const masters = new Set(copies.filter((c) => c.kind === "series").map((c) => c.id));
    const own = copies.filter((c) => !(c.seriesId !== undefined && masters.has(c.seriesId)));
    for (const copy of own) await ports[side].delete(copy.id);
    return own.length;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`cleaning mailbox ${side} (${mailbox}): ${detail}`, { cause: error });
  }
}

/** The profile's sync state goes (its history stays); paused, so nothing starts it again by itself. */
async function forget(db: Store, profileId: string, removed: number, resumeHint: string, now: Date) {
  await transaction(db, async (trx) => {
    await deleteLinksOfProfile(trx, profileId);
    await deleteTombstonesOfProfile(trx, profileId);
    for (const side of ["A", "B"] as const) await deleteCursor(trx, profileId, side);
    await setProfileBaseline(trx, profileId, null, now);
    const reason = `cleaned up at ${now.toISOString()} (${removed} copies removed); ${resumeHint}`;
    await updateProfileStatus(trx, profileId, "paused", reason, now);
  });
}
