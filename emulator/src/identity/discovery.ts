import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";
import { AadstsError, aadsts } from "./aadsts.js";

/** Authority segments that name no tenant: the tenant is decided by who signs in. */
export const MULTI_TENANT_AUTHORITIES = new Set(["common", "organizations", "consumers"]);

const tenantNotFoundForMetadata = (tenant: string) => {
  const { description, code } = aadsts.tenantNotFound(tenant);
  return new AadstsError(400, "invalid_tenant", code, description);
};

/** OpenID configuration as Entra serves it: a named tenant's endpoints carry its GUID. */
function openIdConfiguration(ctx: EmulatorContext, requested: string) {
  const multi = MULTI_TENANT_AUTHORITIES.has(requested.toLowerCase());
  const tenant = multi ? undefined : ctx.world.tenantByIdOrDomain(requested);
  if (!multi && !tenant) throw tenantNotFoundForMetadata(requested);
  const segment = tenant?.id ?? requested.toLowerCase();
  const base = `${ctx.url}/${segment}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${ctx.url}/${tenant?.id ?? "{tenantid}"}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.url}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce", "tid", "ver", "oid"],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: tenant ? "EU" : null,
    cloud_instance_name: new URL(ctx.url).host,
    cloud_graph_host_name: new URL(ctx.url).host,
    msgraph_host: new URL(ctx.url).host,
    rbac_url: ctx.url,
  };
}

/**
 * Instance discovery in MSAL's shape. Only this emulator's own host is a known instance; any other
 * `authorization_endpoint` gets `invalid_instance`, which MSAL turns into an untrusted-authority error.
 */
function instanceDiscovery(ctx: EmulatorContext, authorizationEndpoint: string | undefined) {
  if (!authorizationEndpoint) {
    throw new AadstsError(
      400,
      "invalid_request",
      90014,
      "The required field 'authorization_endpoint' is missing.",
    );
  }
  let url: URL;
  try {
    url = new URL(authorizationEndpoint);
  } catch {
    throw new AadstsError(400, "invalid_instance", 50049, "Unknown or invalid instance.");
  }
  const host = new URL(ctx.url).host;
  if (url.protocol !== "https:" || url.host !== host) {
    throw new AadstsError(400, "invalid_instance", 50049, "Unknown or invalid instance.");
  }
  const tenant = url.pathname.split("/").filter(Boolean)[0] ?? "common";
  return {
    tenant_discovery_endpoint: `${ctx.url}/${tenant}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}

export function registerDiscoveryRoutes(login: FastifyInstance, ctx: EmulatorContext): void {
  login.get<{ Querystring: { authorization_endpoint?: string } }>(
    "/common/discovery/instance",
    async (request) => instanceDiscovery(ctx, request.query.authorization_endpoint),
  );
  login.get<{ Params: { tenant: string } }>(
    "/:tenant/v2.0/.well-known/openid-configuration",
    async (request) => openIdConfiguration(ctx, request.params.tenant),
  );
  const keys = async (request: { params: { tenant: string } }) => {
    const requested = request.params.tenant;
    if (!MULTI_TENANT_AUTHORITIES.has(requested.toLowerCase()) && !ctx.world.tenantByIdOrDomain(requested)) {
      throw tenantNotFoundForMetadata(requested);
    }
    return { keys: [ctx.identity.publicJwk] };
  };
  login.get<{ Params: { tenant: string } }>("/:tenant/discovery/v2.0/keys", keys);
  login.get<{ Params: { tenant: string } }>("/:tenant/discovery/keys", keys);
}
