import type { TSchema } from "typebox";
import type { TLocalizedValidationError } from "typebox/error";
import { Value } from "typebox/value";
import { compileMapping, type FieldOverrides, type MappingSpec } from "../core/mapping/custom.js";
import type { RuleConditions } from "../core/rules/conditions.js";
import { compileRules, type RuleSpec } from "../core/rules/rules.js";
import type { SyncSettings } from "../engine/settings.js";
import type { StartMode as StoredStartMode } from "../store/schema.js";
import { documentStartMode, storedStartMode } from "../store/start-mode.js";
import { didYouMean } from "./did-you-mean.js";
import { checkSyncMapping } from "./mapping-checks.js";
import { DEFAULTS, type Direction, MAPPINGS, type MappingName, type StartMode } from "./schema.js";
import { NewSyncBody, type NewSyncInput, type SyncPatch, SyncPatchBody } from "./sync-document-schema.js";
import type { Sync as ConfigSync, Policies } from "./types.js";

/**
 * A sync as the API and the config file describe it, and as the store keeps it (`SyncSettings` JSON plus
 * the start mode column), with the conversions between them. One canonical settings shape, so a sync
 * written through the API, `crosscal apply` or an exported file compares equal when it means the same.
 * Pure.
 */

export type MappingRef = MappingName | { preset: MappingName; fields: FieldOverrides };

export interface DocumentRule {
  name: string;
  when: RuleConditions;
  then: "skip" | { mapping: MappingRef };
}

export interface SyncDocument {
  name: string;
  connectionA: string;
  connectionB: string;
  direction: Direction;
  mapping: MappingRef;
  startMode: StartMode;
  window: { pastDays: number };
  policies: Policies;
  rules: DocumentRule[];
}

export interface StoredSync {
  name: string;
  connectionA: string;
  connectionB: string;
  startMode: StoredStartMode;
  settings: SyncSettings;
}

/** A problem with a request body, at its path inside the body. */
export interface InputProblem {
  path: (string | number)[];
  message: string;
}

const isPreset = (name: string): name is MappingName => (MAPPINGS as readonly string[]).includes(name);
const hasFields = (fields: FieldOverrides | undefined): fields is FieldOverrides =>
  fields !== undefined && Object.keys(fields).length > 0;

type MappingInput = string | { preset: MappingName; fields?: FieldOverrides };

/** The engine's mapping spec of a (validated) reference: fields only when there are some. */
function specOf(ref: MappingInput): MappingSpec {
  if (typeof ref === "string") return { preset: ref as MappingName };
  return hasFields(ref.fields) ? { preset: ref.preset, fields: ref.fields } : { preset: ref.preset };
}

const refOf = (spec: MappingSpec): MappingRef =>
  hasFields(spec.fields) ? { preset: spec.preset, fields: spec.fields } : spec.preset;

// Re-exported for apply-syncs.ts, which imports it from here; new code imports store/start-mode.ts.

const DEFAULT_POLICIES: Policies = {
  copyReminders: DEFAULTS.copyReminders,
  massDeletionShare: DEFAULTS.massDeletionShare,
  massDeletionMinimum: DEFAULTS.massDeletionMinimum,
  emptySideGuard: DEFAULTS.emptySideGuard,
};

type RuleInput = { name: string; when: RuleConditions; then: "skip" | { mapping: MappingInput } };

const ruleOf = (rule: RuleInput): DocumentRule => ({
  name: rule.name,
  when: rule.when,
  // biome-ignore lint/suspicious/noThenProperty: the config file's word; these objects are never awaited.
  then: rule.then === "skip" ? "skip" : { mapping: refOf(specOf(rule.then.mapping)) },
});

/** A new sync with the config file's defaults for what the request left out. */
export function withDefaults(input: NewSyncInput): SyncDocument {
  return {
    name: input.name,
    connectionA: input.connectionA,
    connectionB: input.connectionB,
    direction: input.direction ?? DEFAULTS.direction,
    mapping: refOf(specOf(input.mapping ?? DEFAULTS.mapping)),
    startMode: input.startMode ?? DEFAULTS.startMode,
    window: { pastDays: input.window?.pastDays ?? DEFAULTS.pastDays },
    policies: { ...DEFAULT_POLICIES, ...input.policies },
    rules: (input.rules ?? []).map(ruleOf),
  };
}

/** An edit: policies and window merge key by key, every other field given replaces the current one. */
export function applyPatch(current: SyncDocument, patch: SyncPatch): SyncDocument {
  return {
    name: patch.name ?? current.name,
    connectionA: patch.connectionA ?? current.connectionA,
    connectionB: patch.connectionB ?? current.connectionB,
    direction: patch.direction ?? current.direction,
    mapping: patch.mapping === undefined ? current.mapping : refOf(specOf(patch.mapping)),
    startMode: patch.startMode ?? current.startMode,
    window: { pastDays: patch.window?.pastDays ?? current.window.pastDays },
    policies: { ...current.policies, ...patch.policies },
    rules: patch.rules === undefined ? current.rules : patch.rules.map(ruleOf),
  };
}

/**
 * Settings in one shape whatever wrote them: keys in a fixed order, no empty `fields` or `rules`, rule
 * mappings as `{ preset }` or `{ preset, fields }`. Stored as JSON and compared as values.
 */
export function canonicalSettings(settings: SyncSettings): SyncSettings {
  const rules = (settings.rules ?? []).map(
    (rule): RuleSpec => ({
      name: rule.name,
      when: rule.when,
      action: rule.action === "skip" ? "skip" : { mapping: specOf(rule.action.mapping) },
    }),
  );
  return {
    direction: settings.direction,
    mapping: settings.mapping,
    ...(hasFields(settings.fields) ? { fields: settings.fields } : {}),
    ...(rules.length > 0 ? { rules } : {}),
    pastDays: settings.pastDays,
    copyReminders: settings.copyReminders,
    massDeletionShare: settings.massDeletionShare,
    massDeletionMinimum: settings.massDeletionMinimum,
    emptySideGuard: settings.emptySideGuard,
  };
}

/** What the store keeps of a document. */
export function toStored(doc: SyncDocument): StoredSync {
  const mapping = specOf(doc.mapping);
  return {
    name: doc.name,
    connectionA: doc.connectionA,
    connectionB: doc.connectionB,
    startMode: storedStartMode(doc.startMode),
    settings: canonicalSettings({
      direction: doc.direction,
      mapping: mapping.preset,
      ...(mapping.fields ? { fields: mapping.fields } : {}),
      rules: doc.rules.map((rule) => ({
        name: rule.name,
        when: rule.when,
        action: rule.then === "skip" ? "skip" : { mapping: specOf(rule.then.mapping) },
      })),
      pastDays: doc.window.pastDays,
      ...doc.policies,
    }),
  };
}

/** The document of a stored sync (what GET answers). */
export function fromStored(stored: StoredSync): SyncDocument {
  const { settings } = stored;
  return {
    name: stored.name,
    connectionA: stored.connectionA,
    connectionB: stored.connectionB,
    direction: settings.direction,
    mapping: refOf({ preset: settings.mapping, ...(settings.fields ? { fields: settings.fields } : {}) }),
    startMode: documentStartMode(stored.startMode),
    window: { pastDays: settings.pastDays },
    policies: {
      copyReminders: settings.copyReminders,
      massDeletionShare: settings.massDeletionShare,
      massDeletionMinimum: settings.massDeletionMinimum,
      emptySideGuard: settings.emptySideGuard,
    },
    rules: (settings.rules ?? []).map((rule) => ({
      name: rule.name,
      when: rule.when,
      // biome-ignore lint/suspicious/noThenProperty: the config file's word; these objects are never awaited.
      then: rule.action === "skip" ? "skip" : { mapping: refOf(rule.action.mapping) },
    })),
  };
}

/** The settings of a loaded config file's sync, in the canonical shape. */
export function settingsOfConfigSync(sync: ConfigSync): SyncSettings {
  return canonicalSettings({
    direction: sync.direction,
    mapping: sync.mapping,
    fields: sync.fields,
    rules: sync.rules,
    pastDays: sync.window.pastDays,
    ...sync.policies,
  });
}

/** A sync entry of a config file, with rules naming their mappings through `nameOf`. */
export interface ConfigSyncEntry {
  a: string;
  b: string;
  direction: Direction;
  mapping: MappingRef;
  startMode: StartMode;
  window: { pastDays: number };
  policies: Policies;
  rules: { name: string; when: RuleConditions; then: "skip" | { mapping: string } }[];
}

/**
 * The config file's entry for a stored sync. The file's rules name their mapping (a preset, or one under
 * `mappings:`): `nameOf` names each custom one and the caller writes it under `mappings:`.
 */
export function configEntryOf(
  doc: SyncDocument,
  connections: { a: string; b: string },
  nameOf: (mapping: { preset: MappingName; fields: FieldOverrides }, ruleIndex: number) => string,
): ConfigSyncEntry {
  return {
    a: connections.a,
    b: connections.b,
    direction: doc.direction,
    mapping: doc.mapping,
    startMode: doc.startMode,
    window: doc.window,
    policies: doc.policies,
    rules: doc.rules.map((rule, index) => ({
      name: rule.name,
      when: rule.when,
      // biome-ignore lint/suspicious/noThenProperty: the config file's word; these objects are never awaited.
      then:
        rule.then === "skip"
          ? "skip"
          : {
              mapping:
                typeof rule.then.mapping === "string" ? rule.then.mapping : nameOf(rule.then.mapping, index),
            },
    })),
  };
}

// ---- validation of request bodies ------------------------------------------------------------------

/** Schema errors in these subtrees are reported by the mapping checks instead, one per real problem. */
const OWNED = [/^\/mapping(\/|$)/, /^\/rules\/\d+\/then(\/|$)/];

/**
 * Everything wrong with a create (or, `partial`, an edit) request body: its shape by the schema, then
 * mappings and rules with the config file's checks (they know which alternative of a union was meant,
 * and compile every template, value and regular expression).
 */
export function inputProblems(raw: unknown, partial: boolean): InputProblem[] {
  const schema = partial ? SyncPatchBody : NewSyncBody;
  const body = isRecord(raw) ? raw : {};
  return [
    ...schemaProblems(schema, raw, (pointer) => OWNED.some((re) => re.test(pointer))),
    ...(body.mapping === undefined ? [] : mappingProblems(["mapping"], body.mapping)),
    ...(Array.isArray(body.rules) ? body.rules.flatMap((rule, index) => thenProblems(rule, index)) : []),
    ...(Array.isArray(body.rules) ? ruleListProblems(body.rules) : []),
  ];
}

/**
 * What a TypeBox schema finds wrong with a value, one problem per field: unknown and missing fields by
 * name. `elsewhere` skips the errors at JSON pointers another check reports better.
 */
export function schemaProblems(
  schema: TSchema,
  raw: unknown,
  elsewhere: (pointer: string) => boolean = () => false,
): InputProblem[] {
  return Value.Errors(schema, raw)
    .filter(
      (error) =>
        !elsewhere(error.instancePath) &&
        !(error.keyword === "boolean" && error.schemaPath.endsWith("/additionalProperties")),
    )
    .flatMap(describeSchemaError);
}

function describeSchemaError(error: TLocalizedValidationError): InputProblem[] {
  const path = pathOf(error.instancePath);
  switch (error.keyword) {
    case "required":
      return error.params.requiredProperties.map((key) => ({ path: [...path, key], message: "is required" }));
    case "additionalProperties":
      return error.params.additionalProperties.map((key) => ({
        path: [...path, key],
        message: `unknown field "${key}"`,
      }));
    case "enum": {
      const allowed = error.params.allowedValues.map(String);
      return [{ path, message: `must be one of: ${allowed.join(", ")}` }];
    }
    default:
      return [{ path, message: error.message }];
  }
}

const pathOf = (pointer: string): (string | number)[] =>
  pointer === ""
    ? []
    : pointer
        .slice(1)
        .split("/")
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replaceAll("~1", "/").replaceAll("~0", "~")));

/** A mapping reference: a preset's name, or an object the config file's checks know (re-rooted at `at`). */
function mappingProblems(at: (string | number)[], ref: unknown): InputProblem[] {
  if (typeof ref === "string") {
    if (isPreset(ref)) return [];
    const hint = didYouMean(ref, MAPPINGS);
    return [
      {
        path: at,
        message: `"${ref}" is not a preset (${MAPPINGS.join(", ")})${hint}; or give { preset, fields }`,
      },
    ];
  }
  if (!isRecord(ref))
    return [{ path: at, message: `must be a preset (${MAPPINGS.join(", ")}) or { preset, fields }` }];
  return rerooted(checkSyncMapping("api", { mapping: ref }, undefined), ["syncs", "api", "mapping"], at);
}

/** A rule's `then`: skip, or { mapping } where the mapping is checked like the sync's own. */
function thenProblems(rule: unknown, index: number): InputProblem[] {
  if (!isRecord(rule) || !("then" in rule)) return [];
  const at = ["rules", index, "then"];
  const then = rule.then;
  if (then === "skip") return [];
  if (!isRecord(then)) {
    const hint = typeof then === "string" ? didYouMean(then, ["skip"]) : "";
    return [{ path: at, message: `must be skip or { mapping: a preset or { preset, fields } }${hint}` }];
  }
  const unknown = Object.keys(then)
    .filter((key) => key !== "mapping")
    .map((key) => ({ path: [...at, key], message: `unknown field "${key}"; expected mapping` }));
  if (then.mapping === undefined) return [...unknown, { path: [...at, "mapping"], message: "is required" }];
  return [...unknown, ...mappingProblems([...at, "mapping"], then.mapping)];
}

/** What the config file finds wrong with a list of rules apart from their `then`: names, conditions. */
function ruleListProblems(rules: unknown[]): InputProblem[] {
  const withoutThen = rules.map((rule) => {
    if (!isRecord(rule)) return rule;
    const { then: _then, ...rest } = rule;
    return rest;
  });
  return rerooted(checkSyncMapping("api", { rules: withoutThen }, undefined), ["syncs", "api"], []);
}

function rerooted(
  problems: { path: readonly (string | number)[]; message: string }[],
  from: (string | number)[],
  to: (string | number)[],
): InputProblem[] {
  return problems.map((problem) => ({
    path: [...to, ...problem.path.slice(from.length)],
    message: problem.message,
  }));
}

/**
 * The engine's own compilation of settings, the last guard before they are stored: a problem here means
 * the checks above let something through, and the sync would fail every run.
 */
export function compileProblems(settings: SyncSettings): InputProblem[] {
  const mapping = compileMapping({ preset: settings.mapping, fields: settings.fields ?? {} });
  const rules = compileRules(settings.rules ?? []);
  return [
    ...(mapping.ok
      ? []
      : mapping.problems.map((p) => ({ path: ["mapping", ...p.path], message: p.message }))),
    ...(rules.ok
      ? []
      : rules.problems.map((p) => ({
          path: ["rules", ...p.path.map((s) => (s === "action" ? "then" : s))],
          message: p.message,
        }))),
  ];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
