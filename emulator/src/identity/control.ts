import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";
import { badRequest } from "../graph/errors.js";
import type { ConsentDecision } from "./admin-consent.js";

const DECISIONS = new Set(["prompt", "accept", "deny"]);

/**
 * Identity part of the control API. `PUT /consent-decision {decision: "accept"|"deny"|"prompt", tenant?}`
 * stands in for the administrator on the admin-consent page: until changed, every consent request is
 * answered at once with that decision (`tenant` = the admin's tenant for /common and /organizations).
 */
export async function registerIdentityControl(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  app.get("/consent-decision", async () => ctx.identity.consentDecision);
  app.put<{ Body: Partial<ConsentDecision> }>("/consent-decision", async (request) => {
    const decision = request.body?.decision;
    if (!decision || !DECISIONS.has(decision))
      throw badRequest("decision must be 'accept', 'deny' or 'prompt'");
    const tenant = request.body?.tenant;
    if (tenant !== undefined && !ctx.world.tenantByIdOrDomain(tenant))
      throw badRequest(`unknown tenant ${tenant}`);
    ctx.identity.consentDecision = tenant === undefined ? { decision } : { decision, tenant };
    return ctx.identity.consentDecision;
  });
}
