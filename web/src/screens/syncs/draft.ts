import type {
  Conditions,
  Direction,
  MappingRef,
  NewSync,
  Rule,
  RuleThen,
  StartMode,
  SyncInfo,
} from "./types";

/** A rule being edited: the API's rule and a key of its own, stable while the rules are reordered. */
export interface DraftRule extends Rule {
  key: string;
}

/**
 * The sync being edited, kept in state until saved (a refused save loses nothing). Numbers stay as typed
 * (a string while half-typed) and go to the API as they are: the API is the one judge.
 */
export interface Draft {
  name: string;
  connectionA: string;
  connectionB: string;
  direction: Direction;
  mapping: MappingRef;
  startMode: StartMode;
  pastDays: number | string;
  copyReminders: boolean;
  /** In percent (the API's share × 100). */
  massDeletionPercent: number | string;
  massDeletionMinimum: number | string;
  emptySideGuard: boolean;
  rules: DraftRule[];
}

let lastKey = 0;
export const newRuleKey = () => `rule-${++lastKey}`;

/** The config file's defaults (docs/syncs.md): a new sync starts from them. */
export const NEW_DRAFT: Omit<Draft, "rules"> = {
  name: "",
  connectionA: "",
  connectionB: "",
  direction: "two-way",
  mapping: "busy",
  startMode: "only-new",
  pastDays: 30,
  copyReminders: false,
  massDeletionPercent: 50,
  massDeletionMinimum: 10,
  emptySideGuard: true,
};

export function draftOf(sync: SyncInfo | undefined): Draft {
  if (!sync) return { ...NEW_DRAFT, rules: [] };
  return {
    name: sync.name,
    connectionA: sync.connectionA,
    connectionB: sync.connectionB,
    direction: sync.direction,
    mapping: sync.mapping,
    startMode: sync.startMode,
    pastDays: sync.window.pastDays,
    copyReminders: sync.policies.copyReminders,
    massDeletionPercent: Math.round(sync.policies.massDeletionShare * 1000) / 10,
    massDeletionMinimum: sync.policies.massDeletionMinimum,
    emptySideGuard: sync.policies.emptySideGuard,
    rules: sync.rules.map((rule) => ({ ...rule, key: newRuleKey() })),
  };
}

/** A number as typed: "" is sent as null and anything unreadable as null too, for the API to refuse. */
function numberOf(value: number | string): number {
  if (typeof value === "number") return value;
  const parsed = value.trim() === "" ? Number.NaN : Number(value);
  return (Number.isFinite(parsed) ? parsed : null) as number;
}

/** A mapping without field overrides is its preset's name, as the API stores it. */
export function plainMapping(mapping: MappingRef): MappingRef {
  if (typeof mapping === "string") return mapping;
  return mapping.fields && Object.keys(mapping.fields).length > 0 ? mapping : mapping.preset;
}

/** The draft as POST /api/syncs (and PATCH, and the preview) take it. */
export function bodyOf(draft: Draft): NewSync {
  const share = numberOf(draft.massDeletionPercent);
  return {
    name: draft.name.trim(),
    connectionA: draft.connectionA,
    connectionB: draft.connectionB,
    direction: draft.direction,
    mapping: plainMapping(draft.mapping),
    startMode: draft.startMode,
    window: { pastDays: numberOf(draft.pastDays) },
    policies: {
      copyReminders: draft.copyReminders,
      massDeletionShare: share === null ? share : Math.round(share * 10) / 1000,
      massDeletionMinimum: numberOf(draft.massDeletionMinimum),
      emptySideGuard: draft.emptySideGuard,
    },
    rules: draft.rules.map(({ key: _key, ...rule }) =>
      withThen(rule, rule.then === "skip" ? "skip" : { mapping: plainMapping(rule.then.mapping) }),
    ),
  };
}

/**
 * Whether a saved change reaches existing copies (docs/config.md, "Changing a sync"): direction, mapping,
 * rules, the window or copied reminders. The guards' policies do not.
 */
export function changesCopies(before: SyncInfo, after: SyncInfo): boolean {
  const part = (sync: SyncInfo) =>
    JSON.stringify([
      sync.direction,
      sync.mapping,
      sync.rules,
      sync.window.pastDays,
      sync.policies.copyReminders,
    ]);
  return part(before) !== part(after);
}

/** A new rule: skips nothing until it has conditions (an empty `when` holds for every event). */
export const newRule = (name: string): DraftRule =>
  withThen({ key: newRuleKey(), name, when: {} as Conditions }, "skip");

/** A rule with another outcome. `then` is the config file's word: a rule is never awaited. */
export function withThen<R extends Omit<Rule, "then">>(rule: R, then: RuleThen): R & { then: RuleThen } {
  return { ...rule, then };
}
