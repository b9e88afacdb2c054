import { describe, expect, it } from "vitest";
import type { CalendarEvent } from "../../../src/core/index.js";
import { compileConditions, type RuleConditions } from "../../../src/core/rules/conditions.js";
import { sampleEvent } from "../sample-event.js";

function test(when: RuleConditions) {
  const compiled = compileConditions(when);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.value;
}

/** Which of the events the conditions match, by subject. */
function matching(when: RuleConditions, events: CalendarEvent[]): string[] {
  const matches = test(when);
  return events.filter(matches).map((event) => event.subject);
}

function problems(when: unknown): string[] {
  const compiled = compileConditions(when as RuleConditions);
  if (compiled.ok) throw new Error("the conditions compiled");
  return compiled.problems.map((p) => `${p.path.join(".")}: ${p.message}`);
}

const named = (subject: string, extra: Partial<CalendarEvent> = {}) => sampleEvent({ subject, ...extra });

describe("rule conditions", () => {
  it("no condition matches everything", () => {
    expect(test({})(sampleEvent())).toBe(true);
  });

  it("subject contains, equals and matches, ignoring case", () => {
    const events = [named("Lunch with Lee"), named("lunch"), named("1:1 Adele"), named("Budget")];
    expect(matching({ subject: { contains: "LUNCH" } }, events)).toEqual(["Lunch with Lee", "lunch"]);
    expect(matching({ subject: { equals: "Lunch" } }, events)).toEqual(["lunch"]);
    expect(matching({ subject: { matches: "^\\d+:\\d+ " } }, events)).toEqual(["1:1 Adele"]);
    expect(matching({ subject: { contains: "lunch", matches: "lee$" } }, events)).toEqual(["Lunch with Lee"]);
  });

  it("sensitivity, show-as and response in a list", () => {
    const events = [
      named("private", { sensitivity: "private" }),
      named("confidential", { sensitivity: "confidential", showAs: "free" }),
      named("declined", { response: "declined", showAs: "tentative" }),
      named("normal"),
    ];
    expect(matching({ sensitivity: ["private", "confidential"] }, events)).toEqual([
      "private",
      "confidential",
    ]);
    expect(matching({ showAs: ["free", "tentative"] }, events)).toEqual(["confidential", "declined"]);
    expect(matching({ response: ["declined", "notResponded"] }, events)).toEqual(["declined"]);
  });

  it("all-day, organizer, recurring and cancelled flags, true or false", () => {
    const events = [
      named("all-day", { isAllDay: true }),
      named("mine", { isOrganizer: true, response: "organizer" }),
      named("series", { kind: "series" }),
      named("exception", { kind: "exception" }),
      named("cancelled", { isCancelled: true }),
    ];
    expect(matching({ isAllDay: true }, events)).toEqual(["all-day"]);
    expect(matching({ isOrganizer: true }, events)).toEqual(["mine"]);
    expect(matching({ isOrganizer: false, isAllDay: false }, events)).toEqual([
      "series",
      "exception",
      "cancelled",
    ]);
    expect(matching({ isRecurring: true }, events)).toEqual(["series", "exception"]);
    expect(matching({ isCancelled: true }, events)).toEqual(["cancelled"]);
  });

  it("categories include any of the names, ignoring case", () => {
    const events = [named("a", { categories: ["Personal"] }), named("b", { categories: [] }), named("c")];
    expect(matching({ categories: ["personal", "finance"] }, events)).toEqual(["a", "c"]);
  });

  it("organizer by address or by domain", () => {
    const events = [
      named("adele", { organizer: { name: "Adele", address: "Adele@Contoso.com" } }),
      named("lee", { organizer: { name: "Lee", address: "lee@fabrikam.com" } }),
      named("sub", { organizer: { name: "X", address: "x@eu.fabrikam.com" } }),
      named("none", { organizer: undefined }),
    ];
    expect(matching({ organizer: ["adele@contoso.com"] }, events)).toEqual(["adele"]);
    expect(matching({ organizer: ["fabrikam.com"] }, events)).toEqual(["lee"]);
    expect(matching({ organizer: ["@eu.fabrikam.com", "contoso.com"] }, events)).toEqual(["adele", "sub"]);
  });

  it("duration between bounds, both included, across a change of daylight saving time", () => {
    const at = (start: string, end: string, timeZone = "Europe/Berlin") =>
      named(`${start}-${end}`, { start: { dateTime: start, timeZone }, end: { dateTime: end, timeZone } });
    const quarter = at("2026-06-03T09:00:00", "2026-06-03T09:15:00");
    const hour = at("2026-06-03T09:00:00", "2026-06-03T10:00:00");
    // 2026-03-29 is 23 hours long in Berlin.
    const shortDay = at("2026-03-29T00:00:00", "2026-03-30T00:00:00");
    const events = [quarter, hour, shortDay];
    expect(matching({ duration: { maximumMinutes: 15 } }, events)).toEqual([quarter.subject]);
    expect(matching({ duration: { minimumMinutes: 15, maximumMinutes: 60 } }, events)).toEqual([
      quarter.subject,
      hour.subject,
    ]);
    expect(matching({ duration: { minimumMinutes: 23 * 60, maximumMinutes: 23 * 60 } }, events)).toEqual([
      shortDay.subject,
    ]);
  });

  it("report every problem with its condition", () => {
    expect(
      problems({
        subject: { matches: "(unclosed", startsWith: "x" },
        sensitivity: ["secret"],
        showAs: "busy",
        isAllDay: "yes",
        categories: [],
        organizer: [1],
        duration: { minimumMinutes: 60, maximumMinutes: 30 },
        privacy: ["private"],
      }),
    ).toEqual([
      expect.stringMatching(/^subject\.matches: not a valid regular expression: /),
      'sensitivity.0: "secret" is not one of: normal, personal, private, confidential',
      "showAs: must be a list of: free, tentative, busy, oof, workingElsewhere, unknown",
      "isAllDay: must be true or false",
      "categories: must be a list of category names",
      "organizer: must be a list of addresses (name@domain) or domains",
      "duration: minimumMinutes is more than maximumMinutes",
      "privacy: not a condition; conditions are subject, sensitivity, showAs, isAllDay, categories, response, organizer, isOrganizer, isRecurring, duration, isCancelled",
    ]);
    expect(problems({ duration: { minutes: 5 } })).toEqual([
      "duration.minutes: use minimumMinutes or maximumMinutes",
    ]);
    expect(problems({ subject: {} })).toEqual(["subject: must hold contains, equals or matches"]);
  });
});
