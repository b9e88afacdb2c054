import { busyMapping } from "./busy.js";
import { fullDetailsMapping } from "./full-details.js";
import type { Mapping } from "./mapping.js";

export const MAPPING_PRESETS = {
  "full-details": fullDetailsMapping,
  busy: busyMapping,
} as const satisfies Record<string, Mapping>;

export type MappingPreset = keyof typeof MAPPING_PRESETS;
