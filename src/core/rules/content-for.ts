import type { CalendarEvent, EventContent } from "../event.js";
import { busyMapping } from "../mapping/busy.js";
import type { PlanPolicy, RuleVerdict } from "../plan-input.js";

type ContentPolicy = Pick<PlanPolicy, "mapping" | "mappingOptions">;

/** The content a copy holds when the rules let its original pass: with the rule's mapping, if it chose one. */
export function mappedContent(
  policy: ContentPolicy,
  event: CalendarEvent,
  verdict: Extract<RuleVerdict, { pass: true }>,
): EventContent {
  return (verdict.mapping ?? policy.mapping)(event, policy.mappingOptions);
}

/** What the copy of an original holds, or undefined when the rules skip the original. */
export function copyContent(policy: ContentPolicy & Pick<PlanPolicy, "rules">, event: CalendarEvent) {
  const verdict = policy.rules(event);
  return verdict.pass ? mappedContent(policy, event, verdict) : undefined;
}

/**
 * The content of one moved or edited occurrence on a copy series. An occurrence cannot be dropped from a
 * copy series on its own (its series is copied), so one the rules would skip blocks its time as "Busy"
 * and reveals nothing.
 */
export function occurrenceContent(policy: ContentPolicy & Pick<PlanPolicy, "rules">, event: CalendarEvent) {
  const verdict = policy.rules(event);
  return verdict.pass ? mappedContent(policy, event, verdict) : busyMapping(event, policy.mappingOptions);
}
