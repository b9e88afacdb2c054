import type { Actor, User } from "../world/types.js";
import { checkRecurrence, enableOnlineMeeting, mergeExtendedProperties } from "./build.js";
import { type EventInput, readEventInput } from "./input.js";
import { announceCancelled, announceUpdated } from "./meetings.js";
import type { Attendee, EventFields, StoredEvent } from "./model.js";
import type { MailboxStore } from "./store.js";
import { validateTimes } from "./times.js";

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

/** Applies a PATCH to a single instance or series master; returns what changed, for meeting messages. */
function applyPatch(event: StoredEvent, input: EventInput) {
  const before = event.fields;
  const fields: EventFields = { ...before, ...input.fields };
  if (input.fields.attendees) fields.attendees = keepStatuses(input.fields.attendees, before.attendees);
  if (before.isOnlineMeeting) fields.isOnlineMeeting = true;
  const timesChanged = ["start", "end", "isAllDay"].some((k) => k in input.fields);
  if (timesChanged) validateTimes(fields);
  let recurrenceChanged = false;
  if (input.recurrence !== undefined) {
    const recurrence = checkRecurrence(input.recurrence, fields);
    recurrenceChanged = JSON.stringify(recurrence) !== JSON.stringify(event.recurrence);
    if (recurrence) event.recurrence = recurrence;
    else delete event.recurrence;
    event.type = recurrence ? "seriesMaster" : "singleInstance";
  } else if (timesChanged && event.recurrence && "start" in input.fields) {
    // The range's startDate follows the series start, as Outlook moves it with the first occurrence.
    event.recurrence = checkRecurrence(
      {
        ...event.recurrence,
        range: { ...event.recurrence.range, startDate: fields.start.dateTime.slice(0, 10) },
      },
      fields,
    );
  }
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
  return { before, changed, meetingChanged, changedInstances };
}

export function updateStored(
  store: MailboxStore,
  owner: User,
  event: StoredEvent,
  body: unknown,
  actor: Actor,
) {
  const input = readEventInput(body, "update");
  const { before, changed, meetingChanged, changedInstances } = applyPatch(event, input);
  const calendar = store.calendarOf(owner);
  store.commit(calendar, event, "updated", actor);
  if (meetingChanged) {
    const attendeesOnly = changed.every((k) => k === "attendees");
    announceUpdated(store, event, { before: before.attendees, attendeesOnly, changedInstances }, actor);
  }
  return event;
}

/** DELETE (or cancel) of a whole event: organizers send cancellations; attendees just remove their copy. */
export function deleteStored(store: MailboxStore, owner: User, event: StoredEvent, actor: Actor): void {
  store.removeEvent(store.calendarOf(owner), event, actor);
  announceCancelled(store, event, actor);
}
