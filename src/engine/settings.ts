import { fingerprint } from "../core/content-hash.js";
import { orThrow } from "../core/mapping/compiled.js";
import { compileMapping, type FieldOverrides } from "../core/mapping/custom.js";
import type { Mapping } from "../core/mapping/mapping.js";
import type { MappingPreset } from "../core/mapping/presets.js";
import type { PlanPolicy } from "../core/plan-input.js";
import { compileRules, type RuleSet, type RuleSpec } from "../core/rules/rules.js";

/** How one sync behaves, as the config file (or later the API) sets it. */
export interface SyncSettings {
  direction: PlanPolicy["direction"];
  /** The sync's mapping: a preset, or the preset a custom mapping starts from (see `fields`). */
  mapping: MappingPreset;
  /** A custom mapping's fields, decided otherwise than by the preset. None: the preset as it is. */
  fields?: FieldOverrides;
  /** Ordered; the first matching rule skips the event or picks another mapping. None: every event passes. */
  rules?: RuleSpec[];
  /** Events that ended more than this many days ago are never processed. */
  pastDays: number;
  copyReminders: boolean;
  /** A run that would delete at least this share of a profile's copies... */
  massDeletionShare: number;
  /** ...and at least this many, stops and asks for confirmation. */
  massDeletionMinimum: number;
  /** A side that suddenly lists nothing while links exist stops the run. */
  emptySideGuard: boolean;
}

interface CompiledSettings {
  /** What it was compiled from: settings changed in place are compiled again. */
  from: Pick<SyncSettings, "mapping" | "fields" | "rules">;
  mapping: Mapping;
  rules: RuleSet;
}

/**
 * Compiled once per settings object: a sync's settings serve all its profiles' runs, and compiling
 * (templates, regular expressions) is pure. Settings are validated when loaded, so compiling cannot fail
 * here short of a caller that skipped validation, which is a bug worth a loud error.
 */
const compiledSettings = new WeakMap<SyncSettings, CompiledSettings>();

function compile(settings: SyncSettings): CompiledSettings {
  const { mapping, fields, rules } = settings;
  let result = compiledSettings.get(settings);
  if (
    !result ||
    result.from.mapping !== mapping ||
    result.from.fields !== fields ||
    result.from.rules !== rules
  ) {
    result = {
      from: { mapping, fields, rules },
      mapping: orThrow(
        compileMapping({ preset: settings.mapping, fields: settings.fields ?? {} }),
        "mapping",
      ),
      rules: orThrow(compileRules(settings.rules ?? []), "rules"),
    };
    compiledSettings.set(settings, result);
  }
  return result;
}

/** The planner's policy for one run of a profile. */
export function planPolicy(
  settings: SyncSettings,
  run: { takeBaseline: boolean; merging: boolean },
): PlanPolicy {
  const { mapping, rules } = compile(settings);
  return {
    direction: settings.direction,
    pastDays: settings.pastDays,
    mapping,
    mappingOptions: { reminders: settings.copyReminders },
    rules,
    matchBySubjectAndTime: run.merging,
    takeBaseline: run.takeBaseline,
  };
}

/**
 * The settings that decide what a copy looks like and which events have one. Cursors remember it: when it
 * changes, the next run lists both mailboxes again so that existing copies follow (a new rule deletes the
 * copies it now skips, a new mapping rewrites them), not only the events that change afterwards.
 */
export function settingsFingerprint(settings: SyncSettings): string {
  const { direction, mapping, fields, rules, pastDays, copyReminders } = settings;
  const from = { direction, mapping, fields, rules, pastDays, copyReminders };
  const known = fingerprints.get(settings);
  if (known && (Object.keys(from) as Array<keyof typeof from>).every((key) => known.from[key] === from[key]))
    return known.hash;
  const hash = fingerprint(from);
  fingerprints.set(settings, { from, hash });
  return hash;
}

/**
 * Each run asks for its settings' fingerprint three times, and every run of a sync's profiles gets the same
 * settings object until the sync is edited (engine/stored-sync.ts): hashed once per object, and again
 * only when a part of it was replaced in place (as `compile` does).
 */
const fingerprints = new WeakMap<
  SyncSettings,
  {
    from: Pick<SyncSettings, "direction" | "mapping" | "fields" | "rules" | "pastDays" | "copyReminders">;
    hash: string;
  }
>();
