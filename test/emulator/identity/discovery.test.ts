import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../../helpers/emulator.js";
import { type IdentityFixture, seedIdentity } from "./fixture.js";

describe("Entra discovery documents", () => {
  let emulator: RunningEmulator;
  let fixture: IdentityFixture;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    fixture = await seedIdentity(emulator);
  });
  afterAll(() => emulator.close());

  const getJson = async (path: string) => {
    const response = await fetch(`${emulator.url}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("answers instance discovery in MSAL's shape for its own host", async () => {
    const authorize = encodeURIComponent(`${emulator.url}/contoso.test/oauth2/v2.0/authorize`);
    const { status, body } = await getJson(
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${authorize}`,
    );
    const host = new URL(emulator.url).host;
    expect(status).toBe(200);
    expect(body).toEqual({
      tenant_discovery_endpoint: `${emulator.url}/contoso.test/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });

  it("rejects instance discovery for a foreign host with invalid_instance", async () => {
    const authorize = encodeURIComponent("https://login.example.com/common/oauth2/v2.0/authorize");
    const { status, body } = await getJson(
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${authorize}`,
    );
    expect(status).toBe(400);
    expect(body.error).toBe("invalid_instance");
    expect(body.error_codes).toEqual([50049]);
  });

  it.each(["guid", "domain"])(
    "serves the OpenID configuration by tenant %s, endpoints naming the GUID",
    async (form) => {
      const segment = form === "guid" ? fixture.contoso.id : "CONTOSO.test";
      const { status, body } = await getJson(`/${segment}/v2.0/.well-known/openid-configuration`);
      expect(status).toBe(200);
      const base = `${emulator.url}/${fixture.contoso.id}`;
      expect(body).toMatchObject({
        issuer: `${base}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
      });
    },
  );

  it.each(["common", "organizations"])("serves %s with a {tenantid} issuer placeholder", async (segment) => {
    const { body } = await getJson(`/${segment}/v2.0/.well-known/openid-configuration`);
    expect(body.issuer).toBe(`${emulator.url}/{tenantid}/v2.0`);
    expect(body.token_endpoint).toBe(`${emulator.url}/${segment}/oauth2/v2.0/token`);
  });

  it("answers 400 AADSTS90002 for an unknown tenant", async () => {
    const { status, body } = await getJson("/nowhere.test/v2.0/.well-known/openid-configuration");
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_tenant", error_codes: [90002] });
    expect(String(body.error_description)).toMatch(/^AADSTS90002: Tenant 'nowhere.test' not found\./);
  });

  it("publishes the token-signing key in the JWKS", async () => {
    const { body } = await getJson(`/${fixture.contoso.id}/discovery/v2.0/keys`);
    const keys = body.keys as Array<Record<string, unknown>>;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", use: "sig", kid: emulator.ctx.identity.keyId });
  });
});
