import type { CalendarEvent, Response, Sensitivity, ShowAs } from "../event.js";
import { type Compiled, compiled, failed, type SpecProblem } from "../mapping/compiled.js";
import { RESPONSES, SENSITIVITIES, SHOW_AS } from "../mapping/vocabulary.js";
import { toInstant } from "../window.js";

/**
 * What a rule looks at. Every condition given must hold; lists match when the event has any of their
 * values. Text comparisons ignore case (Outlook does too).
 */
export interface RuleConditions {
  subject?: { contains?: string; equals?: string; matches?: string };
  sensitivity?: Sensitivity[];
  showAs?: ShowAs[];
  isAllDay?: boolean;
  /** Any of these categories (names compared without case). */
  categories?: string[];
  /** The mailbox owner's own response to the meeting. */
  response?: Response[];
  /** Organizer addresses (with "@") or domains (without). */
  organizer?: string[];
  isOrganizer?: boolean;
  /** A series' master, occurrence or exception. */
  isRecurring?: boolean;
  /** Length of the event (of each occurrence, for a series), bounds included. */
  duration?: { minimumMinutes?: number; maximumMinutes?: number };
  isCancelled?: boolean;
}

export const CONDITIONS = [
  "subject",
  "sensitivity",
  "showAs",
  "isAllDay",
  "categories",
  "response",
  "organizer",
  "isOrganizer",
  "isRecurring",
  "duration",
  "isCancelled",
] as const satisfies readonly (keyof RuleConditions)[];

type Test = (event: CalendarEvent) => boolean;

/** One test per condition given, or everything wrong with them (paths relative to `when`). */
export function compileConditions(when: RuleConditions): Compiled<Test> {
  const tests: Test[] = [];
  const problems: SpecProblem[] = [];
  for (const [name, value] of Object.entries(when)) {
    if (value === undefined) continue;
    const test = compileCondition(name, value);
    if (test.ok) tests.push(test.value);
    else problems.push(...test.problems.map((p) => ({ ...p, path: [name, ...p.path] })));
  }
  if (problems.length > 0) return failed(problems);
  return compiled((event) => tests.every((test) => test(event)));
}

function compileCondition(name: string, value: unknown): Compiled<Test> {
  switch (name) {
    case "subject":
      return subjectTest(value);
    case "sensitivity":
      return oneOf(value, SENSITIVITIES, (event) => event.sensitivity);
    case "showAs":
      return oneOf(value, SHOW_AS, (event) => event.showAs);
    case "response":
      return oneOf(value, RESPONSES, (event) => event.response);
    case "isAllDay":
      return flag(value, (event) => event.isAllDay);
    case "isOrganizer":
      return flag(value, (event) => event.isOrganizer);
    case "isCancelled":
      return flag(value, (event) => event.isCancelled);
    case "isRecurring":
      return flag(value, (event) => event.kind !== "single");
    case "categories":
      return categoriesTest(value);
    case "organizer":
      return organizerTest(value);
    case "duration":
      return durationTest(value);
    default:
      return problem([], `not a condition; conditions are ${CONDITIONS.join(", ")}`);
  }
}

const problem = (path: SpecProblem["path"], message: string) => failed<Test>([{ path, message }]);

function flag(value: unknown, read: (event: CalendarEvent) => boolean): Compiled<Test> {
  if (typeof value !== "boolean") return problem([], "must be true or false");
  return compiled((event) => read(event) === value);
}

function oneOf(
  value: unknown,
  choices: readonly string[],
  read: (event: CalendarEvent) => string,
): Compiled<Test> {
  if (!isTextList(value) || value.length === 0)
    return problem([], `must be a list of: ${choices.join(", ")}`);
  const wrong = value.findIndex((item) => !choices.includes(item));
  if (wrong >= 0) return problem([wrong], `"${value[wrong]}" is not one of: ${choices.join(", ")}`);
  const wanted = new Set(value);
  return compiled((event) => wanted.has(read(event)));
}

function subjectTest(value: unknown): Compiled<Test> {
  if (!isRecord(value) || Object.keys(value).length === 0) {
    return problem([], "must hold contains, equals or matches");
  }
  const tests: Test[] = [];
  for (const [how, text] of Object.entries(value)) {
    if (typeof text !== "string") return problem([how], "must be text");
    const lower = text.toLowerCase();
    if (how === "contains") tests.push((event) => event.subject.toLowerCase().includes(lower));
    else if (how === "equals") tests.push((event) => event.subject.toLowerCase() === lower);
    else if (how === "matches") {
      const pattern = regex(text);
      if (typeof pattern === "string") return problem([how], pattern);
      tests.push((event) => pattern.test(event.subject));
    } else return problem([how], "use contains, equals or matches");
  }
  return compiled((event) => tests.every((test) => test(event)));
}

/** The pattern, or why it is not one. Case is ignored, as in every subject condition. */
function regex(source: string): RegExp | string {
  try {
    return new RegExp(source, "iu");
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
}

function categoriesTest(value: unknown): Compiled<Test> {
  if (!isTextList(value) || value.length === 0) return problem([], "must be a list of category names");
  const wanted = new Set(value.map((name) => name.toLowerCase()));
  return compiled((event) => event.categories.some((name) => wanted.has(name.toLowerCase())));
}

function organizerTest(value: unknown): Compiled<Test> {
  if (!isTextList(value) || value.length === 0) {
    return problem([], "must be a list of addresses (name@domain) or domains");
  }
  const wanted = new Set(value.map((item) => item.toLowerCase().replace(/^@/, "")));
  return compiled((event) => {
    const address = event.organizer?.address.toLowerCase();
    if (!address) return false;
    return wanted.has(address) || wanted.has(address.slice(address.lastIndexOf("@") + 1));
  });
}

function durationTest(value: unknown): Compiled<Test> {
  if (!isRecord(value)) return problem([], "must hold minimumMinutes, maximumMinutes or both");
  const bounds: Record<string, number> = {};
  for (const [key, minutes] of Object.entries(value)) {
    if (key !== "minimumMinutes" && key !== "maximumMinutes") {
      return problem([key], "use minimumMinutes or maximumMinutes");
    }
    if (!Number.isInteger(minutes) || (minutes as number) < 0) {
      return problem([key], "must be a whole number of minutes (0 or more)");
    }
    bounds[key] = minutes as number;
  }
  const { minimumMinutes = 0, maximumMinutes = Number.POSITIVE_INFINITY } = bounds;
  if (minimumMinutes > maximumMinutes) return problem([], "minimumMinutes is more than maximumMinutes");
  return compiled((event) => {
    const minutes = durationMinutes(event);
    return minutes >= minimumMinutes && minutes <= maximumMinutes;
  });
}

/** Elapsed minutes between start and end (an all-day day across a DST change is 23 or 25 hours). */
function durationMinutes(event: CalendarEvent): number {
  const elapsed = toInstant(event.end).epochMilliseconds - toInstant(event.start).epochMilliseconds;
  return elapsed / 60_000;
}

const isTextList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
