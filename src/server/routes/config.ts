import { Type } from "typebox";
import { ApplyError, applyConfig } from "../../config/apply.js";
import { exportConfig } from "../../config/export.js";
import { ConfigError, parseConfig } from "../../config/load.js";
import { actorOf, principalOf } from "../auth/authenticate.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { secretsOf } from "./needs.js";

/**
 * /api/config: the config file of `crosscal apply` and `crosscal export`, over HTTP. Secrets named in an
 * applied file (`env:` or `file:`) are read from the service's own environment and files.
 */

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml"];
/** How messages name the applied text; relative secret files are read from the service's folder. */
const APPLIED_FILE = "config.yaml";

const Outcome = Type.Union([Type.Literal("created"), Type.Literal("updated"), Type.Literal("unchanged")]);
const Item = Type.Object({
  name: Type.String(),
  id: Type.String(),
  outcome: Outcome,
  changed: Type.Optional(Type.Array(Type.String(), { description: "what an update changed" })),
});
const Named = Type.Object({ id: Type.String(), name: Type.String() });
const Mailboxes = { sync: Type.String(), name: Type.String(), a: Type.String(), b: Type.String() };
export const ApplyReportSchema = Type.Object({
  dryRun: Type.Boolean({ description: "nothing was written" }),
  connections: Type.Array(Item),
  syncs: Type.Array(Item),
  profiles: Type.Array(Type.Object({ ...Mailboxes, id: Type.String(), outcome: Outcome })),
  notInFile: Type.Object(
    {
      connections: Type.Array(Named),
      syncs: Type.Array(Named),
      profiles: Type.Array(Type.Object({ id: Type.String(), ...Mailboxes })),
    },
    { description: "in the service but not in the file: left as they are" },
  ),
});

const ApplyBody = Type.Union(
  [
    Type.String({ description: "the config file (YAML), sent as application/yaml" }),
    Type.Object({ yaml: Type.String({ description: "the config file (YAML)" }) }),
  ],
  { description: "a config file: YAML text (application/yaml) or JSON { yaml }" },
);

export async function configRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.get(
    "/api/config",
    {
      schema: {
        summary: "Export connections, syncs and profiles as a config file (YAML; secrets never included)",
        tags: ["config"],
        produces: ["application/yaml"],
        response: responses({ 200: Type.String({ description: "YAML" }) }, [401]),
      },
    },
    async (_request, reply) => {
      const text = await exportConfig(settings.db);
      reply.type("application/yaml; charset=utf-8");
      return text;
    },
  );

  // The YAML body parser is scoped to this route: the rest of the API speaks JSON only.
  await app.register(async (scope: App) => {
    scope.addContentTypeParser(YAML_TYPES, { parseAs: "string" }, (_request, body, done) => done(null, body));
    scope.post(
      "/api/config",
      {
        schema: {
          summary:
            "Apply a config file: create or update its connections, syncs and profiles, all or nothing",
          tags: ["config"],
          consumes: ["application/json", ...YAML_TYPES],
          querystring: Type.Object({
            dryRun: Type.Optional(Type.Boolean({ description: "report what would change, write nothing" })),
          }),
          body: ApplyBody,
          response: responses({ 200: ApplyReportSchema }, [400, 401, 403, 409, 413, 415, 503]),
        },
      },
      async (request) => {
        const text = typeof request.body === "string" ? request.body : request.body.yaml;
        const config = await parseApplied(text);
        try {
          return await applyConfig(settings.db, secretsOf(settings), config, settings.now(), {
            dryRun: request.query.dryRun ?? false,
            actor: actorOf(principalOf(request)),
            ip: request.ip,
          });
        } catch (error) {
          if (error instanceof ApplyError) throw new ApiError(409, "config_conflict", error.message);
          throw error;
        }
      },
    );
  });
}

async function parseApplied(text: string) {
  try {
    return await parseConfig(text, { file: APPLIED_FILE, env: process.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new ApiError(400, "invalid_config", error.message, "body/yaml");
    }
    throw error;
  }
}
