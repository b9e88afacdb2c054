import type { SyncRow } from "../store/schema.js";
import type { SyncSettings } from "./settings.js";

interface Parsed {
  /** The JSON text it was parsed from (timestamps can tie for two quick edits; the text cannot lie). */
  text: string;
  settings: SyncSettings;
}

/**
 * One settings object per sync and version: the engine compiles a settings object's mapping and rules
 * once (a WeakMap keyed by the object), so every run of a sync's profiles must get the same object until
 * the sync is edited. Settings are validated when written (API, `crosscal apply`), so this only parses.
 */
const parsed = new Map<string, Parsed>();

export function settingsOfSync(row: SyncRow): SyncSettings {
  const cached = parsed.get(row.id);
  if (cached?.text === row.settings) return cached.settings;
  const settings = JSON.parse(row.settings) as SyncSettings;
  parsed.set(row.id, { text: row.settings, settings });
  return settings;
}
