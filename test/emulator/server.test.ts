import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTwoTenants, tokenFor } from "../helpers/clients.js";
import { startTestEmulator } from "../helpers/emulator.js";

describe("emulator server", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  it("serves HTTPS with a certificate the test process trusts", async () => {
    const response = await fetch(`${emulator.url}/_emulator/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("answers unknown Graph segments with Graph's error envelope", async () => {
    const response = await fetch(`${emulator.url}/v1.0/nothingHere`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; message: string; innerError: Record<string, string> };
    };
    expect(body.error.code).toBe("BadRequest");
    expect(body.error.message).toBe("Resource not found for the segment 'nothingHere'.");
    expect(body.error.innerError["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("Microsoft's clients against the emulator", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  it("MSAL gets a token with a client secret and Graph accepts it", async () => {
    const { contoso } = await seedTwoTenants(emulator);
    const token = await tokenFor(emulator, contoso.tenant.id, contoso.clientId, contoso.clientSecret);
    const principal = await emulator.ctx.identity.verifyGraphToken(`Bearer ${token}`);
    expect(principal).toMatchObject({ tenantId: contoso.tenant.id, clientId: contoso.clientId });
    expect(principal.roles).toContain("Calendars.ReadWrite");
  });
});

describe("two emulators in one process", () => {
  let a: RunningEmulator;
  let b: RunningEmulator;
  beforeAll(async () => {
    [a, b] = await Promise.all([startTestEmulator(), startTestEmulator()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it("share nothing: directory, clock, limits, faults, latency, counters and tokens", async () => {
    const [seedA, seedB] = await Promise.all([seedTwoTenants(a), seedTwoTenants(b)]);
    expect(seedA.contoso.tenant.id).not.toBe(seedB.contoso.tenant.id);
    a.ctx.clock.advance(3600_000);
    a.ctx.traffic.setLimits({ requestsPerWindow: 1 });
    a.ctx.traffic.addFault({ status: 503, path: "/events" });
    a.ctx.traffic.setLatency(5);
    const tokenA = await tokenFor(a, seedA.contoso.tenant.id, seedA.contoso.clientId, "contoso-secret");
    const tokenB = await tokenFor(b, seedB.contoso.tenant.id, seedB.contoso.clientId, "contoso-secret");
    const get = (emulator: RunningEmulator, token: string) =>
      fetch(`${emulator.url}/v1.0/users/adele@contoso.test/events`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await get(a, tokenA)).status).toBe(503);
    for (let i = 0; i < 3; i++) expect((await get(b, tokenB)).status).toBe(200);
    expect(Math.abs(b.ctx.clock.now() - Date.now())).toBeLessThan(60_000);
    expect(b.ctx.traffic.limits.requestsPerWindow).toBe(10_000);
    expect(b.ctx.traffic.faults).toEqual([]);
    expect(b.ctx.traffic.latencyMs).toBe(0);
    expect(b.ctx.stats.snapshot().requests.total).toBe(3);
    expect(a.ctx.stats.snapshot().requests.total).toBe(1);
    // A token minted by one emulator names a tenant the other does not have.
    a.ctx.clock.reset();
    const foreign = await get(
      b,
      await tokenFor(a, seedA.contoso.tenant.id, seedA.contoso.clientId, "contoso-secret"),
    );
    expect(foreign.status).toBe(401);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe(
      "InvalidAuthenticationToken",
    );
  });
});
