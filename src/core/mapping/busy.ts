import type { CalendarEvent, EventContent } from "../event.js";
import { type MappingOptions, reminderField, timeFields } from "./mapping.js";

/** The "busy" preset: the time is blocked and nothing else is revealed. */
export function busyMapping(original: CalendarEvent, options: MappingOptions): EventContent {
  return {
    ...timeFields(original),
    ...reminderField(original, options),
    subject: "Busy",
    body: { type: "text", content: "" },
    location: "",
    importance: "normal",
    categories: [],
  };
}
