import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context.js";
import { parseBatch } from "./envelope.js";
import { BatchRun } from "./execute.js";

/**
 * `POST /v1.0/$batch` (JSON batching): every inner request runs through this same app, so it is
 * authenticated, throttled, faulted and counted on its own; the envelope answers 200 once it parses.
 */
export async function registerBatchRoutes(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  // `$` is no special character for Fastify's router; Graph's SDKs send it unencoded.
  app.post("/$batch", async (request: FastifyRequest) => {
    const items = parseBatch(request.body);
    const authorization = request.headers.authorization ?? "";
    const run = new BatchRun(app, ctx, request.principal!, authorization, items);
    return { responses: await run.execute() };
  });
}
