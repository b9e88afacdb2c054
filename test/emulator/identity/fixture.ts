import { applySeed, type RunningEmulator } from "m365-emulator";
import { GRAPH_SCOPE, msalFor } from "../../helpers/clients.js";
import { createTestCertificate, type TestCertificate } from "./certificate.js";

export const REDIRECT_URI = "https://crosscal.example/connections/callback";

/**
 * contoso.test: a multi-tenant "crosscal" app (secret + uploaded certificate + redirect URI), an app
 * without admin consent, and a single-tenant app. fabrikam.test: users and a group, no crosscal app yet.
 */
export async function seedIdentity(emulator: RunningEmulator) {
  const certificate = await createTestCertificate();
  await applySeed(emulator.ctx, {
    tenants: [
      {
        domain: "contoso.test",
        users: [{ userPrincipalName: "adele@contoso.test" }, { userPrincipalName: "alex@contoso.test" }],
        apps: [
          {
            displayName: "crosscal",
            clientSecret: "contoso-secret",
            certificatePem: certificate.certPem,
            multiTenant: true,
            redirectUris: [REDIRECT_URI],
          },
          { displayName: "unconsented", clientSecret: "unconsented-secret", consented: false },
          { displayName: "single", clientSecret: "single-secret", redirectUris: [REDIRECT_URI] },
        ],
      },
      {
        domain: "fabrikam.test",
        users: [{ userPrincipalName: "megan@fabrikam.test" }],
        groups: [{ displayName: "Staff", members: ["megan@fabrikam.test"] }],
      },
    ],
  });
  const world = emulator.ctx.world;
  const contoso = world.requireTenant("contoso.test");
  const fabrikam = world.requireTenant("fabrikam.test");
  const clientIdOf = (name: string) => [...world.apps.values()].find((a) => a.displayName === name)!.clientId;
  return {
    contoso,
    fabrikam,
    certificate,
    crosscal: clientIdOf("crosscal"),
    unconsented: clientIdOf("unconsented"),
    single: clientIdOf("single"),
  };
}

export type IdentityFixture = Awaited<ReturnType<typeof seedIdentity>>;

/** MSAL with a certificate: SHA-256 thumbprint (PS256, x5t#S256) or the older SHA-1 one (RS256, x5t). */
export function msalWithCertificate(
  emulator: RunningEmulator,
  tenant: string,
  clientId: string,
  certificate: TestCertificate,
  kind: "sha256" | "sha1",
) {
  const clientCertificate =
    kind === "sha256"
      ? {
          thumbprintSha256: certificate.sha256Hex,
          privateKey: certificate.privateKeyPem,
          x5c: certificate.certPem,
        }
      : { thumbprint: certificate.sha1Hex, privateKey: certificate.privateKeyPem };
  return msalFor(emulator, tenant, clientId, { clientCertificate });
}

export interface TokenAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read token-endpoint bodies ad hoc
  body: Record<string, any>;
}

/** A raw token request (form-encoded), for the details MSAL hides. */
export async function postToken(
  emulator: RunningEmulator,
  tenant: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<TokenAnswer> {
  const response = await fetch(`${emulator.url}/${tenant}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as TokenAnswer["body"] };
}

export function secretForm(clientId: string, secret: string): Record<string, string> {
  return { grant_type: "client_credentials", client_id: clientId, client_secret: secret, scope: GRAPH_SCOPE };
}

export function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
}
