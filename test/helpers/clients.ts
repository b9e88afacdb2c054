import { ConfidentialClientApplication } from "@azure/msal-node";
import { Client } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "m365-emulator";

export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

/** MSAL for one app in one tenant, pointed at the emulator exactly as crosscal would point it at a cloud. */
export function msalFor(
  emulator: RunningEmulator,
  tenant: string,
  clientId: string,
  credential:
    | { clientSecret: string }
    // MSAL wants one of the thumbprints: SHA-256 (PS256) or the older SHA-1 (RS256).
    | {
        clientCertificate: {
          thumbprintSha256?: string;
          thumbprint?: string;
          privateKey: string;
          x5c?: string;
        };
      },
): ConfidentialClientApplication {
  const host = new URL(emulator.url).host;
  return new ConfidentialClientApplication({
    auth: { clientId, authority: `${emulator.url}/${tenant}`, knownAuthorities: [host], ...credential },
  });
}

/** A Graph token from MSAL's client-credentials flow (from its cache while the last one is fresh). */
export async function msalToken(msal: ConfidentialClientApplication): Promise<string> {
  const result = await msal.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
  if (!result?.accessToken) throw new Error("no access token");
  return result.accessToken;
}

export async function tokenFor(
  emulator: RunningEmulator,
  tenant: string,
  clientId: string,
  clientSecret: string,
) {
  return msalToken(msalFor(emulator, tenant, clientId, { clientSecret }));
}

/** Microsoft's Graph JS client against the emulator, with tokens from MSAL. */
export function graphClientFor(
  emulator: RunningEmulator,
  tenant: string,
  clientId: string,
  clientSecret: string,
): Client {
  return graphClientWith(emulator, msalFor(emulator, tenant, clientId, { clientSecret }));
}

/** Microsoft's Graph JS client against the emulator, with tokens from the given MSAL app (any credential). */
export function graphClientWith(emulator: RunningEmulator, msal: ConfidentialClientApplication): Client {
  return Client.initWithMiddleware({
    baseUrl: `${emulator.url}/`,
    defaultVersion: "v1.0",
    customHosts: new Set([new URL(emulator.url).hostname]),
    authProvider: { getAccessToken: () => msalToken(msal) },
  });
}

/** One app's way into Graph: a client for Graph calls and fresh tokens for raw fetch calls. */
export interface AppHandle {
  clientId: string;
  graph: Client;
  /** A fresh access token, for raw fetch calls. */
  token(): Promise<string>;
}

export function appHandle(
  emulator: RunningEmulator,
  tenant: string,
  clientId: string,
  clientSecret: string,
): AppHandle {
  return {
    clientId,
    graph: graphClientFor(emulator, tenant, clientId, clientSecret),
    token: () => tokenFor(emulator, tenant, clientId, clientSecret),
  };
}

/** A tenant with one user and an app holding calendar and directory roles, made through the control API. */
export async function seedTwoTenants(emulator: RunningEmulator) {
  const { applySeed } = await import("m365-emulator");
  await applySeed(emulator.ctx, {
    tenants: [
      {
        domain: "contoso.test",
        users: [{ userPrincipalName: "adele@contoso.test" }, { userPrincipalName: "megan@contoso.test" }],
        apps: [{ displayName: "crosscal", clientSecret: "contoso-secret" }],
      },
      {
        domain: "fabrikam.test",
        users: [{ userPrincipalName: "adele@fabrikam.test" }],
        apps: [{ displayName: "crosscal", clientSecret: "fabrikam-secret" }],
      },
    ],
  });
  const contoso = emulator.ctx.world.requireTenant("contoso.test");
  const fabrikam = emulator.ctx.world.requireTenant("fabrikam.test");
  const appOf = (tenantId: string) =>
    [...emulator.ctx.world.apps.values()].find((a) => a.homeTenantId === tenantId)!;
  return {
    contoso: { tenant: contoso, clientId: appOf(contoso.id).clientId, clientSecret: "contoso-secret" },
    fabrikam: { tenant: fabrikam, clientId: appOf(fabrikam.id).clientId, clientSecret: "fabrikam-secret" },
  };
}
