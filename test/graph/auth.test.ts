import { inspect } from "node:util";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MsalTokenSource, TokenAcquisitionError } from "../../src/graph/auth.js";
import { resolveEndpoints } from "../../src/graph/endpoints.js";
import { createTestCertificate } from "../emulator/identity/certificate.js";
import { startTestEmulator } from "../helpers/emulator.js";
import {
  emulatorEndpoints,
  type GraphTenant,
  SECRET,
  seedGraphTenant,
  testClient,
  tokenSource,
} from "./fixture.js";

async function failureOf(promise: Promise<unknown>): Promise<TokenAcquisitionError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TokenAcquisitionError);
  return error as TokenAcquisitionError;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
}

describe("token acquisition against the emulator", () => {
  let emulator: RunningEmulator;
  let world: GraphTenant;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    world = await seedGraphTenant(emulator);
  });
  afterAll(() => emulator.close());

  it("gets an app-only Graph token with a client secret, and serves it from MSAL's cache", async () => {
    const source = tokenSource(emulator, world.crosscal);
    const token = await source.token();
    expect(claimsOf(token)).toMatchObject({
      aud: "https://graph.microsoft.com",
      tid: world.tenant.id,
      idtyp: "app",
    });
    expect(await source.token()).toBe(token);
  });

  it("never serves a token within five minutes of its expiry, as MSAL would not", async () => {
    const shortLived = await startTestEmulator({ tokenLifetimeSeconds: 200 });
    try {
      const tenant = await seedGraphTenant(shortLived);
      const source = tokenSource(shortLived, tenant.crosscal);
      const first = await source.token();
      const second = await source.token();
      expect(second).not.toBe(first);
      expect(claimsOf(second)).toMatchObject({ tid: tenant.tenant.id });
    } finally {
      await shortLived.close();
    }
  });

  it("gets a token with a certificate (PS256, SHA-256 thumbprint) that Graph accepts", async () => {
    const { client } = testClient(emulator, world.crosscal, {
      credential: {
        kind: "certificate",
        certificatePem: world.certificate.certPem,
        privateKeyPem: world.certificate.privateKeyPem,
      },
    });
    const answer = await client.request<{ value: unknown[] }>("GET", "/users/adele@contoso.test/events");
    expect(answer.status).toBe(200);
    expect(answer.body.value).toEqual([]);
  });

  it("forces a new token on request, and concurrent callers share one acquisition", async () => {
    const source = tokenSource(emulator, world.crosscal);
    const first = await source.token();
    const [a, b] = await Promise.all([
      source.token({ forceRefresh: true }),
      source.token({ forceRefresh: true }),
    ]);
    expect(a).toBe(b);
    expect(a).not.toBe(first);
    // A caller holding the token already replaced gets the new one instead of another refresh.
    expect(await source.token({ forceRefresh: true, rejected: first })).toBe(a);
  });

  it("unknown tenant: tenant-not-found, naming the tenant and AADSTS90002", async () => {
    const error = await failureOf(tokenSource(emulator, world.crosscal, undefined, "nowhere.test").token());
    expect(error).toMatchObject({ reason: "tenant-not-found", kind: "permission", aadstsCode: 90002 });
    expect(error.message).toMatch(/^connection "contoso": tenant "nowhere\.test" does not exist/);
    expect(error.message).toContain("AADSTS90002");
  });

  it("wrong secret: bad-credentials (AADSTS7000215), and the secret is never quoted", async () => {
    const wrong = "this-is-the-wrong-secret";
    const error = await failureOf(
      tokenSource(emulator, world.crosscal, { kind: "secret", secret: wrong }).token(),
    );
    expect(error).toMatchObject({
      reason: "bad-credentials",
      kind: "permission",
      aadstsCode: 7000215,
      status: 401,
    });
    expect(error.message).toContain("rejected the client secret");
    expect(inspect(error, { depth: 10 })).not.toContain(wrong);
  });

  it("unknown app: app-not-found (AADSTS700016) pointing at registration or admin consent", async () => {
    const error = await failureOf(tokenSource(emulator, "5c2f3f0e-0000-4000-8000-000000000000").token());
    expect(error).toMatchObject({ reason: "app-not-found", kind: "permission", aadstsCode: 700016 });
    expect(error.message).toContain("admin consent");
  });

  it("a certificate the app does not know: bad-certificate (AADSTS700027)", async () => {
    const stranger = await createTestCertificate("not uploaded");
    const source = tokenSource(emulator, world.crosscal, {
      kind: "certificate",
      certificatePem: stranger.certPem,
      privateKeyPem: stranger.privateKeyPem,
    });
    const error = await failureOf(source.token());
    expect(error).toMatchObject({ reason: "bad-certificate", kind: "permission", aadstsCode: 700027 });
    expect(inspect(error, { depth: 10 })).not.toContain(stranger.privateKeyPem.split("\n")[1]);
  });

  it("a key that does not belong to the certificate is caught before any request", async () => {
    const other = await createTestCertificate("other key");
    const build = () =>
      tokenSource(emulator, world.crosscal, {
        kind: "certificate",
        certificatePem: world.certificate.certPem,
        privateKeyPem: other.privateKeyPem,
      });
    expect(build).toThrow(TokenAcquisitionError);
    expect(build).toThrow(/private key does not belong to the certificate/);
  });

  it("an unreachable authority is transient and names the host", async () => {
    const endpoints = resolveEndpoints({ authorityHost: "https://127.0.0.1:1", graphHost: emulator.url });
    const source = new MsalTokenSource({
      tenant: "contoso.test",
      clientId: world.crosscal,
      credential: { kind: "secret", secret: SECRET },
      endpoints,
      label: "contoso",
    });
    const error = await failureOf(source.token());
    expect(error).toMatchObject({ reason: "unreachable", kind: "transient" });
    expect(error.message).toContain("cannot reach Entra ID at https://127.0.0.1:1");
  });

  it("uses the emulator's endpoints exactly as configured", () => {
    expect(emulatorEndpoints(emulator)).toMatchObject({ authorityHost: emulator.url, custom: true });
  });
});
