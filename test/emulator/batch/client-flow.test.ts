import type { Client } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphClientWith } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { controlFetch } from "../../helpers/http.js";
import { msalWithCertificate, seedIdentity } from "../identity/fixture.js";

interface BatchAnswer {
  responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: { id?: string } }>;
}

/**
 * The way crosscal writes copies: a certificate token from MSAL, then `$batch`es of event creates to one
 * mailbox while it keeps at most 4 requests in flight per mailbox, with latency added to every request.
 */
describe("a sync client's $batch writes under the 4-concurrency rule", () => {
  let emulator: RunningEmulator;
  let client: Client;
  let adeleId: string;
  let clientId: string;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    const fixture = await seedIdentity(emulator);
    clientId = fixture.crosscal;
    adeleId = emulator.ctx.world.userByIdOrUpn(fixture.contoso, "adele@contoso.test")!.id;
    const msal = msalWithCertificate(emulator, fixture.contoso.id, clientId, fixture.certificate, "sha256");
    client = graphClientWith(emulator, msal);
    const latency = await controlFetch(emulator, "PUT", "/latency", { ms: 25 });
    expect(latency.status).toBe(200);
  });
  afterAll(() => emulator.close());

  const creates = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      id: String(i + 1),
      method: "POST",
      url: "/users/adele@contoso.test/events",
      headers: { "Content-Type": "application/json" },
      body: {
        subject: `${prefix} ${i + 1}`,
        transactionId: `${prefix}-${i + 1}`,
        start: { dateTime: `2030-03-01T${String(i).padStart(2, "0")}:00:00`, timeZone: "UTC" },
        end: { dateTime: `2030-03-01T${String(i).padStart(2, "0")}:30:00`, timeZone: "UTC" },
      },
    }));
  const post = (requests: unknown[]) => client.api("/$batch").post({ requests }) as Promise<BatchAnswer>;
  const stats = () => emulator.ctx.stats.snapshot();

  it("creates 20 events in one batch, 4 at a time, without an inner 429", async () => {
    const answer = await post(creates("full", 20));
    expect(answer.responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(answer.responses.map((r) => r.body?.id)).size).toBe(20);
    expect(stats().throttled.total).toBe(0);
    expect(stats().requests.byAppMailbox[`${clientId}|adele@contoso.test`]).toBe(20);
    expect(emulator.ctx.traffic.inFlightCount(clientId, adeleId)).toBe(0);
  });

  it("runs two batches of two side by side (4 in flight) without an inner 429", async () => {
    const answers = await Promise.all([post(creates("left", 2)), post(creates("right", 2))]);
    expect(answers.flatMap((a) => a.responses.map((r) => r.status))).toEqual([201, 201, 201, 201]);
    expect(stats().throttled.total).toBe(0);
    expect(emulator.ctx.traffic.inFlightCount(clientId, adeleId)).toBe(0);
  });

  it("throttles inner requests beyond 4 in flight with an integer Retry-After, counted per app and mailbox", async () => {
    // Slow enough that both batches hold their 4 slots at once, however the two envelopes are scheduled.
    const slow = emulator.ctx.traffic.addFault({ mailbox: "adele@contoso.test", latencyMs: 400 });
    const answers = await Promise.all([post(creates("over-a", 4)), post(creates("over-b", 4))]);
    emulator.ctx.traffic.removeFault(slow.id);
    const throttled = answers.flatMap((a) => a.responses).filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    for (const response of throttled) expect(response.headers["Retry-After"]).toMatch(/^\d+$/);
    expect(stats().throttled.byAppMailbox[`${clientId}|adele@contoso.test`]).toBe(throttled.length);
    expect(stats().throttled.byApp[clientId]).toBe(stats().throttled.total);
    expect(emulator.ctx.traffic.inFlightCount(clientId, adeleId)).toBe(0);
  });
});
