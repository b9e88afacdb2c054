export type { Action, ActionType, SkipReason } from "./actions.js";
export type { CalendarPort, ChangeBatch, Window } from "./calendar-port.js";
export { contentHash, transactionIdFor } from "./content-hash.js";
export * from "./event.js";
export type { Mapping, MappingOptions } from "./mapping/mapping.js";
export { MAPPING_PRESETS, type MappingPreset } from "./mapping/presets.js";
export { originalsToFetch } from "./plan-copies.js";
export type { LinkState, PlanInput, PlanPolicy, RuleVerdict, SideChanges } from "./plan-input.js";
export { meetingsToLookUp, plan } from "./planner.js";
