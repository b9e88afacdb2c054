import type { CalendarEvent } from "../event.js";
import { type Compiled, compiled, failed, type SpecProblem, within } from "../mapping/compiled.js";
import { compileMapping, type MappingSpec } from "../mapping/custom.js";
import type { Mapping } from "../mapping/mapping.js";
import type { RuleRef, RuleVerdict } from "../plan-input.js";
import { compileConditions, type RuleConditions } from "./conditions.js";

/**
 * A sync's rules: an ordered list, the first whose conditions all hold decides (skip the event, or copy
 * it with another mapping); an event no rule matches is copied with the sync's own mapping.
 */
export interface RuleSpec {
  /** Shown as the reason when the rule skips an event. */
  name: string;
  when: RuleConditions;
  /** What the config file calls `then`. */
  action: "skip" | { mapping: MappingSpec };
}

export type RuleSet = (event: CalendarEvent) => RuleVerdict;

/** Every event passes, with the sync's own mapping. */
export const NO_RULES: RuleSet = () => ({ pass: true });

type Outcome = { skip: true } | { skip: false; mapping: Mapping };

/** The rules as one function, or everything wrong with them (paths start at the rule's index). */
export function compileRules(specs: readonly RuleSpec[]): Compiled<RuleSet> {
  const rules: Array<{ rule: RuleRef; matches: (event: CalendarEvent) => boolean; outcome: Outcome }> = [];
  const problems: SpecProblem[] = [];
  for (const [index, spec] of specs.entries()) {
    const matches = compileConditions(spec.when);
    const outcome = compileOutcome(spec.action);
    if (!matches.ok) problems.push(...within([index, "when"], matches.problems));
    if (!outcome.ok) problems.push(...within([index, "action"], outcome.problems));
    if (matches.ok && outcome.ok)
      rules.push({ rule: { name: spec.name, index }, matches: matches.value, outcome: outcome.value });
  }
  if (problems.length > 0) return failed(problems);
  if (rules.length === 0) return compiled(NO_RULES);
  return compiled((event) => {
    const matched = rules.find((candidate) => candidate.matches(event));
    if (!matched) return { pass: true };
    const { rule, outcome } = matched;
    return outcome.skip
      ? { pass: false, reason: rule.name, rule }
      : { pass: true, mapping: outcome.mapping, rule };
  });
}

function compileOutcome(action: RuleSpec["action"]): Compiled<Outcome> {
  if (action === "skip") return compiled({ skip: true });
  if (typeof action !== "object" || action === null || !("mapping" in action)) {
    return failed([{ path: [], message: "must be skip or { mapping: NAME }" }]);
  }
  const mapping = compileMapping(action.mapping);
  return mapping.ok
    ? compiled({ skip: false, mapping: mapping.value })
    : failed(within(["mapping"], mapping.problems));
}
