import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context.js";
import { GraphError } from "../graph/errors.js";
import type { GraphPrincipal } from "../graph/principal.js";
import { renderSubscription, type Subscription } from "./model.js";

type IdParams = { id: string };

function principalOf(request: FastifyRequest): GraphPrincipal {
  if (!request.principal) throw new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.");
  return request.principal;
}

/** Graph's `/subscriptions` API (mounted under /v1.0). */
export async function registerSubscriptionRoutes(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  const service = ctx.subscriptions;
  const entity = (sub: Subscription) => ({
    "@odata.context": `${ctx.url}/v1.0/$metadata#subscriptions/$entity`,
    ...renderSubscription(sub),
  });

  app.post("/subscriptions", async (request, reply) => {
    const sub = await service.create(principalOf(request), request.body);
    return reply.code(201).send(entity(sub));
  });

  app.get("/subscriptions", async (request) => ({
    "@odata.context": `${ctx.url}/v1.0/$metadata#subscriptions`,
    value: service.listFor(principalOf(request)).map(renderSubscription),
  }));

  app.get<{ Params: IdParams }>("/subscriptions/:id", async (request) =>
    entity(service.get(principalOf(request), request.params.id)),
  );

  app.patch<{ Params: IdParams }>("/subscriptions/:id", async (request) =>
    entity(await service.update(principalOf(request), request.params.id, request.body)),
  );

  app.delete<{ Params: IdParams }>("/subscriptions/:id", async (request, reply) => {
    service.remove(principalOf(request), request.params.id);
    return reply.code(204).send();
  });

  app.post<{ Params: IdParams }>("/subscriptions/:id/reauthorize", async (request, reply) => {
    service.reauthorize(principalOf(request), request.params.id);
    return reply.code(204).send();
  });
}
