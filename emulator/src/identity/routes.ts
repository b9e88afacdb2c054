import formbody from "@fastify/formbody";
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";

interface TokenForm {
  grant_type?: string;
  client_id?: string;
  client_secret?: string;
  scope?: string;
}

/** Entra ID's login host: token endpoint (client credentials). */
export async function registerIdentityRoutes(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  await app.register(async (login) => {
    await login.register(formbody);
    login.get<{ Params: { tenant: string } }>(
      "/:tenant/v2.0/.well-known/openid-configuration",
      async (request) => {
        const base = `${ctx.url}/${request.params.tenant}`;
        const tenant = ctx.world.tenantByIdOrDomain(request.params.tenant);
        return {
          issuer: `${ctx.url}/${tenant?.id ?? request.params.tenant}/v2.0`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          token_endpoint_auth_methods_supported: [
            "client_secret_post",
            "private_key_jwt",
            "client_secret_basic",
          ],
          response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
          subject_types_supported: ["pairwise"],
          id_token_signing_alg_values_supported: ["RS256"],
          tenant_region_scope: "EU",
        };
      },
    );
    login.get("/:tenant/discovery/v2.0/keys", async () => ({ keys: [ctx.identity.publicJwk] }));
    login.post<{ Params: { tenant: string }; Body: TokenForm }>(
      "/:tenant/oauth2/v2.0/token",
      async (request, reply) => {
        const tenant = ctx.world.tenantByIdOrDomain(request.params.tenant);
        const form = request.body ?? {};
        const registration = form.client_id ? ctx.world.apps.get(form.client_id) : undefined;
        const sp = tenant && registration ? tenant.servicePrincipals.get(registration.clientId) : undefined;
        if (
          !tenant ||
          !registration ||
          !sp ||
          !form.client_secret ||
          !registration.secrets.includes(form.client_secret)
        ) {
          return reply.code(401).send({
            error: "invalid_client",
            error_description: "AADSTS7000215: Invalid client secret provided.",
          });
        }
        const accessToken = await ctx.identity.issueAppToken(tenant, registration, sp);
        return {
          token_type: "Bearer",
          expires_in: ctx.settings.tokenLifetimeSeconds,
          ext_expires_in: ctx.settings.tokenLifetimeSeconds,
          access_token: accessToken,
        };
      },
    );
  });
}
