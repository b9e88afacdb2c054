import type { Actor, User } from "../world/types.js";
import { checkRecurrence, enableOnlineMeeting, mergeExtendedProperties } from "./build.js";
import { type EventInput, readEventInput } from "./input.js";
import { announceCancelled, announceUpdated } from "./meetings.js";
import type { Attendee, EventFields, StoredEvent } from "./model.js";
import type { MailboxStore } from "./store.js";
import { epochOf, localDate, validateTimes } from "./times.js";

/** Fields that belong to the owner's own copy: changing them sends no meeting update. */
const PERSONAL = new Set<keyof EventFields>([
  "categories",
  "isReminderOn",
  "reminderMinutesBeforeStart",
  "showAs",
]);

/** Attendees keep the response they gave when the list is rewritten. */
function keepStatuses(next: Attendee[], previous: Attendee[]): Attendee[] {
  return next.map((attendee) => {
    const address = attendee.emailAddress.address.toLowerCase();
    const old = previous.find((a) => a.emailAddress.address.toLowerCase() === address);
    return old ? { ...attendee, status: { ...old.status } } : attendee;
  });
}

function changedKeys(before: EventFields, after: EventFields): Array<keyof EventFields> {
  return (Object.keys(after) as Array<keyof EventFields>).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

/**
 * A PATCH's effect on the recurrence: set, removed (the series becomes a single instance), or kept with
 * its range's startDate following a moved series start (the date in the recurrence's own zone). May move
 * `fields` start and end to the first occurrence (see checkRecurrence). Returns whether it changed.
 */
function patchRecurrence(event: StoredEvent, input: EventInput, fields: EventFields): boolean {
  if (input.recurrence !== undefined) {
    const recurrence = checkRecurrence(input.recurrence, fields);
    const changed = JSON.stringify(recurrence) !== JSON.stringify(event.recurrence);
    if (recurrence) event.recurrence = recurrence;
    else delete event.recurrence;
    event.type = recurrence ? "seriesMaster" : "singleInstance";
    return changed;
  }
  if (event.recurrence && "start" in input.fields) {
    const { range } = event.recurrence;
    const startDate = localDate(epochOf(fields.start), range.recurrenceTimeZone ?? fields.start.timeZone);
    event.recurrence = checkRecurrence({ ...event.recurrence, range: { ...range, startDate } }, fields);
  }
  return false;
}

/** Applies a PATCH to a single instance or series master; returns what changed, for meeting messages. */
function applyPatch(event: StoredEvent, input: EventInput) {
  const before = event.fields;
  const fields: EventFields = { ...before, ...input.fields };
  if (input.fields.attendees) fields.attendees = keepStatuses(input.fields.attendees, before.attendees);
  if (before.isOnlineMeeting) fields.isOnlineMeeting = true;
  const timesChanged = ["start", "end", "isAllDay"].some((k) => k in input.fields);
  if (timesChanged) validateTimes(fields);
  const recurrenceChanged = patchRecurrence(event, input, fields);
  const changedInstances = event.exceptions.size;
  if (
    event.type === "seriesMaster" &&
    (recurrenceChanged || changedKeys(before, fields).some((k) => k === "start" || k === "end"))
  ) {
    // Exchange drops a series' exceptions and deleted occurrences when its pattern or times change.
    event.exceptions.clear();
    event.cancelledOccurrences.clear();
  }
  event.fields = fields;
  event.originalStartTimeZone = fields.start.timeZone;
  event.originalEndTimeZone = fields.end.timeZone;
  if (fields.isOnlineMeeting) enableOnlineMeeting(event);
  if (input.extendedProperties) mergeExtendedProperties(event, input.extendedProperties);
  const changed = changedKeys(before, fields);
  const meetingChanged = recurrenceChanged || changed.some((k) => !PERSONAL.has(k));
  return { before, changed, meetingChanged, changedInstances, recurrenceChanged };
}

export function updateStored(
  store: MailboxStore,
  owner: User,
  event: StoredEvent,
  body: unknown,
  actor: Actor,
) {
  const input = readEventInput(body, "update");
  const { before, changed, meetingChanged, changedInstances, recurrenceChanged } = applyPatch(event, input);
  const calendar = store.calendarOf(owner);
  store.commit(calendar, event, "updated", actor);
  if (meetingChanged) {
    // Exchange sends only the changed attendees an update when nothing but the attendee list changed.
    const meetingKeys = changed.filter((k) => !PERSONAL.has(k));
    const attendeesOnly =
      !recurrenceChanged && meetingKeys.length > 0 && meetingKeys.every((k) => k === "attendees");
    announceUpdated(store, event, { before: before.attendees, attendeesOnly, changedInstances }, actor);
  }
  return event;
}

/** DELETE (or cancel) of a whole event: organizers send cancellations; attendees just remove their copy. */
export function deleteStored(store: MailboxStore, owner: User, event: StoredEvent, actor: Actor): void {
  store.removeEvent(store.calendarOf(owner), event, actor);
  announceCancelled(store, event, actor);
}
