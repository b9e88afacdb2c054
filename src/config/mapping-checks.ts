import { Value } from "typebox/value";
import { compileMapping, MAPPED_FIELDS, type MappingSpec } from "../core/mapping/custom.js";
import { compileConditions } from "../core/rules/conditions.js";
import type { RuleSpec } from "../core/rules/rules.js";
import { didYouMean } from "./did-you-mean.js";
import type { DocPath, Problem } from "./problems.js";
import { ConditionsSchema, MAPPINGS, type MappingEntry, type MappingName, type RuleEntry } from "./schema.js";

/**
 * Custom mappings and rules: what the schema alone cannot say well. Mappings and rules' `then` are unions
 * (a name or an object; copy, omit, a value or a template), and a union's schema errors list every
 * alternative; these checks know which alternative was meant and say what is wrong inside it. They also
 * compile every template and regular expression, so a config that loads cannot fail on them while it
 * runs, and resolve names: a sync or rule may name a preset or a mapping defined under `mappings:`.
 * The schema's own errors under these paths are left out (`ownedByMappingChecks`). Pure.
 */

const SUBTREES = [
  /^\/mappings\/[^/]+(\/|$)/,
  /^\/syncs\/[^/]+\/mapping(\/|$)/,
  /^\/syncs\/[^/]+\/rules\/\d+\/then(\/|$)/,
];

/** Schema errors at these JSON pointers are reported here instead, one per real problem. */
export const ownedByMappingChecks = (instancePath: string) => SUBTREES.some((re) => re.test(instancePath));

const isPreset = (name: string): name is MappingName => (MAPPINGS as readonly string[]).includes(name);

/** The names under `mappings:`, or undefined when that section is unreadable (references go unchecked). */
export function mappingNames(data: unknown): string[] | undefined {
  const section = isRecord(data) ? data.mappings : undefined;
  if (section === undefined) return [];
  return isRecord(section) ? Object.keys(section) : undefined;
}

/** Every mapping under `mappings:`: its name, and the mapping itself. */
export function checkMappings(section: unknown): Problem[] {
  if (!isRecord(section)) return [];
  return Object.entries(section).flatMap(([name, raw]) => {
    const path = ["mappings", name];
    const named: Problem[] = isPreset(name)
      ? [{ path, at: "key", message: `"${name}" is a preset's name: give the custom mapping another` }]
      : [];
    if (!isRecord(raw)) {
      return [...named, { path, message: "must be { preset: busy | full-details, fields: { ... } }" }];
    }
    return [...named, ...checkMappingObject(path, raw)];
  });
}

/** A sync's `mapping` and `rules`, with `names` the mappings defined under `mappings:`. */
export function checkSyncMapping(
  sync: string,
  raw: unknown,
  names: readonly string[] | undefined,
): Problem[] {
  const entry = isRecord(raw) ? raw : {};
  const path = ["syncs", sync];
  return [
    ...(entry.mapping === undefined ? [] : checkMappingRef([...path, "mapping"], entry.mapping, names)),
    ...(Array.isArray(entry.rules) ? checkRules([...path, "rules"], entry.rules, names) : []),
  ];
}

function checkMappingRef(path: DocPath, raw: unknown, names: readonly string[] | undefined): Problem[] {
  if (typeof raw === "string") return checkMappingName(path, raw, names);
  if (isRecord(raw)) return checkMappingObject(path, raw);
  return [
    { path, message: "must be a preset (busy, full-details), a mapping's name, or { preset, fields }" },
  ];
}

function checkMappingName(path: DocPath, name: string, names: readonly string[] | undefined): Problem[] {
  if (isPreset(name) || !names || names.includes(name)) return [];
  const known = [...MAPPINGS, ...names];
  const hint =
    didYouMean(name, known) ||
    ` (presets: ${MAPPINGS.join(", ")}; mappings: ${names.join(", ") || "none defined"})`;
  return [{ path, message: `no preset or mapping named "${name}"${hint}` }];
}

const MAPPING_KEYS = ["preset", "fields"];

function checkMappingObject(path: DocPath, raw: Record<string, unknown>): Problem[] {
  const problems = unknownKeys(path, raw, MAPPING_KEYS);
  const { preset, fields } = raw;
  if (preset === undefined) {
    problems.push({
      path,
      at: "key",
      message: `missing "preset" (the preset it starts from: ${MAPPINGS.join(", ")})`,
    });
  } else if (typeof preset !== "string" || !isPreset(preset)) {
    const hint = typeof preset === "string" ? didYouMean(preset, MAPPINGS) : "";
    problems.push({ path: [...path, "preset"], message: `must be one of: ${MAPPINGS.join(", ")}${hint}` });
  }
  if (fields !== undefined && !isRecord(fields)) {
    problems.push({
      path: [...path, "fields"],
      message: "must be a mapping of field: mode, such as subject: copy",
    });
    return problems;
  }
  const { problems: fieldProblems, sound } = checkFields([...path, "fields"], fields ?? {});
  // The fields not already found wrong are compiled (templates, values) whatever the preset's state.
  const compiled = compileMapping({ preset: "busy", fields: sound } as MappingSpec);
  const compileProblems = compiled.ok ? [] : compiled.problems;
  return [
    ...problems,
    ...fieldProblems,
    ...compileProblems.map((p) => ({ path: [...path, ...p.path], message: p.message })),
  ];
}

/** Field names and the words copy/omit, with a hint for a typo; compiling checks the rest (`sound`). */
function checkFields(path: DocPath, fields: Record<string, unknown>) {
  const problems = unknownKeys(path, fields, MAPPED_FIELDS);
  const sound: Record<string, unknown> = {};
  for (const [field, mode] of Object.entries(fields)) {
    if (!(MAPPED_FIELDS as readonly string[]).includes(field)) continue;
    if (typeof mode === "string" && mode !== "copy" && mode !== "omit") {
      const message = `"${mode}" is not copy or omit${didYouMean(mode, ["copy", "omit"])}; a fixed value is written { value: ... }`;
      problems.push({ path: [...path, field], message });
    } else {
      sound[field] = mode;
    }
  }
  return { problems, sound };
}

function checkRules(path: DocPath, rules: unknown[], names: readonly string[] | undefined): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  for (const [index, rule] of rules.entries()) {
    if (!isRecord(rule)) continue;
    const at = [...path, index];
    if (typeof rule.name === "string") {
      const first = seen.get(rule.name);
      if (first === undefined) seen.set(rule.name, index);
      else
        problems.push({ path: [...at, "name"], message: `the name is already used by rule #${first + 1}` });
    }
    if ("then" in rule) problems.push(...checkThen([...at, "then"], rule.then, names));
    if (isRecord(rule.when)) problems.push(...checkConditions([...at, "when"], rule.when));
  }
  return problems;
}

/**
 * Malformed conditions are the schema's to report; each well-formed one is compiled too, which finds what
 * the schema cannot (a regular expression that does not compile, bounds the wrong way round).
 */
function checkConditions(path: DocPath, when: Record<string, unknown>): Problem[] {
  return Object.entries(when).flatMap(([name, value]) => {
    const one = { [name]: value };
    if (!Value.Check(ConditionsSchema, one)) return [];
    const compiled = compileConditions(one);
    return compiled.ok
      ? []
      : compiled.problems.map((p) => ({ path: [...path, ...p.path], message: p.message }));
  });
}

function checkThen(path: DocPath, then: unknown, names: readonly string[] | undefined): Problem[] {
  if (then === "skip") return [];
  if (!isRecord(then)) {
    const hint = typeof then === "string" ? didYouMean(then, ["skip"]) : "";
    return [{ path, message: `must be skip or { mapping: NAME }${hint}` }];
  }
  const problems = unknownKeys(path, then, ["mapping"]);
  if (then.mapping === undefined) {
    problems.push({
      path,
      at: "key",
      message: 'missing "mapping" (a preset or a mapping named under mappings:)',
    });
  } else if (typeof then.mapping !== "string") {
    problems.push({
      path: [...path, "mapping"],
      message: "must be the name of a preset or of a mapping under mappings:",
    });
  } else {
    problems.push(...checkMappingName([...path, "mapping"], then.mapping, names));
  }
  return problems;
}

function unknownKeys(path: DocPath, value: Record<string, unknown>, known: readonly string[]): Problem[] {
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const hint = didYouMean(key, known) || `; expected one of: ${known.join(", ")}`;
      return { path: [...path, key], at: "key", ofKey: true, message: `unknown key "${key}"${hint}` };
    });
}

/** A sync's mapping as the engine takes it: a preset and the fields decided otherwise. */
export function resolveMapping(
  ref: string | MappingEntry,
  mappings: Record<string, MappingSpec>,
): { mapping: MappingName; fields: NonNullable<MappingSpec["fields"]>; mappingName?: string } {
  if (typeof ref !== "string") return { mapping: ref.preset, fields: ref.fields ?? {} };
  if (isPreset(ref)) return { mapping: ref, fields: {} };
  const named = mappings[ref]!;
  return { mapping: named.preset, fields: named.fields ?? {}, mappingName: ref };
}

/** Rules with the mappings they name spelled out, so a sync's rules stand on their own. */
export function resolveRules(rules: readonly RuleEntry[], mappings: Record<string, MappingSpec>): RuleSpec[] {
  return rules.map(({ name, when, then }) => ({
    name,
    when,
    action:
      then === "skip"
        ? "skip"
        : { mapping: isPreset(then.mapping) ? { preset: then.mapping } : mappings[then.mapping]! },
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
