import type { CalendarEvent, EventContent } from "../event.js";

/** Turns an original into the content of its copy. Pure; one small file per transformer. */
export type Mapping = (original: CalendarEvent, options: MappingOptions) => EventContent;

export interface MappingOptions {
  /** Copies carry reminders only when asked: a person with two mailboxes should not be reminded twice. */
  reminders: boolean;
}

/** The fields every preset keeps: when the time is blocked, and how. */
export function timeFields(original: CalendarEvent) {
  return {
    start: original.start,
    end: original.end,
    isAllDay: original.isAllDay,
    showAs: original.showAs,
    sensitivity: original.sensitivity,
    ...(original.recurrence ? { recurrence: original.recurrence } : {}),
  };
}

export function reminderField(original: CalendarEvent, options: MappingOptions) {
  return { reminder: options.reminders ? original.reminder : { on: false, minutesBefore: 0 } };
}
