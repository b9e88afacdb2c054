import type { StartMode } from "./schema.js";

/**
 * A start mode as the config file, the sync document and the group bindings API spell it ("only-new"),
 * and as the store keeps it ("only_new"). Written once here, beside the store's type: the store is the
 * lowest room every side of the conversion (config, profiles, server) may import.
 */
export type DocumentStartMode = "only-new" | "merge";

export const storedStartMode = (mode: DocumentStartMode): StartMode =>
  mode === "only-new" ? "only_new" : "merge";

export const documentStartMode = (mode: StartMode): DocumentStartMode =>
  mode === "only_new" ? "only-new" : "merge";
