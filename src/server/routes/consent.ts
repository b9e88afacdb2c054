import { Type } from "typebox";
import {
  type ConsentCompletion,
  type ConsentStart,
  checkConsentApp,
  completeConsent,
  startConsent,
} from "../../connections/consent.js";
import { auditActorOf } from "../audit.js";
import { ApiError, ErrorResponse, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { connectionErrors, Name, Tenant } from "./connection-input.js";
import { failedPage, outcomePage, sendConsentPage } from "./consent-page.js";
import { secretsOf } from "./needs.js";

/**
 * Connections through admin consent for the deployment's own multi-tenant app. POST makes the consent URL
 * (with a one-time `state`, kept hashed); the administrator's browser comes back from Entra ID to the
 * public GET, which checks the state, creates the connection and checks it live. The callback answers a
 * small HTML page (a person reads it), 200 on success and 4xx naming what went wrong, nothing created.
 */

export const CONSENT_PATH = "/api/connections/consent";

const ConsentBody = Type.Object({
  name: Name,
  // Without a tenant, the consent URL goes to /organizations: the administrator's own tenant.
  tenant: Type.Optional(Tenant),
});
const ConsentUrl = Type.Object({
  url: Type.String({
    description: "send the tenant's administrator here (a Global or Privileged Role Admin)",
  }),
  expiresAt: Type.String({ format: "date-time", description: "the URL works once, until then" }),
});
const Param = (description: string) => Type.Optional(Type.String({ maxLength: 2048, description }));
const CallbackQuery = Type.Object(
  {
    admin_consent: Param('"True" when the administrator granted consent'),
    tenant: Param("the tenant ID consent was granted in"),
    state: Param("the state the consent URL carried"),
    error: Param("why consent was not granted, e.g. permission_denied"),
    error_description: Param("Entra ID's explanation"),
  },
  // Entra ID adds parameters of its own (error_subcode=cancel, error_uri, scope): not ours to refuse.
  { additionalProperties: true },
);
const HtmlPage = Type.String({ description: "an HTML page for the administrator (text/html)" });

/** The flow's prerequisites, or 409 naming what to configure (503 for the missing key). */
function consentStart(settings: ServerSettings): ConsentStart {
  if (!settings.consentApp) {
    throw new ApiError(
      409,
      "consent_app_missing",
      "this deployment has no multi-tenant app for admin consent: set CROSSCAL_APP_CLIENT_ID and CROSSCAL_APP_CLIENT_SECRET and restart crosscal serve",
    );
  }
  if (!settings.publicUrl) {
    throw new ApiError(
      409,
      "public_url_missing",
      "admin consent needs the https address Entra ID sends the administrator back to: set --public-url (CROSSCAL_PUBLIC_URL) and restart crosscal serve",
    );
  }
  secretsOf(settings);
  const redirectUri = `${settings.publicUrl}${CONSENT_PATH}`;
  return { db: settings.db, app: settings.consentApp, redirectUri, now: settings.now };
}

/** The callback needs no public URL; a missing app or key is a failure page of its own (see the room). */
const consentCompletion = (settings: ServerSettings): ConsentCompletion => ({
  db: settings.db,
  app: settings.consentApp,
  secrets: settings.secrets,
  check: settings.connectionCheck,
  now: settings.now,
});

export async function consentRoutes(app: App, settings: ServerSettings): Promise<void> {
  if (settings.consentApp) checkConsentApp(settings.consentApp);

  app.post(
    CONSENT_PATH,
    {
      schema: {
        summary: "Start a connection through admin consent for this deployment's multi-tenant app",
        tags: ["connections"],
        body: ConsentBody,
        response: responses({ 200: ConsentUrl }, [400, 401, 403, 409, 413, 415, 503]),
      },
    },
    async (request) =>
      startConsent(consentStart(settings), request.body, auditActorOf(request)).catch(connectionErrors),
  );

  app.get(
    CONSENT_PATH,
    {
      config: { public: true },
      // Invalid parameters get the HTML page too, not the API's JSON error.
      attachValidation: true,
      schema: {
        summary: "Where Entra ID sends the administrator back after admin consent (answers an HTML page)",
        tags: ["connections"],
        security: [],
        querystring: CallbackQuery,
        response: { 200: HtmlPage, 400: HtmlPage, 409: HtmlPage, 503: HtmlPage, "5xx": ErrorResponse },
      },
    },
    async (request, reply) => {
      if (request.validationError) {
        const lines = [`The address is not valid: ${request.validationError.message}.`];
        return sendConsentPage(reply, failedPage(400, lines));
      }
      const outcome = await completeConsent(consentCompletion(settings), request.query, request.ip);
      if (outcome.kind === "created") {
        const { name, status } = outcome.connection;
        request.log.info({ connection: name, status }, "connection created through admin consent");
      }
      return sendConsentPage(reply, outcomePage(outcome));
    },
  );
}
