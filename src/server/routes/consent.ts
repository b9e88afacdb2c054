import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { type Static, Type } from "typebox";
import { checkStoredConnection, recordCheckAndSchedule } from "../../connections/connection-recheck.js";
import { recordAudit } from "../../store/admin-audit.js";
import { type ConnectionRow, findConnectionByName, insertConnection } from "../../store/connections.js";
import {
  deleteExpiredConsentRequests,
  insertConsentRequest,
  takeConsentRequest,
} from "../../store/consent-requests.js";
import { type Store, transaction } from "../../store/database.js";
import { StoreConflictError } from "../../store/errors.js";
import type { ConsentRequestRow } from "../../store/schema.js";
import { actorOf, principalOf } from "../auth/authenticate.js";
import { type ConsentApp, consentAuthority } from "../consent-app.js";
import { ApiError, ErrorResponse, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { endpointColumns, Name, sealCredential, Tenant } from "./connection-input.js";
import { type ConsentPage, sendConsentPage } from "./consent-page.js";
import { secretsOf } from "./needs.js";

/**
 * Connections through admin consent for the deployment's own multi-tenant app. POST makes the consent URL
 * (with a one-time `state`, kept hashed); the administrator's browser comes back from Entra ID to the
 * public GET, which checks the state, creates the connection and checks it live. The callback answers a
 * small HTML page (a person reads it), 200 on success and 4xx naming what went wrong, nothing created.
 */

export const CONSENT_PATH = "/api/connections/consent";
const REQUEST_LIFETIME_MS = 15 * 60_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
type Callback = Static<typeof CallbackQuery>;
const HtmlPage = Type.String({ description: "an HTML page for the administrator (text/html)" });

export const hashState = (state: string) => createHash("sha256").update(state, "utf8").digest("hex");

/** The flow's prerequisites, or 409 naming what to configure (503 for the missing key). */
function consentSetup(settings: ServerSettings): { app: ConsentApp; redirectUri: string } {
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
  return { app: settings.consentApp, redirectUri: `${settings.publicUrl}${CONSENT_PATH}` };
}

function consentUrl(app: ConsentApp, redirectUri: string, tenant: string | undefined, state: string): string {
  const url = new URL(
    `${consentAuthority(app)}/${encodeURIComponent(tenant ?? "organizations")}/adminconsent`,
  );
  url.searchParams.set("client_id", app.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("state", state);
  return url.toString();
}

export async function consentRoutes(app: App, settings: ServerSettings): Promise<void> {
  // A misconfigured consent app stops the service at start, not at the first administrator's click.
  if (settings.consentApp) {
    consentAuthority(settings.consentApp);
    endpointColumns(settings.consentApp.cloud ?? "global", settings.consentApp.endpoints);
  }

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
    async (request) => {
      const { app: consentApp, redirectUri } = consentSetup(settings);
      const { name, tenant } = request.body;
      if (await findConnectionByName(settings.db, name)) {
        throw new ApiError(
          409,
          "connection_name_taken",
          `a connection named "${name}" already exists`,
          "body/name",
        );
      }
      const state = randomBytes(32).toString("base64url");
      const now = settings.now();
      const expiresAt = new Date(now.getTime() + REQUEST_LIFETIME_MS).toISOString();
      const actor = actorOf(principalOf(request));
      await transaction(settings.db, async (trx) => {
        await deleteExpiredConsentRequests(trx, now);
        const pending = {
          stateHash: hashState(state),
          connectionName: name,
          tenant: tenant ?? null,
          actor,
          expiresAt,
        };
        await insertConsentRequest(trx, pending, now);
        const detail = { name, tenant: tenant ?? null, expiresAt };
        await recordAudit(
          trx,
          { action: "connection_consent_requested", actor, ip: request.ip, detail },
          now,
        );
      });
      return { url: consentUrl(consentApp, redirectUri, tenant, state), expiresAt };
    },
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
        return sendConsentPage(
          reply,
          failed(400, [`The address is not valid: ${request.validationError.message}.`]),
        );
      }
      const outcome = await completeConsent(settings, request, request.query);
      if (outcome.kind === "failed") return sendConsentPage(reply, outcome.page);
      const checked = await checkNewConnection(settings, outcome.row);
      request.log.info(
        { connection: checked.name, status: checked.status },
        "connection created through admin consent",
      );
      return sendConsentPage(reply, createdPage(checked));
    },
  );
}

type Outcome = { kind: "created"; row: ConnectionRow } | { kind: "failed"; page: ConsentPage };

const failed = (status: ConsentPage["status"], lines: string[]): ConsentPage => ({
  status,
  title: "No connection was created",
  lines,
});
const failure = (status: ConsentPage["status"], ...lines: string[]): Outcome => ({
  kind: "failed",
  page: failed(status, lines),
});
const START_AGAIN = "Start again from crosscal: a consent link works once, for 15 minutes.";

/**
 * Takes the request the state names (so it works once, whatever follows) and, in the same transaction,
 * creates the connection. Failures are outcomes, not exceptions: the used state must stay deleted.
 */
async function completeConsent(
  settings: ServerSettings,
  request: FastifyRequest,
  query: Callback,
): Promise<Outcome> {
  const state = query.state;
  if (!state)
    return failure(
      400,
      "The address carries no state: it did not come from a consent link of crosscal.",
      START_AGAIN,
    );
  const now = settings.now();
  // Taken in a commit of its own: a state is used up by its first callback, whatever becomes of it.
  const pending = await takeConsentRequest(settings.db, hashState(state));
  if (!pending) return failure(400, "This consent link is unknown or was used already.", START_AGAIN);
  if (pending.expiresAt <= now.toISOString())
    return failure(400, "This consent link has expired.", START_AGAIN);
  const refused = refusal(query, pending);
  if (refused) {
    const detail = { name: pending.connectionName, error: query.error ?? "invalid_callback" };
    await recordAudit(
      settings.db,
      { action: "connection_consent_failed", actor: pending.actor, ip: request.ip, detail },
      now,
    );
    return refused;
  }
  try {
    return await transaction(settings.db, (trx) =>
      createConnection(trx, settings, request, pending, query.tenant as string, now),
    );
  } catch (error) {
    if (error instanceof StoreConflictError) {
      return failure(409, "A connection with this name was created meanwhile.", START_AGAIN);
    }
    if (error instanceof ApiError) return failure(error.statusCode === 503 ? 503 : 409, `${error.message}.`);
    throw error;
  }
}

/** What is wrong with a callback that carries a valid state: denied consent, or missing parameters. */
function refusal(query: Callback, pending: ConsentRequestRow): Outcome | undefined {
  if (query.error) {
    const said = query.error_description ? ` (${query.error_description})` : "";
    return failure(
      400,
      `The administrator did not grant consent: ${query.error}${said}.`,
      "Ask an administrator of the tenant (Global Administrator or Privileged Role Administrator) to start again.",
    );
  }
  if (query.admin_consent?.toLowerCase() !== "true" || !query.tenant || !GUID.test(query.tenant)) {
    return failure(400, "Entra ID's answer lacks admin_consent=True or the tenant ID.", START_AGAIN);
  }
  if (
    pending.tenant &&
    GUID.test(pending.tenant) &&
    pending.tenant.toLowerCase() !== query.tenant.toLowerCase()
  ) {
    return failure(
      400,
      `Consent was granted in tenant ${query.tenant}, not in ${pending.tenant} as requested.`,
      START_AGAIN,
    );
  }
  return undefined;
}

async function createConnection(
  trx: Store,
  settings: ServerSettings,
  request: FastifyRequest,
  pending: ConsentRequestRow,
  tenant: string,
  now: Date,
): Promise<Outcome> {
  const consentApp = settings.consentApp;
  if (!consentApp) return failure(409, "This deployment no longer has a multi-tenant app for admin consent.");
  if (await findConnectionByName(trx, pending.connectionName)) {
    return failure(409, `A connection named "${pending.connectionName}" exists already.`, START_AGAIN);
  }
  const id = randomUUID();
  const row = await insertConnection(
    trx,
    {
      id,
      name: pending.connectionName,
      tenant: tenant.toLowerCase(),
      clientId: consentApp.clientId,
      probeMailbox: null,
      ...sealCredential(secretsOf(settings), id, consentApp),
      ...endpointColumns(consentApp.cloud ?? "global", consentApp.endpoints),
    },
    now,
  );
  const detail = {
    connectionId: id,
    name: row.name,
    credentialKind: row.credentialKind,
    via: "admin_consent",
    tenant,
  };
  await recordAudit(trx, { action: "connection_created", actor: pending.actor, ip: request.ip, detail }, now);
  return { kind: "created", row };
}

/** The first live check of a connection made through consent; re-checks follow while consent propagates. */
async function checkNewConnection(settings: ServerSettings, row: ConnectionRow): Promise<ConnectionRow> {
  const result = await checkStoredConnection(secretsOf(settings), row, settings.connectionCheck);
  const now = settings.now();
  const checked = await transaction(settings.db, (trx) =>
    recordCheckAndSchedule(trx, row.id, result, 0, now),
  );
  return checked ?? row;
}

function createdPage(row: ConnectionRow): ConsentPage {
  const connected = row.status === "connected";
  return {
    status: 200,
    title: connected ? `Connection ${row.name} is connected` : `Connection ${row.name} was created`,
    lines: [
      `Tenant ${row.tenant} granted admin consent; crosscal signs in there as app ${row.clientId}.`,
      `Live check: ${row.status.replaceAll("_", " ")}${row.statusReason ? ` (${row.statusReason})` : ""}.`,
      ...(row.recheckAt
        ? [
            `Consent takes a few minutes to reach every Microsoft server: crosscal checks again at ${row.recheckAt}.`,
          ]
        : []),
    ],
  };
}
