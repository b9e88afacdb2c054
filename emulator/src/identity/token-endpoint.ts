import type { EmulatorContext } from "../context.js";
import type { AppRegistration, ServicePrincipal, Tenant } from "../world/types.js";
import { aadsts } from "./aadsts.js";
import { assertionSubject, JWT_BEARER, verifyClientAssertion } from "./client-assertion.js";

export interface TokenForm {
  grant_type?: string;
  client_id?: string;
  client_secret?: string;
  client_assertion_type?: string;
  client_assertion?: string;
  scope?: string;
}

export interface TokenRequest {
  /** The `{tenant}` path segment as sent (GUID, domain, common, organizations...). */
  tenant: string;
  form: TokenForm;
  authorization?: string;
}

/** The only resource this emulator issues tokens for. */
const GRAPH_RESOURCES = ["https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000"];

/** Client id and secret from `Authorization: Basic` (RFC 6749 §2.3.1: each part form-urlencoded). */
function basicCredentials(
  authorization: string | undefined,
): { clientId: string; secret: string } | undefined {
  const encoded = authorization?.match(/^Basic\s+(.+)$/i)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const part = (text: string) => decodeURIComponent(text.replace(/\+/g, " "));
  return { clientId: part(decoded.slice(0, colon)), secret: part(decoded.slice(colon + 1)) };
}

/** `.default` of Graph, alone: client credentials take exactly one resource's `.default`. */
function checkScope(scope: string | undefined): void {
  if (!scope) throw aadsts.missingParameter("scope");
  const scopes = scope.split(/\s+/).filter(Boolean);
  const ok =
    scopes.length === 1 &&
    GRAPH_RESOURCES.some((resource) => scopes[0]!.toLowerCase() === `${resource}/.default`);
  if (!ok) throw aadsts.invalidScope(scope);
}

/** The registration and its service principal in `tenant`, or 700016 as Entra answers. */
function appInTenant(ctx: EmulatorContext, tenant: Tenant, clientId: string) {
  const app = ctx.world.apps.get(clientId) ?? ctx.world.apps.get(clientId.toLowerCase());
  const sp = app ? tenant.servicePrincipals.get(app.clientId) : undefined;
  const reachable = app && sp && (app.multiTenant || app.homeTenantId === tenant.id);
  if (!app || !sp || !reachable) throw aadsts.appNotFound(clientId, tenant.domain);
  return { app, sp };
}

async function authenticateClient(
  ctx: EmulatorContext,
  request: TokenRequest,
  tenant: Tenant,
  found: { app: AppRegistration; secret?: string },
): Promise<void> {
  const { form } = request;
  if (form.client_assertion || form.client_assertion_type) {
    if (form.client_assertion_type !== JWT_BEARER)
      throw aadsts.unsupportedAssertionType(String(form.client_assertion_type));
    if (!form.client_assertion) throw aadsts.missingParameter("client_assertion");
    await verifyClientAssertion(form.client_assertion, {
      app: found.app,
      tenant,
      requestedTenant: request.tenant,
      baseUrl: ctx.url,
      now: ctx.clock.nowDate(),
    });
    return;
  }
  if (found.secret === undefined) throw aadsts.missingCredential();
  if (!found.app.secrets.includes(found.secret)) throw aadsts.invalidSecret(found.app.clientId);
}

/**
 * The client-credentials grant, checked in Entra's order: tenant, parameters, app in the tenant, client
 * authentication. Returns who the token is for; roles are decided at issuance (no consent -> none).
 */
export async function authorizeTokenRequest(
  ctx: EmulatorContext,
  request: TokenRequest,
): Promise<{ tenant: Tenant; app: AppRegistration; sp: ServicePrincipal }> {
  const tenant = ctx.world.tenantByIdOrDomain(request.tenant);
  if (!tenant) throw aadsts.tenantNotFound(request.tenant);
  const { form } = request;
  if (!form.grant_type) throw aadsts.missingParameter("grant_type");
  if (form.grant_type !== "client_credentials") throw aadsts.unsupportedGrantType(form.grant_type);
  const basic = basicCredentials(request.authorization);
  const clientId =
    form.client_id ??
    basic?.clientId ??
    (form.client_assertion ? assertionSubject(form.client_assertion) : undefined);
  if (!clientId) throw aadsts.missingParameter("client_id");
  checkScope(form.scope);
  const { app, sp } = appInTenant(ctx, tenant, clientId);
  await authenticateClient(ctx, request, tenant, { app, secret: form.client_secret ?? basic?.secret });
  return { tenant, app, sp };
}
