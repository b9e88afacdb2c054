import { CLOUD_NAMES, resolveEndpoints } from "../graph/endpoints.js";
import type { ConnectionCloud } from "../store/connections.js";

/**
 * The deployment's own multi-tenant app registration. An administrator of any tenant grants it admin
 * consent through `/api/connections/consent`, and the connection made then signs in with this app's
 * credential: one registration for every tenant, instead of one per tenant.
 */
export interface ConsentApp {
  /** Application (client) ID of the multi-tenant registration. */
  clientId: string;
  /** Exactly one credential: a client secret, or a certificate and its private key (PEM). */
  clientSecret?: string;
  certificate?: { certificatePem: string; privateKey: string; passphrase?: string };
  /** The Microsoft cloud the app is registered in (default global). */
  cloud?: ConnectionCloud;
  /** With cloud custom only: a proxy, or the emulator in tests. */
  endpoints?: { authority: string; graph: string; graphScope?: string };
}

/** Environment variables `crosscal serve` reads the consent app from. */
export const CONSENT_APP_ENV = {
  clientId: "CROSSCAL_APP_CLIENT_ID",
  clientSecret: "CROSSCAL_APP_CLIENT_SECRET",
  authority: "CROSSCAL_APP_AUTHORITY",
  graph: "CROSSCAL_APP_GRAPH",
} as const;

export class ConsentAppConfigError extends Error {
  override readonly name = "ConsentAppConfigError";
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The consent app from the environment, or undefined when no client ID is set. The authority is a cloud
 * name (global, usgov, usgov-dod, china) or the https URL of a custom Entra ID endpoint; a custom one
 * serves Graph at CROSSCAL_APP_GRAPH, by default at the same origin (a proxy or the emulator serving
 * both). Error messages name variables, never their values: one of them is a secret.
 */
export function consentAppFromEnv(env: Record<string, string | undefined>): ConsentApp | undefined {
  const clientId = env[CONSENT_APP_ENV.clientId]?.trim();
  const clientSecret = env[CONSENT_APP_ENV.clientSecret];
  if (!clientId) {
    if (clientSecret)
      throw new ConsentAppConfigError(`${CONSENT_APP_ENV.clientSecret} needs ${CONSENT_APP_ENV.clientId}`);
    return undefined;
  }
  if (!GUID.test(clientId)) {
    throw new ConsentAppConfigError(`${CONSENT_APP_ENV.clientId} must be an application (client) ID, a GUID`);
  }
  if (!clientSecret?.trim()) {
    throw new ConsentAppConfigError(
      `${CONSENT_APP_ENV.clientId} is set but ${CONSENT_APP_ENV.clientSecret} is not`,
    );
  }
  return { clientId, clientSecret, ...cloudOf(env) };
}

function cloudOf(env: Record<string, string | undefined>): Pick<ConsentApp, "cloud" | "endpoints"> {
  const authority = env[CONSENT_APP_ENV.authority]?.trim();
  if (!authority) return { cloud: "global" };
  if ((CLOUD_NAMES as string[]).includes(authority)) return { cloud: authority as ConnectionCloud };
  const graph = env[CONSENT_APP_ENV.graph]?.trim() || authority;
  try {
    resolveEndpoints({ authorityHost: authority, graphHost: graph });
  } catch (error) {
    throw new ConsentAppConfigError(
      `${CONSENT_APP_ENV.authority} must be one of ${CLOUD_NAMES.join(", ")} or an https URL: ${(error as Error).message}`,
    );
  }
  return { cloud: "custom", endpoints: { authority, graph } };
}

/** Origin of the Entra ID the app's consent URL lives at. */
export function consentAuthority(app: ConsentApp): string {
  const cloud = app.cloud ?? "global";
  if (cloud !== "custom") return resolveEndpoints(cloud).authorityHost;
  if (!app.endpoints)
    throw new ConsentAppConfigError('the consent app\'s cloud is "custom" but it has no endpoints');
  return resolveEndpoints({ authorityHost: app.endpoints.authority, graphHost: app.endpoints.graph })
    .authorityHost;
}
