import formbody from "@fastify/formbody";
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";
import { AadstsError, aadstsBody } from "./aadsts.js";
import { isConsentPageError, registerAdminConsentRoutes, renderConsentPageError } from "./admin-consent.js";
import { registerDiscoveryRoutes } from "./discovery.js";
import { authorizeTokenRequest, type TokenForm } from "./token-endpoint.js";

/** Entra ID's login host: discovery documents, the token endpoint (client credentials), admin consent. */
export async function registerIdentityRoutes(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  await app.register(async (login) => {
    await login.register(formbody);
    // The login host answers in its own shapes (AADSTS JSON, HTML pages), never Graph's error envelope.
    login.setErrorHandler((error, request, reply) => {
      if (isConsentPageError(error)) return renderConsentPageError(reply, error);
      if (!(error instanceof AadstsError)) throw error;
      const correlation = request.headers["client-request-id"];
      const body = aadstsBody(
        error,
        ctx.clock.nowDate(),
        ctx.url,
        typeof correlation === "string" ? correlation : undefined,
      );
      return reply.code(error.status).header("cache-control", "no-store, no-cache").send(body);
    });
    registerDiscoveryRoutes(login, ctx);
    registerAdminConsentRoutes(login, ctx);
    login.post<{ Params: { tenant: string }; Body: TokenForm }>(
      "/:tenant/oauth2/v2.0/token",
      async (request, reply) => {
        const {
          tenant,
          app: registration,
          sp,
        } = await authorizeTokenRequest(ctx, {
          tenant: request.params.tenant,
          form: request.body ?? {},
          authorization: request.headers.authorization,
        });
        const accessToken = await ctx.identity.issueAppToken(tenant, registration, sp);
        return reply.header("cache-control", "no-store, no-cache").send({
          token_type: "Bearer",
          expires_in: ctx.settings.tokenLifetimeSeconds,
          ext_expires_in: ctx.settings.tokenLifetimeSeconds,
          access_token: accessToken,
        });
      },
    );
  });
}
