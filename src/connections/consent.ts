import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { SecretBox } from "../secrets/secret-box.js";
import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import { type ConnectionRow, findConnectionByName, insertConnection } from "../store/connections.js";
import {
  deleteExpiredConsentRequests,
  insertConsentRequest,
  takeConsentRequest,
} from "../store/consent-requests.js";
import { type Store, transaction } from "../store/database.js";
import { StoreConflictError } from "../store/errors.js";
import type { ConsentRequestRow } from "../store/schema.js";
import type { ConnectionCheckOptions } from "./connection-check.js";
import { checkStoredConnection, recordCheckAndSchedule } from "./connection-recheck.js";
import { type ConsentApp, consentAuthority } from "./consent-app.js";
import { sealCredential } from "./credentials.js";
import { endpointColumns } from "./endpoint-columns.js";
import { ConnectionInputError, ConnectionNameTakenError } from "./errors.js";

/**
 * Connections through admin consent for the deployment's own multi-tenant app. `startConsent` makes the
 * consent URL with a one-time `state`, kept hashed; the administrator's browser comes back from Entra ID
 * with it, and `completeConsent` checks the state, creates the connection and checks it live.
 */

/** A consent URL works once, for this long. */
export const CONSENT_LIFETIME_MS = 15 * 60_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const hashState = (state: string) => createHash("sha256").update(state, "utf8").digest("hex");

/** A misconfigured consent app stops the service at start, not at the first administrator's click. */
export function checkConsentApp(app: ConsentApp): void {
  consentAuthority(app);
  endpointColumns(app.cloud ?? "global", app.endpoints);
}

export interface ConsentStart {
  db: Store;
  app: ConsentApp;
  /** Where Entra ID sends the administrator back: the callback's public https address. */
  redirectUri: string;
  now: () => Date;
}

/** The consent URL for a new connection `name` (in `tenant`, else the administrator's own). */
export async function startConsent(
  deps: ConsentStart,
  wanted: { name: string; tenant?: string | undefined },
  by: AuditActor,
): Promise<{ url: string; expiresAt: string }> {
  const { name, tenant } = wanted;
  if (await findConnectionByName(deps.db, name)) throw new ConnectionNameTakenError(name);
  const state = randomBytes(32).toString("base64url");
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + CONSENT_LIFETIME_MS).toISOString();
  await transaction(deps.db, async (trx) => {
    await deleteExpiredConsentRequests(trx, now);
    const pending = { stateHash: hashState(state), connectionName: name, tenant: tenant ?? null, expiresAt };
    await insertConsentRequest(trx, { ...pending, actor: by.actor }, now);
    const detail = { name, tenant: tenant ?? null, expiresAt };
    await recordAudit(trx, { action: "connection_consent_requested", ...by, detail }, now);
  });
  return { url: consentUrl(deps, tenant, state), expiresAt };
}

function consentUrl(deps: ConsentStart, tenant: string | undefined, state: string): string {
  const url = new URL(
    `${consentAuthority(deps.app)}/${encodeURIComponent(tenant ?? "organizations")}/adminconsent`,
  );
  url.searchParams.set("client_id", deps.app.clientId);
  url.searchParams.set("redirect_uri", deps.redirectUri);
  url.searchParams.set("state", state);
  return url.toString();
}

/** What Entra ID's redirect carries back (its own extra parameters are ignored). */
export interface ConsentAnswer {
  admin_consent?: string | undefined;
  tenant?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
}

export interface ConsentCompletion {
  db: Store;
  /** Either may have gone since the consent started (a restart with other settings). */
  app: ConsentApp | undefined;
  secrets: SecretBox | undefined;
  check: ConnectionCheckOptions;
  now: () => Date;
}

/** Why a callback created nothing, for the page the administrator reads. */
export type ConsentFailure =
  /** The callback is wrong: no state, an unknown, used or expired one, consent denied, a foreign tenant. */
  | "invalid"
  /** What it asks cannot be done: the name was taken meanwhile, the app or its credential is unusable. */
  | "conflict"
  /** This server cannot seal a credential (it has no secret key). */
  | "unavailable";

export type ConsentOutcome =
  | { kind: "created"; connection: ConnectionRow }
  | { kind: "failed"; failure: ConsentFailure; lines: string[] };

const failed = (failure: ConsentFailure, ...lines: string[]): ConsentOutcome => ({
  kind: "failed",
  failure,
  lines,
});
const START_AGAIN = "Start again from crosscal: a consent link works once, for 15 minutes.";

/**
 * Takes the request the state names (so it works once, whatever follows), creates the connection, then
 * checks it live. Failures are outcomes, not exceptions: the used state must stay deleted.
 */
export async function completeConsent(
  deps: ConsentCompletion,
  answer: ConsentAnswer,
  ip: string,
): Promise<ConsentOutcome> {
  const state = answer.state;
  if (!state)
    return failed(
      "invalid",
      "The address carries no state: it did not come from a consent link of crosscal.",
      START_AGAIN,
    );
  const now = deps.now();
  // Taken in a commit of its own: a state is used up by its first callback, whatever becomes of it.
  const pending = await takeConsentRequest(deps.db, hashState(state));
  if (!pending) return failed("invalid", "This consent link is unknown or was used already.", START_AGAIN);
  if (pending.expiresAt <= now.toISOString())
    return failed("invalid", "This consent link has expired.", START_AGAIN);
  const refused = refusal(answer, pending);
  if (refused) {
    const detail = { name: pending.connectionName, error: answer.error ?? "invalid_callback" };
    await recordAudit(
      deps.db,
      { action: "connection_consent_failed", actor: pending.actor, ip, detail },
      now,
    );
    return refused;
  }
  const created = await createConnection(deps, pending, { tenant: answer.tenant as string, ip, now });
  if (created.kind === "failed") return created;
  return { kind: "created", connection: await checkNewConnection(deps, created.connection) };
}

/** What is wrong with a callback that carries a valid state: denied consent, or missing parameters. */
function refusal(answer: ConsentAnswer, pending: ConsentRequestRow): ConsentOutcome | undefined {
  if (answer.error) {
    const said = answer.error_description ? ` (${answer.error_description})` : "";
    return failed(
      "invalid",
      `The administrator did not grant consent: ${answer.error}${said}.`,
      "Ask an administrator of the tenant (Global Administrator or Privileged Role Administrator) to start again.",
    );
  }
  if (answer.admin_consent?.toLowerCase() !== "true" || !answer.tenant || !GUID.test(answer.tenant)) {
    return failed("invalid", "Entra ID's answer lacks admin_consent=True or the tenant ID.", START_AGAIN);
  }
  if (
    pending.tenant &&
    GUID.test(pending.tenant) &&
    pending.tenant.toLowerCase() !== answer.tenant.toLowerCase()
  ) {
    return failed(
      "invalid",
      `Consent was granted in tenant ${answer.tenant}, not in ${pending.tenant} as requested.`,
      START_AGAIN,
    );
  }
  return undefined;
}

/** The connection, in one transaction with its audit entry; a refusal of the store or the app as an outcome. */
async function createConnection(
  deps: ConsentCompletion,
  pending: ConsentRequestRow,
  at: { tenant: string; ip: string; now: Date },
): Promise<ConsentOutcome> {
  try {
    return await transaction(deps.db, (trx) => insertConsented(trx, deps, pending, at));
  } catch (error) {
    if (error instanceof StoreConflictError) {
      return failed("conflict", "A connection with this name was created meanwhile.", START_AGAIN);
    }
    if (error instanceof ConnectionInputError) return failed("conflict", `${error.message}.`);
    throw error;
  }
}

async function insertConsented(
  trx: Store,
  deps: ConsentCompletion,
  pending: ConsentRequestRow,
  at: { tenant: string; ip: string; now: Date },
): Promise<ConsentOutcome> {
  const { app, secrets } = deps;
  if (!app) return failed("conflict", "This deployment no longer has a multi-tenant app for admin consent.");
  if (await findConnectionByName(trx, pending.connectionName)) {
    return failed("conflict", `A connection named "${pending.connectionName}" exists already.`, START_AGAIN);
  }
  if (!secrets)
    return failed("unavailable", "this server has no secret key to seal connection secrets with.");
  const id = randomUUID();
  const columns = {
    id,
    name: pending.connectionName,
    tenant: at.tenant.toLowerCase(),
    clientId: app.clientId,
    probeMailbox: null,
    ...sealCredential(secrets, id, app),
    ...endpointColumns(app.cloud ?? "global", app.endpoints),
  };
  const row = await insertConnection(trx, columns, at.now);
  const detail = {
    connectionId: id,
    name: row.name,
    credentialKind: row.credentialKind,
    via: "admin_consent",
    tenant: at.tenant,
  };
  await recordAudit(trx, { action: "connection_created", actor: pending.actor, ip: at.ip, detail }, at.now);
  return { kind: "created", connection: row };
}

/** The first live check of a connection made through consent; re-checks follow while consent propagates. */
async function checkNewConnection(deps: ConsentCompletion, row: ConnectionRow): Promise<ConnectionRow> {
  // The box is there: it has just sealed the connection's credential.
  const result = await checkStoredConnection(deps.secrets!, row, deps.check);
  const now = deps.now();
  const checked = await transaction(deps.db, (trx) => recordCheckAndSchedule(trx, row.id, result, 0, now));
  return checked ?? row;
}
