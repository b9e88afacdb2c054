import type { MappingPreset } from "../core/mapping/presets.js";
import { MAPPING_PRESETS } from "../core/mapping/presets.js";
import type { PlanPolicy } from "../core/plan-input.js";

/** How one sync behaves, as the config file (or later the API) sets it. */
export interface SyncSettings {
  direction: PlanPolicy["direction"];
  mapping: MappingPreset;
  /** Events that ended more than this many days ago are never processed. */
  pastDays: number;
  copyReminders: boolean;
  /** A run that would delete at least this share of a profile's copies... */
  massDeletionShare: number;
  /** ...and at least this many, stops and asks for confirmation. */
  massDeletionMinimum: number;
  /** A side that suddenly lists nothing while copies exist stops the run. */
  emptySideGuard: boolean;
}

/** The planner's policy for one run of a profile. */
export function planPolicy(
  settings: SyncSettings,
  run: { takeBaseline: boolean; merging: boolean },
): PlanPolicy {
  return {
    direction: settings.direction,
    pastDays: settings.pastDays,
    mapping: MAPPING_PRESETS[settings.mapping],
    mappingOptions: { reminders: settings.copyReminders },
    rules: () => ({ pass: true }),
    matchBySubjectAndTime: run.merging,
    takeBaseline: run.takeBaseline,
  };
}
