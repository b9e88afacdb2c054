import { describe, expect, it } from "vitest";
import { compileRules, type RuleSpec } from "../../../src/core/rules/rules.js";
import { sampleEvent } from "../sample-event.js";

function rules(specs: RuleSpec[]) {
  const compiled = compileRules(specs);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.value;
}

const OPTIONS = { reminders: false };

describe("rules", () => {
  it("let every event pass with the sync's mapping when there are none", () => {
    expect(rules([])(sampleEvent())).toEqual({ pass: true });
  });

  it("skip with the rule's name as the reason", () => {
    const verdict = rules([{ name: "no lunches", when: { subject: { contains: "lunch" } }, action: "skip" }]);
    expect(verdict(sampleEvent({ subject: "Lunch" }))).toEqual({
      pass: false,
      reason: "no lunches",
      rule: { name: "no lunches", index: 0 },
    });
    expect(verdict(sampleEvent({ subject: "Review" }))).toEqual({ pass: true });
  });

  it("pick another mapping, compiled with its fields", () => {
    const verdict = rules([
      {
        name: "private as busy",
        when: { sensitivity: ["private"] },
        action: { mapping: { preset: "busy", fields: { subject: { value: "Private" } } } },
      },
    ])(sampleEvent({ sensitivity: "private" }));
    expect(verdict.pass && verdict.mapping?.(sampleEvent(), OPTIONS).subject).toBe("Private");
  });

  it("are tried in order: the first match decides", () => {
    const ordered = rules([
      { name: "declined", when: { response: ["declined"] }, action: "skip" },
      { name: "private", when: { sensitivity: ["private"] }, action: { mapping: { preset: "busy" } } },
      { name: "everything else", when: {}, action: { mapping: { preset: "full-details" } } },
    ]);
    const declinedPrivate = ordered(sampleEvent({ response: "declined", sensitivity: "private" }));
    expect(declinedPrivate).toEqual({
      pass: false,
      reason: "declined",
      rule: { name: "declined", index: 0 },
    });
    const privateOne = ordered(sampleEvent({ sensitivity: "private" }));
    expect(privateOne.pass && privateOne.mapping?.(sampleEvent(), OPTIONS).subject).toBe("Busy");
    const other = ordered(sampleEvent());
    expect(other.pass && other.mapping?.(sampleEvent(), OPTIONS).subject).toBe("Quarterly review");
  });

  it("report the problems of every rule, by index", () => {
    const compiled = compileRules([
      { name: "a", when: { showAs: ["bussy" as "busy"] }, action: "skip" },
      {
        name: "b",
        when: {},
        action: { mapping: { preset: "busy", fields: { subject: { template: "{x}" } } } },
      },
      { name: "c", when: {}, action: "drop" as "skip" },
    ]);
    expect(compiled.ok ? [] : compiled.problems.map((p) => p.path.join("."))).toEqual([
      "0.when.showAs.0",
      "1.action.mapping.fields.subject.template",
      "2.action",
    ]);
  });
});
