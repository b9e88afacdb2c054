import { sql } from "kysely";
import { Type } from "typebox";
import { migrations } from "../../store/migrations/index.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";

const Status = Type.Object({ status: Type.String() });

/** What is missing before the database can serve: undefined when it is reachable and fully migrated. */
async function unreadiness(settings: ServerSettings): Promise<string | undefined> {
  let applied: string[];
  try {
    const result = await sql<{ name: string }>`select name from kysely_migration`.execute(settings.db);
    applied = result.rows.map((row) => row.name);
  } catch {
    // Unreachable, or reachable but never migrated (no migration table): either way not ready.
    return "the database is unreachable or not migrated";
  }
  const missing = Object.keys(migrations).filter((name) => !applied.includes(name));
  return missing.length > 0 ? `the database lacks migrations ${missing.join(", ")}` : undefined;
}

/** Liveness and readiness probes for orchestrators: public, cheap, and saying nothing secret. */
export async function healthRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.get(
    "/healthz",
    {
      config: { public: true },
      schema: {
        summary: "Liveness: the process is up",
        tags: ["health"],
        security: [],
        response: responses({ 200: Status }, []),
      },
    },
    async () => ({ status: "ok" }),
  );
  app.get(
    "/readyz",
    {
      config: { public: true },
      schema: {
        summary: "Readiness: the database is reachable and migrated",
        tags: ["health"],
        security: [],
        response: responses({ 200: Status }, [503]),
      },
    },
    async () => {
      const problem = await unreadiness(settings);
      if (problem) throw new ApiError(503, "not_ready", problem);
      return { status: "ready" };
    },
  );
}
