import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";
import { GraphError } from "../graph/errors.js";
import type { FaultInput } from "./faults.js";
import type { TrafficLimits } from "./traffic.js";

/** The traffic half of the control API: limits, faults, latency. */
export async function registerTrafficControl(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  app.get("/limits", async () => ctx.traffic.limits);
  app.put<{ Body: Partial<TrafficLimits> }>("/limits", async (request) =>
    ctx.traffic.setLimits(request.body ?? {}),
  );

  app.get("/faults", async () => ctx.traffic.faults);
  app.post<{ Body: FaultInput }>("/faults", async (request, reply) =>
    reply.code(201).send(ctx.traffic.addFault(request.body ?? {})),
  );
  app.delete("/faults", async (_request, reply) => {
    ctx.traffic.clearFaults();
    return reply.code(204).send();
  });
  app.delete<{ Params: { id: string } }>("/faults/:id", async (request, reply) => {
    if (!ctx.traffic.removeFault(request.params.id)) {
      throw new GraphError(404, "NotFound", `unknown fault ${request.params.id}`);
    }
    return reply.code(204).send();
  });

  app.get("/latency", async () => ({ ms: ctx.traffic.latencyMs }));
  app.put<{ Body: { ms: number } }>("/latency", async (request) => {
    ctx.traffic.setLatency(request.body?.ms);
    return { ms: ctx.traffic.latencyMs };
  });

  app.post("/traffic/reset", async () => {
    ctx.traffic.reset();
    return { ok: true };
  });
}
