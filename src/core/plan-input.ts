import type { CalendarEvent, Side } from "./event.js";
import type { Mapping, MappingOptions } from "./mapping/mapping.js";

/** What the store remembers about one original and its counterpart in the other mailbox. */
export interface LinkState {
  sourceSide: Side;
  sourceId: string;
  /** The copy crosscal made (owned), or the same meeting already present in the other mailbox (not owned). */
  targetId: string;
  owned: boolean;
  sourceICalUId?: string;
  /** Hash of the mapped content last written to the copy. */
  contentHash: string;
  /** The copy's version right after crosscal's last write: a different one means a person edited it. */
  copyVersion: string;
  /** An exception of a series: its series' source id and original start. */
  instanceOf?: InstanceRef;
}

export interface InstanceRef {
  seriesSourceId: string;
  originalStart: string;
}

/** The rule that decided, by its name and its place in the sync's list. */
export interface RuleRef {
  name: string;
  index: number;
}

/**
 * The rules' decision about one original: skip it (the reason is recorded), or copy it, with the mapping
 * a rule chose or else the policy's own. A different mapping means different content, so the copy is
 * rewritten when the choice changes. `rule` names the rule that matched; none matched without it.
 */
export type RuleVerdict =
  | { pass: true; mapping?: Mapping; rule?: RuleRef }
  | { pass: false; reason: string; rule?: RuleRef };

export interface PlanPolicy {
  direction: "two-way" | "a-to-b" | "b-to-a";
  pastDays: number;
  mapping: Mapping;
  mappingOptions: MappingOptions;
  rules: (event: CalendarEvent) => RuleVerdict;
  /** Merge start: an original whose twin (same subject, start and end) is in the other mailbox is linked. */
  matchBySubjectAndTime: boolean;
  /** Only-new start: what exists now is recorded as baseline, not copied. */
  takeBaseline: boolean;
}

/** What one side reported this run. `gone` holds ids confirmed deleted (not merely out of the window). */
export interface SideChanges {
  changed: CalendarEvent[];
  gone: string[];
  /** Series whose instances in `changed` are complete for the window (a missing one was cancelled). */
  refreshedSeries?: string[];
}

export interface PlanInput {
  profileId: string;
  /** ISO instant: the planner never reads a clock. */
  now: string;
  policy: PlanPolicy;
  links: LinkState[];
  /** Originals never to copy, by `${side}:${id}`: copies deleted by a person, and the only-new baseline. */
  suppressed: ReadonlyMap<string, Suppression>;
  changes: Record<"A" | "B", SideChanges>;
  /** The instances of copy series, by the copy series' id, for the source series refreshed this run. */
  copyInstances?: Record<string, CalendarEvent[]>;
}

/** Why an original is never copied, and its iCalUId (the same meeting arriving on the other side is linked). */
export interface Suppression {
  reason: "tombstoned" | "baseline";
  iCalUId?: string;
}

export const key = (side: Side, id: string) => `${side}:${id}`;
