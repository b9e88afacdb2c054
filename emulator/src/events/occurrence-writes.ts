import { formatInZone } from "../calendar/timezones.js";
import { GraphError } from "../graph/errors.js";
import { newChangeKey } from "../ids.js";
import type { Actor, User } from "../world/types.js";
import { readEventInput } from "./input.js";
import { announceOccurrence } from "./meetings.js";
import type { EventFields, EventView, StoredException } from "./model.js";
import { neighbours } from "./occurrences.js";
import type { MailboxStore } from "./store.js";
import { epochOf, instantOf, localDate, validateTimes } from "./times.js";

type OccurrenceView = Extract<EventView, { kind: "occurrence" }>;

function crossingBoundary(): GraphError {
  return new GraphError(
    400,
    "ErrorOccurrenceCrossingBoundary",
    "Modified occurrence is crossing or overlapping adjacent occurrence.",
  );
}

/**
 * Outlook's rule for exceptions: an occurrence can't move to or before the day of the previous occurrence,
 * nor to or after the day of the next one (days in the series' own zone).
 */
function checkBoundaries(view: OccurrenceView, start: number): void {
  const zone = view.master.fields.start.timeZone;
  const { previous, next } = neighbours(view.master, view.originalStart);
  const day = localDate(start, zone);
  if (previous && day <= localDate(previous.start, zone)) throw crossingBoundary();
  if (next && day >= localDate(next.start, zone)) throw crossingBoundary();
}

/** PATCH on an occurrence id: creates the exception, or updates it. The master publishes the change. */
export function updateOccurrence(
  store: MailboxStore,
  owner: User,
  view: OccurrenceView,
  body: unknown,
  actor: Actor,
) {
  const input = readEventInput(body, "update");
  const { master } = view;
  const overrides: Partial<EventFields> = { ...view.exception?.overrides, ...input.fields };
  delete (overrides as Record<string, unknown>).attendees;
  const merged: EventFields = { ...master.fields, ...overrides };
  let { start, end } = view;
  if (input.fields.start || input.fields.end) {
    merged.start = overrides.start ?? inZone(view.start, master.fields.start.timeZone);
    merged.end = overrides.end ?? inZone(view.end, master.fields.end.timeZone);
    validateTimes(merged);
    start = epochOf(merged.start);
    end = epochOf(merged.end);
    overrides.start = merged.start;
    overrides.end = merged.end;
    checkBoundaries(view, start);
  }
  const now = store.now();
  const exception: StoredException = {
    originalStart: view.originalStart,
    start,
    end,
    changeKey: newChangeKey(),
    createdDateTime: view.exception?.createdDateTime ?? now,
    lastModifiedDateTime: now,
    overrides,
  };
  master.exceptions.set(view.originalStart, exception);
  store.commit(store.calendarOf(owner), master, "updated", actor);
  announceOccurrence(store, master, "updates", actor);
  return { ...view, start, end, exception };
}

/** An occurrence's current time, written in the zone the series uses. */
const inZone = (epochMs: number, zone: string) => formatInZone(instantOf(epochMs), zone);

/** DELETE (or cancel) of an occurrence: it disappears from the series; only the master shows the change. */
export function deleteOccurrence(store: MailboxStore, owner: User, view: OccurrenceView, actor: Actor): void {
  const { master } = view;
  master.cancelledOccurrences.add(view.originalStart);
  master.exceptions.delete(view.originalStart);
  store.commit(store.calendarOf(owner), master, "updated", actor);
  announceOccurrence(store, master, "cancellations", actor);
}
