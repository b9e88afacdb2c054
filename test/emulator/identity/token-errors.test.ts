import { randomUUID } from "node:crypto";
import { importPKCS8, SignJWT } from "jose";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_SCOPE } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { createTestCertificate, type TestCertificate } from "./certificate.js";
import { type IdentityFixture, postToken, secretForm, seedIdentity } from "./fixture.js";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const hexToB64url = (hex: string) => Buffer.from(hex, "hex").toString("base64url");

describe("token endpoint errors (AADSTS)", () => {
  let emulator: RunningEmulator;
  let fixture: IdentityFixture;
  let stranger: TestCertificate;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    fixture = await seedIdentity(emulator);
    stranger = await createTestCertificate("not uploaded");
  });
  afterAll(() => emulator.close());

  function expectAadsts(
    answer: { status: number; body: Record<string, unknown> },
    status: number,
    error: string,
    code: number,
  ) {
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error, error_codes: [code] });
    expect(String(answer.body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
    expect(answer.body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(answer.body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  }

  it("unknown tenant -> 400 invalid_request 90002", async () => {
    expectAadsts(
      await postToken(emulator, "nowhere.test", secretForm(fixture.crosscal, "contoso-secret")),
      400,
      "invalid_request",
      90002,
    );
  });

  it("unknown app -> 400 unauthorized_client 700016", async () => {
    const answer = await postToken(emulator, "contoso.test", secretForm(randomUUID(), "x"));
    expectAadsts(answer, 400, "unauthorized_client", 700016);
    expect(answer.body.error_description).toContain("was not found in the directory 'contoso.test'");
  });

  it("single-tenant app used in another tenant -> 700016", async () => {
    expectAadsts(
      await postToken(emulator, "fabrikam.test", secretForm(fixture.single, "single-secret")),
      400,
      "unauthorized_client",
      700016,
    );
  });

  it("multi-tenant app without a service principal in the tenant -> 700016", async () => {
    expectAadsts(
      await postToken(emulator, "fabrikam.test", secretForm(fixture.crosscal, "contoso-secret")),
      400,
      "unauthorized_client",
      700016,
    );
  });

  it("bad secret -> 401 invalid_client 7000215", async () => {
    expectAadsts(
      await postToken(emulator, "contoso.test", secretForm(fixture.crosscal, "wrong")),
      401,
      "invalid_client",
      7000215,
    );
  });

  it("no credential at all -> 401 invalid_client 7000218", async () => {
    const form = { grant_type: "client_credentials", client_id: fixture.crosscal, scope: GRAPH_SCOPE };
    expectAadsts(await postToken(emulator, "contoso.test", form), 401, "invalid_client", 7000218);
  });

  it.each([
    "https://graph.microsoft.com/User.Read.All",
    "https://graph.microsoft.com/.default https://outlook.office.com/.default",
    "https://management.azure.com/.default",
    "openid",
  ])("scope %s -> 400 invalid_scope 70011", async (scope) => {
    const form = { ...secretForm(fixture.crosscal, "contoso-secret"), scope };
    expectAadsts(await postToken(emulator, "contoso.test", form), 400, "invalid_scope", 70011);
  });

  it("missing scope -> 400 invalid_request 900144", async () => {
    const { scope: _omitted, ...form } = secretForm(fixture.crosscal, "contoso-secret");
    expectAadsts(await postToken(emulator, "contoso.test", form), 400, "invalid_request", 900144);
  });

  it("unsupported grant type -> 400 unsupported_grant_type 70003", async () => {
    const form = { ...secretForm(fixture.crosscal, "contoso-secret"), grant_type: "password" };
    expectAadsts(await postToken(emulator, "contoso.test", form), 400, "unsupported_grant_type", 70003);
  });

  describe("certificate assertions", () => {
    const tokenUrl = (tenant: string) => `${emulator.url}/${tenant}/oauth2/v2.0/token`;

    async function assertion(options: {
      certificate?: TestCertificate;
      alg?: "PS256" | "RS256";
      aud?: string;
      iss?: string;
      nbf?: number;
      exp?: number;
    }) {
      const certificate = options.certificate ?? fixture.certificate;
      const alg = options.alg ?? "PS256";
      const key = await importPKCS8(certificate.privateKeyPem, alg);
      const now = Math.floor(Date.now() / 1000);
      const header =
        alg === "PS256"
          ? { alg, typ: "JWT", "x5t#S256": hexToB64url(certificate.sha256Hex) }
          : { alg, typ: "JWT", x5t: hexToB64url(certificate.sha1Hex) };
      return new SignJWT({ jti: randomUUID() })
        .setProtectedHeader(header)
        .setAudience(options.aud ?? tokenUrl(fixture.contoso.id))
        .setIssuer(options.iss ?? fixture.crosscal)
        .setSubject(options.iss ?? fixture.crosscal)
        .setNotBefore(options.nbf ?? now)
        .setIssuedAt(now)
        .setExpirationTime(options.exp ?? now + 600)
        .sign(key);
    }

    const assertionForm = (jwt: string) => ({
      grant_type: "client_credentials",
      client_id: fixture.crosscal,
      client_assertion_type: JWT_BEARER,
      client_assertion: jwt,
      scope: GRAPH_SCOPE,
    });

    it.each(["PS256", "RS256"] as const)(
      "accepts a %s assertion addressed to the GUID or domain token URL",
      async (alg) => {
        for (const aud of [tokenUrl(fixture.contoso.id), tokenUrl("contoso.test")]) {
          const answer = await postToken(
            emulator,
            "contoso.test",
            assertionForm(await assertion({ alg, aud })),
          );
          expect(answer.status).toBe(200);
        }
      },
    );

    it("certificate not uploaded -> 401 invalid_client 700027 (key not found)", async () => {
      const answer = await postToken(
        emulator,
        "contoso.test",
        assertionForm(await assertion({ certificate: stranger })),
      );
      expectAadsts(answer, 401, "invalid_client", 700027);
      expect(answer.body.error_description).toContain("The key was not found.");
      expect(answer.body.error_description).toContain(stranger.sha256Hex.toUpperCase());
    });

    it("signed by another key under the uploaded thumbprint -> 700027 (signature mismatch)", async () => {
      const forged = { ...stranger, sha256Hex: fixture.certificate.sha256Hex };
      const answer = await postToken(
        emulator,
        "contoso.test",
        assertionForm(await assertion({ certificate: forged })),
      );
      expectAadsts(answer, 401, "invalid_client", 700027);
      expect(answer.body.error_description).toContain("did not match the expected signature value");
    });

    it("aud of another tenant's token endpoint -> 700023", async () => {
      const answer = await postToken(
        emulator,
        "contoso.test",
        assertionForm(await assertion({ aud: tokenUrl(fixture.fabrikam.id) })),
      );
      expectAadsts(answer, 401, "invalid_client", 700023);
    });

    it("iss/sub naming another client -> 700021", async () => {
      const answer = await postToken(
        emulator,
        "contoso.test",
        assertionForm(await assertion({ iss: fixture.single })),
      );
      expectAadsts(answer, 401, "invalid_client", 700021);
    });

    it("expired assertion (by the emulator clock) -> 700024", async () => {
      const now = Math.floor(Date.now() / 1000);
      const stale = await postToken(
        emulator,
        "contoso.test",
        assertionForm(await assertion({ nbf: now - 3600, exp: now - 1800 })),
      );
      expectAadsts(stale, 401, "invalid_client", 700024);
      const fresh = assertionForm(await assertion({}));
      emulator.ctx.clock.advance(3600_000);
      try {
        expectAadsts(await postToken(emulator, "contoso.test", fresh), 401, "invalid_client", 700024);
      } finally {
        emulator.ctx.clock.advance(-3600_000);
      }
    });

    it("garbage assertion -> 400 invalid_request 50027", async () => {
      expectAadsts(
        await postToken(emulator, "contoso.test", assertionForm("not-a-jwt")),
        400,
        "invalid_request",
        50027,
      );
    });
  });
});
