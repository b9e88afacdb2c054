import { Type } from "typebox";
import { ApplyError, applyConfig, DriftError } from "../../config/apply.js";
import { exportConfig } from "../../config/export.js";
import { ConfigError, parseConfig } from "../../config/load.js";
import type { Config } from "../../config/types.js";
import { listConnections } from "../../store/connections.js";
import { actorOf, principalOf } from "../auth/authenticate.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { allowConfigEndpoints } from "./connection-input.js";
import { secretsOf } from "./needs.js";

/**
 * /api/config: the config file of `crosscal apply` and `crosscal export`, over HTTP. Over HTTP a client
 * secret is given as its value (`clientSecret: { value }`, sealed at once) or left out to keep the stored
 * one; `env:` and `file:` are refused without being looked at (the server's environment and files are its
 * operator's, not an API caller's). New or moved custom endpoints must pass the deployment's policy.
 */

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml"];
/** How messages name the applied text. */
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
  drift: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal("connection"), Type.Literal("sync")]),
      name: Type.String(),
      fields: Type.Array(Type.String()),
    }),
    {
      description:
        "changed in the service since the file was last applied, and reverted by the file (refused with 409 config_drift unless overwrite=true)",
    },
  ),
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
            overwrite: Type.Optional(
              Type.Boolean({
                description:
                  "take the file's version over changes made in the service since it was last applied",
              }),
            ),
          }),
          body: ApplyBody,
          response: responses({ 200: ApplyReportSchema }, [400, 401, 403, 409, 413, 415, 503]),
        },
      },
      async (request) => {
        const text = typeof request.body === "string" ? request.body : request.body.yaml;
        const config = await parseApplied(text);
        await allowNewEndpoints(settings, config);
        try {
          return await applyConfig(settings.db, secretsOf(settings), config, settings.now(), {
            dryRun: request.query.dryRun ?? false,
            overwrite: request.query.overwrite ?? false,
            actor: actorOf(principalOf(request)),
            ip: request.ip,
          });
        } catch (error) {
          if (error instanceof DriftError) throw new ApiError(409, "config_drift", error.message);
          if (error instanceof ApplyError) throw new ApiError(409, "config_conflict", error.message);
          throw error;
        }
      },
    );
  });
}

/** Custom endpoints a config brings that the store does not hold yet must pass the deployment's policy. */
async function allowNewEndpoints(settings: ServerSettings, config: Config): Promise<void> {
  const stored = new Map((await listConnections(settings.db)).map((row) => [row.name, row]));
  for (const connection of config.connections) {
    if (connection.cloud !== "custom") continue;
    const row = stored.get(connection.name);
    const { authority, graph } = connection.endpoints;
    if (row?.cloud === "custom" && row.authorityHost === authority && row.graphHost === graph) continue;
    await allowConfigEndpoints(
      settings.endpointPolicy,
      { cloud: "custom", authorityHost: authority, graphHost: graph },
      `body/yaml/connections/${connection.name}/endpoints`,
    );
  }
}

async function parseApplied(text: string) {
  try {
    return await parseConfig(text, { origin: "api", file: APPLIED_FILE });
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new ApiError(400, "invalid_config", error.message, "body/yaml");
    }
    throw error;
  }
}
