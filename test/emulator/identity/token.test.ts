import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_SCOPE, msalToken, tokenFor } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { graphGet } from "../../helpers/http.js";
import {
  decodeClaims,
  type IdentityFixture,
  msalWithCertificate,
  postToken,
  secretForm,
  seedIdentity,
} from "./fixture.js";

const LIFETIME = 1234;

describe("token endpoint (client credentials)", () => {
  let emulator: RunningEmulator;
  let fixture: IdentityFixture;
  beforeAll(async () => {
    emulator = await startTestEmulator({ tokenLifetimeSeconds: LIFETIME });
    fixture = await seedIdentity(emulator);
  });
  afterAll(() => emulator.close());

  it("MSAL gets a token with a client secret; its claims carry tid, appid, roles and the set lifetime", async () => {
    const token = await tokenFor(emulator, fixture.contoso.id, fixture.crosscal, "contoso-secret");
    const claims = decodeClaims(token);
    const sp = fixture.contoso.servicePrincipals.get(fixture.crosscal)!;
    expect(claims).toMatchObject({
      aud: "https://graph.microsoft.com",
      iss: `https://sts.windows.net/${fixture.contoso.id}/`,
      tid: fixture.contoso.id,
      appid: fixture.crosscal,
      oid: sp.id,
      idtyp: "app",
      roles: ["Calendars.ReadWrite", "User.Read.All", "GroupMember.Read.All"],
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(LIFETIME);
    expect((await graphGet(emulator, token, "/users")).status).toBe(200);
  });

  it("MSAL gets a token with a certificate and a SHA-256 thumbprint (PS256, x5t#S256, x5c)", async () => {
    const msal = msalWithCertificate(
      emulator,
      fixture.contoso.id,
      fixture.crosscal,
      fixture.certificate,
      "sha256",
    );
    const token = await msalToken(msal);
    expect(decodeClaims(token).appid).toBe(fixture.crosscal);
    expect((await graphGet(emulator, token, "/users")).status).toBe(200);
  });

  it("MSAL gets a token with a certificate and a SHA-1 thumbprint (RS256, x5t), authority by domain", async () => {
    const msal = msalWithCertificate(emulator, "contoso.test", fixture.crosscal, fixture.certificate, "sha1");
    const token = await msalToken(msal);
    expect(decodeClaims(token).tid).toBe(fixture.contoso.id);
    // msal-node reuses its assertion (same jti) until it nears expiry: a second request must still work.
    const again = await msal.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE], skipCache: true });
    expect(again?.accessToken).toBeTruthy();
  });

  it("accepts client credentials in HTTP Basic auth", async () => {
    const basic = Buffer.from(
      `${encodeURIComponent(fixture.crosscal)}:${encodeURIComponent("contoso-secret")}`,
    ).toString("base64");
    const { status, body } = await postToken(
      emulator,
      "contoso.test",
      { grant_type: "client_credentials", scope: GRAPH_SCOPE },
      { authorization: `Basic ${basic}` },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: LIFETIME });
    expect(body.refresh_token).toBeUndefined();
    expect(decodeClaims(body.access_token).appid).toBe(fixture.crosscal);
  });

  it("answers 401 AADSTS7000215 for a bad secret in Basic auth", async () => {
    const basic = Buffer.from(`${fixture.crosscal}:wrong`).toString("base64");
    const { status, body } = await postToken(
      emulator,
      "contoso.test",
      { grant_type: "client_credentials", scope: GRAPH_SCOPE },
      { authorization: `Basic ${basic}` },
    );
    expect(status).toBe(401);
    expect(body.error_codes).toEqual([7000215]);
  });

  it("issues a token without roles when the tenant never consented", async () => {
    const { status, body } = await postToken(
      emulator,
      "contoso.test",
      secretForm(fixture.unconsented, "unconsented-secret"),
    );
    expect(status).toBe(200);
    expect(decodeClaims(body.access_token).roles).toBeUndefined();
    const users = await graphGet(emulator, body.access_token, "/users");
    expect(users.status).toBe(403);
    expect(users.body.error?.code).toBe("Authorization_RequestDenied");
  });
});
