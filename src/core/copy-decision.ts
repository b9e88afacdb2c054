import type { CalendarEvent, EventContent, Side } from "./event.js";
import type { PlanPolicy, RuleRef, RuleVerdict } from "./plan-input.js";
import { mappedContent, occurrenceContent } from "./rules/content-for.js";
import { isInWindow, windowCutoff } from "./window.js";

type Passed = Extract<RuleVerdict, { pass: true }>;
type DecisionPolicy = Pick<PlanPolicy, "direction" | "pastDays" | "rules">;
type PreviewPolicy = DecisionPolicy & Pick<PlanPolicy, "mapping" | "mappingOptions">;

/**
 * What a sync's settings decide about one original, whatever the store remembers of it (a link, a
 * tombstone, an only-new baseline): copied, with the mapping a rule chose or else the sync's own, or
 * skipped, and why. The planner asks it about every original it plans (plan-originals.ts) and the sync
 * editor's test area about one event (`previewCopy`), so the two cannot disagree.
 */
export type CopyDecision =
  /** The sync copies only the other mailbox's originals (one-way). */
  | { outcome: "skipped"; reason: "direction" }
  /** It ended before the sync's window: never processed (semantics 2). */
  | { outcome: "skipped"; reason: "outside-window" }
  /** A cancelled meeting has no copy. */
  | { outcome: "skipped"; reason: "cancelled" }
  /** A rule skips it; `detail` is the reason a run records (the rule's name). */
  | { outcome: "skipped"; reason: "rules"; detail: string; rule?: RuleRef }
  /** Copied, with the verdict's mapping: a rule's, or the sync's own when no rule chose one. */
  | { outcome: "copied"; verdict: Passed };

export function sourceAllowed(direction: PlanPolicy["direction"], side: Side): boolean {
  return direction === "two-way" || (direction === "a-to-b" ? side === "A" : side === "B");
}

/**
 * The decision about an original in mailbox `side` at instant `now`. Pure. Steps in the order a run takes
 * them: direction, window, cancellation, then the rules, the first of which that matches decides.
 */
export function decideCopy(
  policy: DecisionPolicy,
  now: string,
  side: Side,
  event: CalendarEvent,
): CopyDecision {
  if (!sourceAllowed(policy.direction, side)) return { outcome: "skipped", reason: "direction" };
  if (!isInWindow(event, windowCutoff(now, policy.pastDays)))
    return { outcome: "skipped", reason: "outside-window" };
  if (event.isCancelled) return { outcome: "skipped", reason: "cancelled" };
  const verdict = policy.rules(event);
  if (!verdict.pass) {
    return {
      outcome: "skipped",
      reason: "rules",
      detail: verdict.reason,
      ...(verdict.rule && { rule: verdict.rule }),
    };
  }
  return { outcome: "copied", verdict };
}

/** What decided: a rule (by name and place), the sync's own mapping, or the step that skipped the event. */
export type DecidedBy = RuleRef | "mapping" | "copy" | "direction" | "outside-window" | "cancelled";

export interface CopyPreview {
  outcome: "copied" | "skipped";
  decidedBy: DecidedBy;
  /** The content the copy is written with; an instance's has no recurrence (its series carries it). */
  content: EventContent | null;
  /** An exception a rule skips: its series is copied, so its own time is blocked as "Busy". */
  blockedAsBusy?: true;
}

const isInstance = (event: CalendarEvent) => event.kind === "occurrence" || event.kind === "exception";

const withoutRecurrence = ({ recurrence: _pattern, ...content }: EventContent): EventContent => content;

/**
 * The sync editor's test area: what a run decides about one event, and the copy it writes. A copy is never
 * copied (the planner sends copies elsewhere). An occurrence or an exception travels with its series
 * (`series`, its master): the series decides whether it is copied; an exception's own content is mapped
 * as the run maps it onto the copy series' instance (plan-instances.ts).
 */
export function previewCopy(
  policy: PreviewPolicy,
  now: string,
  side: Side,
  event: CalendarEvent,
  series?: CalendarEvent,
): CopyPreview {
  if (event.tag) return { outcome: "skipped", decidedBy: "copy", content: null };
  if (isInstance(event) && !series) throw new Error(`event ${event.id} is an instance: pass its series`);
  const decision = decideCopy(policy, now, side, isInstance(event) ? series! : event);
  if (decision.outcome === "skipped") {
    const decidedBy =
      decision.reason === "rules" ? (decision.rule ?? { name: decision.detail, index: -1 }) : decision.reason;
    return { outcome: "skipped", decidedBy, content: null };
  }
  if (event.kind === "exception") {
    const own = policy.rules(event);
    return {
      outcome: "copied",
      decidedBy: own.rule ?? "mapping",
      content: withoutRecurrence(occurrenceContent(policy, event)),
      ...(!own.pass && { blockedAsBusy: true as const }),
    };
  }
  const content = mappedContent(policy, event, decision.verdict);
  return {
    outcome: "copied",
    decidedBy: decision.verdict.rule ?? "mapping",
    content: isInstance(event) ? withoutRecurrence(content) : content,
  };
}
