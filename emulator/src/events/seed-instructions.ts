import { formatInZone } from "../calendar/timezones.js";
import type { Actor, User } from "../world/types.js";
import { WorldError } from "../world/world.js";
import type { StoredEvent } from "./model.js";
import { deleteOccurrence, updateOccurrence } from "./occurrence-writes.js";
import { seriesInWindow } from "./occurrences.js";
import type { MailboxStore } from "./store.js";
import { epochOf, instantOf } from "./times.js";

interface SeedException {
  occurrence: number;
  shiftMinutes?: number;
  subject?: string;
}

/**
 * Seed-only instructions on a recurring seed event: `seedExceptions` (move/rename the n-th occurrence,
 * counted from 0) and `seedCancelledOccurrences` (delete the n-th occurrences), applied as the owner would.
 */
export function applySeedInstructions(
  store: MailboxStore,
  owner: User,
  master: StoredEvent,
  instructions: { seedExceptions?: unknown; seedCancelledOccurrences?: unknown },
  actor: Actor,
): void {
  const exceptions = (instructions.seedExceptions ?? []) as SeedException[];
  const cancelled = (instructions.seedCancelledOccurrences ?? []) as number[];
  if (!exceptions.length && !cancelled.length) return;
  if (master.type !== "seriesMaster") throw new WorldError("seed exceptions need a recurring event");
  const first = epochOf(master.fields.start);
  const all = seriesInWindow(master, { start: instantOf(first), end: instantOf(first + 800 * 86_400_000) });
  const nth = (index: number) => {
    const view = all[index];
    if (!view) throw new WorldError(`seed event ${master.fields.subject} has no occurrence ${index}`);
    return view;
  };
  for (const exception of exceptions) {
    const view = nth(exception.occurrence);
    const shift = (exception.shiftMinutes ?? 0) * 60_000;
    const zone = master.fields.start.timeZone;
    const body: Record<string, unknown> = {
      start: formatInZone(instantOf(view.start + shift), zone),
      end: formatInZone(instantOf(view.end + shift), zone),
    };
    if (exception.subject !== undefined) body.subject = exception.subject;
    updateOccurrence(store, owner, view, body, actor);
  }
  for (const index of cancelled) deleteOccurrence(store, owner, nth(index), actor);
}
