import type { CalendarEvent, Person, ZonedTime } from "../event.js";
import { type Compiled, compiled, failed, type SpecProblem } from "./compiled.js";

/**
 * Templates for the text fields of a custom mapping: `"{organizer.name}: {subject}"`. Hand-written on
 * purpose: the grammar is one kind of token, and what crosscal needs from it is what the libraries leave
 * out: every placeholder checked against a closed list when the config is loaded (mustache and pupa only
 * notice a missing name while rendering, and render it as empty or throw then), no logic, partials or
 * lookups into arbitrary properties of the event, and escaping chosen per value (an HTML body escapes
 * the values it inserts, but not the original body it may embed).
 *
 * Syntax: `{name}` inserts a value; `{{` and `}}` stand for literal braces.
 */

const VALUES = {
  subject: (event) => event.subject,
  location: (event) => event.location,
  body: (event) => event.body.content,
  start: (event) => formatTime(event.start, event.isAllDay),
  end: (event) => formatTime(event.end, event.isAllDay),
  organizer: (event) => (event.organizer ? describePerson(event.organizer) : ""),
  "organizer.name": (event) => event.organizer?.name ?? "",
  "organizer.address": (event) => event.organizer?.address ?? "",
  attendees: (event) => event.attendees.map(describePerson).join("; "),
  showAs: (event) => event.showAs,
  sensitivity: (event) => event.sensitivity,
  importance: (event) => event.importance,
  categories: (event) => event.categories.join(", "),
  response: (event) => event.response,
  joinUrl: (event) => event.joinUrl ?? "",
} as const satisfies Record<string, (event: CalendarEvent) => string>;

export type Placeholder = keyof typeof VALUES;

export const PLACEHOLDERS = Object.keys(VALUES) as Placeholder[];

type Part = { text: string } | { placeholder: Placeholder };

/** A parsed template, ready to render against any event. */
export interface Template {
  source: string;
  parts: readonly Part[];
}

/** Everything wrong with a template, or the template; `allowed` narrows the placeholders of one field. */
export function parseTemplate(
  source: string,
  allowed: readonly Placeholder[] = PLACEHOLDERS,
): Compiled<Template> {
  const parts: Part[] = [];
  const problems: SpecProblem[] = [];
  const token = /\{\{|\}\}|\{([^{}]*)\}|[{}]/g;
  let last = 0;
  for (const match of source.matchAll(token)) {
    if (match.index > last) parts.push({ text: source.slice(last, match.index) });
    last = match.index + match[0].length;
    if (match[0] === "{{" || match[0] === "}}") {
      parts.push({ text: match[0][0]! });
    } else if (match[1] === undefined) {
      problems.push({ path: [], message: `unmatched "${match[0]}" (write {{ or }} for a literal brace)` });
    } else {
      const name = match[1].trim();
      const problem = placeholderProblem(name, allowed);
      if (problem) problems.push({ path: [], message: problem });
      else parts.push({ placeholder: name as Placeholder });
    }
  }
  if (last < source.length) parts.push({ text: source.slice(last) });
  return problems.length > 0 ? failed(problems) : compiled({ source, parts });
}

function placeholderProblem(name: string, allowed: readonly Placeholder[]): string | undefined {
  if (allowed.includes(name as Placeholder)) return undefined;
  const known = PLACEHOLDERS.includes(name as Placeholder);
  const why = known ? "cannot be used in this field" : "is not a known placeholder";
  return `{${name}} ${why}; use one of: ${allowed.map((p) => `{${p}}`).join(", ")}`;
}

/**
 * The template filled in from an event. `escapeValue` is applied to every inserted value and `literal` to the
 * template's own text, except for the placeholders listed in `raw`.
 */
export function renderTemplate(
  template: Template,
  event: CalendarEvent,
  options: {
    escapeValue?: (value: string) => string;
    literal?: (text: string) => string;
    raw?: readonly Placeholder[];
  } = {},
): string {
  const { escapeValue = same, literal = same, raw = [] } = options;
  return template.parts
    .map((part) => {
      if ("text" in part) return literal(part.text);
      const value = VALUES[part.placeholder](event);
      return raw.includes(part.placeholder) ? value : escapeValue(value);
    })
    .join("");
}

const same = (text: string) => text;

export function describePerson(person: Person): string {
  return person.name && person.name !== person.address
    ? `${person.name} <${person.address}>`
    : person.address;
}

/** "2026-06-03 09:00 (Europe/Berlin)", or just the date for an all-day event. */
function formatTime(time: ZonedTime, allDay: boolean): string {
  const date = time.dateTime.slice(0, 10);
  return allDay ? date : `${date} ${time.dateTime.slice(11, 16)} (${time.timeZone})`;
}
