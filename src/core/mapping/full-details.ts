import type { Attendee, CalendarEvent, EventContent } from "../event.js";
import { type MappingOptions, reminderField, timeFields } from "./mapping.js";

/**
 * Copies carry no attendees (writing them would email every one of them), so the full-details preset
 * lists them at the end of the body instead, with the organizer and the join link.
 */
function meetingFooter(original: CalendarEvent): string {
  const lines: string[] = [];
  if (original.organizer) lines.push(`Organizer: ${describe(original.organizer)}`);
  if (original.attendees.length > 0) {
    lines.push(`Attendees: ${original.attendees.map((attendee: Attendee) => describe(attendee)).join("; ")}`);
  }
  if (original.joinUrl) lines.push(`Join: ${original.joinUrl}`);
  return lines.join("\n");
}

function describe(person: { name: string; address: string }): string {
  return person.name && person.name !== person.address
    ? `${person.name} <${person.address}>`
    : person.address;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function bodyWithFooter(original: CalendarEvent): EventContent["body"] {
  const footer = meetingFooter(original);
  if (!footer) return original.body;
  if (original.body.type === "html") {
    const html = escapeHtml(footer).replace(/\n/g, "<br>");
    return { type: "html", content: `${original.body.content}<hr><p>${html}</p>` };
  }
  const separator = original.body.content ? "\n\n---\n" : "";
  return { type: "text", content: `${original.body.content}${separator}${footer}` };
}

/** The "full details" preset: everything a person sees in the original, attendees listed in the body. */
export function fullDetailsMapping(original: CalendarEvent, options: MappingOptions): EventContent {
  return {
    ...timeFields(original),
    ...reminderField(original, options),
    subject: original.subject,
    body: bodyWithFooter(original),
    location: original.location,
    importance: original.importance,
    categories: [...original.categories],
  };
}
