import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";

/** Placeholder: filled in by its owner this session. */
export async function profileRoutes(_app: App, _settings: ServerSettings): Promise<void> {}
