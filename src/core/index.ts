export type { Action, ActionType, SkipReason } from "./actions.js";
export type { CalendarPort, ChangeBatch, Window } from "./calendar-port.js";
export { contentHash, transactionIdFor } from "./content-hash.js";
export {
  type CopyDecision,
  type CopyPreview,
  type DecidedBy,
  decideCopy,
  previewCopy,
} from "./copy-decision.js";
export * from "./event.js";
export type { Compiled, SpecProblem } from "./mapping/compiled.js";
export {
  compileMapping,
  type FieldMode,
  type FieldOverrides,
  MAPPED_FIELDS,
  type MappedField,
  type MappingSpec,
  TEMPLATE_FIELDS,
} from "./mapping/custom.js";
export type { Mapping, MappingOptions } from "./mapping/mapping.js";
export { MAPPING_PRESETS, type MappingPreset } from "./mapping/presets.js";
export { PLACEHOLDERS, type Placeholder } from "./mapping/template.js";
export { originalsToFetch } from "./plan-copies.js";
export type { LinkState, PlanInput, PlanPolicy, RuleRef, RuleVerdict, SideChanges } from "./plan-input.js";
export { copySeriesToRead } from "./plan-instances.js";
export { meetingsToLookUp, plan, planInstancesOnly } from "./planner.js";
export { CONDITIONS, type RuleConditions } from "./rules/conditions.js";
export { copyContent } from "./rules/content-for.js";
export { compileRules, NO_RULES, type RuleSet, type RuleSpec } from "./rules/rules.js";
