import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/src/server.js";
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
