import type { FastifyInstance, FastifyReply } from "fastify";
import type { EmulatorContext } from "../context.js";
import type { AppRegistration, Tenant } from "../world/types.js";
import { AadstsError, aadsts } from "./aadsts.js";
import { consentPage, errorPage } from "./consent-page.js";
import { MULTI_TENANT_AUTHORITIES } from "./discovery.js";

interface ConsentQuery {
  client_id?: string;
  redirect_uri?: string;
  state?: string;
  scope?: string;
}

interface ConsentForm extends ConsentQuery {
  decision?: string;
  consent_tenant?: string;
}

/** What the emulated administrator does on the consent page (set through the control API). */
export interface ConsentDecision {
  /** "prompt" (default) shows the page; "accept"/"deny" answer at once, as if the admin had clicked. */
  decision: "prompt" | "accept" | "deny";
  /** The administrator's tenant, for /common and /organizations (default: the app's home tenant). */
  tenant?: string;
}

class ConsentPageError extends Error {
  constructor(readonly aadstsError: AadstsError) {
    super(aadstsError.message);
  }
}

const pageError = (error: AadstsError) => new ConsentPageError(error);

function redirectUriMismatch(uri: string, clientId: string) {
  return new AadstsError(
    400,
    "invalid_request",
    50011,
    `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
  );
}

interface Checked {
  app: AppRegistration;
  redirectUri: string;
  /** The tenant named in the URL; undefined for common/organizations. */
  tenant?: Tenant;
}

function check(ctx: EmulatorContext, authority: string, query: ConsentQuery): Checked {
  const multi = MULTI_TENANT_AUTHORITIES.has(authority.toLowerCase());
  const tenant = multi ? undefined : ctx.world.tenantByIdOrDomain(authority);
  if (!multi && !tenant) throw pageError(aadsts.tenantNotFound(authority));
  if (!query.client_id) throw pageError(aadsts.missingParameter("client_id"));
  const app = ctx.world.apps.get(query.client_id);
  if (!app) throw pageError(aadsts.appNotFound(query.client_id, tenant?.domain ?? authority));
  const redirectUri = query.redirect_uri ?? app.redirectUris[0];
  if (!redirectUri || !app.redirectUris.includes(redirectUri)) {
    throw pageError(redirectUriMismatch(query.redirect_uri ?? "", app.clientId));
  }
  return { app, redirectUri, tenant };
}

function redirectTo(reply: FastifyReply, redirectUri: string, params: Record<string, string | undefined>) {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return reply.code(302).header("location", url.toString()).send();
}

/** Accept: the admin's tenant gets every role the registration asks for; then back to the app. */
function accept(
  ctx: EmulatorContext,
  reply: FastifyReply,
  checked: Checked,
  adminTenant: string | undefined,
  state?: string,
) {
  const tenant = checked.tenant ?? ctx.world.tenantByIdOrDomain(adminTenant ?? checked.app.homeTenantId);
  if (!tenant) throw pageError(aadsts.tenantNotFound(adminTenant ?? ""));
  if (!checked.app.multiTenant && tenant.id !== checked.app.homeTenantId) {
    throw pageError(
      checked.tenant
        ? aadsts.appNotFound(checked.app.clientId, tenant.domain)
        : new AadstsError(
            400,
            "invalid_request",
            50194,
            `Application '${checked.app.clientId}'(${checked.app.displayName}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications. Use a tenant-specific endpoint or configure the application to be multi-tenant.`,
          ),
    );
  }
  ctx.world.grantConsent(tenant, checked.app);
  return redirectTo(reply, checked.redirectUri, { admin_consent: "True", tenant: tenant.id, state });
}

function deny(reply: FastifyReply, checked: Checked, state?: string) {
  return redirectTo(reply, checked.redirectUri, {
    error: "permission_denied",
    error_description: "The admin canceled the request",
    state,
  });
}

function decide(ctx: EmulatorContext, reply: FastifyReply, checked: Checked, form: ConsentForm) {
  if (form.decision === "accept") return accept(ctx, reply, checked, form.consent_tenant, form.state);
  if (form.decision === "deny") return deny(reply, checked, form.state);
  throw pageError(aadsts.missingParameter("decision"));
}

/**
 * The admin-consent endpoint. There is no interactive administrator, so the decision comes from the
 * control API (`PUT /_emulator/consent-decision`) when set, else from the Accept/Cancel page it serves.
 */
export function registerAdminConsentRoutes(login: FastifyInstance, ctx: EmulatorContext): void {
  login.get<{ Params: { tenant: string }; Querystring: ConsentQuery }>(
    "/:tenant/adminconsent",
    async (request, reply) => {
      const checked = check(ctx, request.params.tenant, request.query);
      const preset = ctx.identity.consentDecision;
      if (preset.decision !== "prompt") {
        return decide(ctx, reply, checked, {
          ...request.query,
          decision: preset.decision,
          consent_tenant: preset.tenant,
        });
      }
      const hidden: Record<string, string> = {
        client_id: checked.app.clientId,
        redirect_uri: checked.redirectUri,
      };
      if (request.query.state !== undefined) hidden.state = request.query.state;
      const html = consentPage({
        action: `/${encodeURIComponent(request.params.tenant)}/adminconsent`,
        appName: checked.app.displayName,
        clientId: checked.app.clientId,
        roles: checked.app.requiredRoles,
        hidden,
        tenants: checked.tenant ? undefined : [...ctx.world.tenants.values()],
      });
      return reply.type("text/html; charset=utf-8").send(html);
    },
  );
  login.post<{ Params: { tenant: string }; Body: ConsentForm }>(
    "/:tenant/adminconsent",
    async (request, reply) => {
      const form = request.body ?? {};
      return decide(ctx, reply, check(ctx, request.params.tenant, form), form);
    },
  );
}

/** Renders consent-page errors as Entra does: an HTML sign-in error page, not JSON. */
export function isConsentPageError(error: unknown): error is ConsentPageError {
  return error instanceof ConsentPageError;
}

export function renderConsentPageError(reply: FastifyReply, error: ConsentPageError) {
  const { code, description } = error.aadstsError;
  return reply.code(400).type("text/html; charset=utf-8").send(errorPage(code, description));
}
