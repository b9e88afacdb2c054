import { beforeAll, describe, expect, it } from "vitest";
import { ADELE, MEGAN } from "../../helpers/fixtures.js";
import {
  eventsOf,
  graphFailure,
  noRetry,
  requestsTo,
  type TrafficFixture,
  throttledAt,
  trafficSuite,
} from "./fixtures.js";

describe("per (app, mailbox) throttling through Microsoft's Graph client", () => {
  const f = trafficSuite();
  beforeAll(async () => {
    await f.fabrikamClient.api(eventsOf("adele@fabrikam.test")).get();
  });

  it("lets 10 simultaneous requests to one mailbox run 4 at a time and answers the rest MailboxConcurrency", async () => {
    // A slow mailbox keeps each request in its slot long enough for all ten to overlap.
    f.emulator.ctx.traffic.addFault({ mailbox: ADELE, latencyMs: 1000 });
    const calls = Array.from({ length: 10 }, () =>
      f.client.api(eventsOf(ADELE)).middlewareOptions(noRetry()).get(),
    );
    const results = await Promise.allSettled(calls);
    const rejected = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
    expect(rejected).toHaveLength(6);
    for (const error of rejected) {
      expect(error.statusCode).toBe(429);
      expect(error.code).toBe("ApplicationThrottled");
      expect(error.message).toBe("Application is over its MailboxConcurrency limit.");
      expect(Number(error.headers.get("Retry-After"))).toBeGreaterThan(0);
    }
    expect(throttledAt(f, ADELE)).toBe(6);
    expect(requestsTo(f, ADELE)).toBe(10);
    expect(f.emulator.ctx.traffic.inFlightCount(f.contoso.clientId, userId(f, ADELE))).toBe(0);
  });

  it("keeps mailboxes apart: 4 slow requests at 4 mailboxes, and 4 at one, all succeed", async () => {
    f.emulator.ctx.traffic.setLatency(300);
    const upns = [ADELE, MEGAN, "lidia@contoso.test", "nestor@contoso.test"];
    const spread = upns.map((upn) => f.client.api(eventsOf(upn)).middlewareOptions(noRetry()).get());
    await expect(Promise.all(spread)).resolves.toHaveLength(4);
    const same = upns.map(() => f.client.api(eventsOf(ADELE)).middlewareOptions(noRetry()).get());
    await expect(Promise.all(same)).resolves.toHaveLength(4);
    expect(f.emulator.ctx.stats.snapshot().throttled.total).toBe(0);
  });

  it("counts per app: another tenant's app is not throttled by this one's load", async () => {
    f.emulator.ctx.traffic.setLimits({ requestsPerWindow: 2 });
    await f.client.api(eventsOf(ADELE)).get();
    await f.client.api(eventsOf(ADELE)).get();
    await graphFailure(f.client.api(eventsOf(ADELE)).middlewareOptions(noRetry()).get());
    await expect(f.fabrikamClient.api(eventsOf("adele@fabrikam.test")).get()).resolves.toBeDefined();
    await expect(f.client.api(eventsOf(MEGAN)).get()).resolves.toBeDefined();
  });

  it("slides a scaled-down request window with the emulator clock", async () => {
    f.emulator.ctx.traffic.setLimits({ requestsPerWindow: 5, windowSeconds: 60 });
    for (let i = 0; i < 3; i++) await f.client.api(eventsOf(ADELE)).get();
    f.emulator.ctx.clock.advance(30_000);
    for (let i = 0; i < 2; i++) await f.client.api(eventsOf(ADELE)).get();

    const error = await graphFailure(f.client.api(eventsOf(ADELE)).middlewareOptions(noRetry()).get());
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe("TooManyRequests");
    expect(error.message).toBe("Please retry again later.");
    // The first three leave the window about 30 s from now.
    const retryAfter = Number(error.headers?.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(28);
    expect(retryAfter).toBeLessThanOrEqual(31);

    f.emulator.ctx.clock.advance(31_000);
    await expect(f.client.api(eventsOf(ADELE)).get()).resolves.toBeDefined();
    expect(requestsTo(f, ADELE)).toBe(7);
    expect(throttledAt(f, ADELE)).toBe(1);
  });

  it("keeps counting requests while an app is throttled", async () => {
    f.emulator.ctx.traffic.setLimits({ requestsPerWindow: 2, windowSeconds: 60 });
    for (let i = 0; i < 2; i++) await f.client.api(eventsOf(ADELE)).get();
    for (let i = 0; i < 3; i++) {
      await graphFailure(f.client.api(eventsOf(ADELE)).middlewareOptions(noRetry()).get());
    }
    expect(f.emulator.ctx.traffic.windowCount(f.contoso.clientId, userId(f, ADELE))).toBe(5);
    expect(throttledAt(f, ADELE)).toBe(3);
  });

  it("answers the generic TooManyRequests body with its inner details", async () => {
    f.emulator.ctx.traffic.setLimits({ requestsPerWindow: 1 });
    const response = await rawGet(f, eventsOf(ADELE));
    expect(response.status).not.toBe(429);
    const throttled = await rawGet(f, eventsOf(ADELE));
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await throttled.json()) as { error: { code: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe("TooManyRequests");
    expect(body.error.innerError).toMatchObject({
      code: "429",
      status: "429",
      message: "Please retry after",
    });
    expect(body.error.innerError["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("does not throttle users it cannot resolve, nor directory reads", async () => {
    f.emulator.ctx.traffic.setLimits({ requestsPerWindow: 1 });
    for (let i = 0; i < 3; i++) {
      expect((await rawGet(f, eventsOf("nobody@contoso.test"))).status).not.toBe(429);
      expect((await rawGet(f, `/users/${ADELE}`)).status).not.toBe(429);
      // Another tenant's user is unknown in this app's tenant.
      expect((await rawGet(f, eventsOf("adele@fabrikam.test"))).status).not.toBe(429);
    }
    expect(f.emulator.ctx.stats.snapshot().throttled.total).toBe(0);
    expect(f.emulator.ctx.stats.snapshot().requests.byApp[f.contoso.clientId]).toBe(9);
  });

  it("gives the slot back when the client hangs up", async () => {
    f.emulator.ctx.traffic.addFault({ mailbox: ADELE, latencyMs: 2000, count: 1 });
    const abort = new AbortController();
    const pending = rawGet(f, eventsOf(ADELE), abort.signal).catch(() => "aborted");
    const mailboxId = userId(f, ADELE);
    await until(() => f.emulator.ctx.traffic.inFlightCount(f.contoso.clientId, mailboxId) === 1);
    abort.abort();
    expect(await pending).toBe("aborted");
    await until(() => f.emulator.ctx.traffic.inFlightCount(f.contoso.clientId, mailboxId) === 0);
  });

  it("gives the slot back after an error answer", async () => {
    f.emulator.ctx.traffic.setLimits({ concurrentPerMailbox: 1 });
    f.emulator.ctx.traffic.addFault({ mailbox: ADELE, status: 500, count: 2 });
    for (let i = 0; i < 2; i++) {
      const error = await graphFailure(f.client.api(eventsOf(ADELE)).get());
      expect(error.statusCode).toBe(500);
    }
    await expect(f.client.api(eventsOf(ADELE)).get()).resolves.toBeDefined();
    expect(f.emulator.ctx.traffic.inFlightCount(f.contoso.clientId, userId(f, ADELE))).toBe(0);
  });

  it("reports requests per app and per mailbox", async () => {
    await f.client.api(eventsOf(ADELE)).get();
    await f.client.api(eventsOf(ADELE)).get();
    await f.client.api(eventsOf(MEGAN)).get();
    await f.fabrikamClient.api(eventsOf("adele@fabrikam.test")).get();
    const stats = (await (await fetch(`${f.emulator.url}/_emulator/stats`)).json()) as {
      requests: { byApp: Record<string, number>; byAppMailbox: Record<string, number> };
    };
    expect(stats.requests.byAppMailbox).toEqual({
      [`${f.contoso.clientId}|${ADELE}`]: 2,
      [`${f.contoso.clientId}|${MEGAN}`]: 1,
      [`${f.fabrikam.clientId}|adele@fabrikam.test`]: 1,
    });
    expect(stats.requests.byApp).toEqual({ [f.contoso.clientId]: 3, [f.fabrikam.clientId]: 1 });
  });
});

function userId(f: TrafficFixture, upn: string): string {
  return f.emulator.ctx.world.userByIdOrUpn(f.contoso.tenant, upn)!.id;
}

function rawGet(f: TrafficFixture, path: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${f.emulator.url}/v1.0${path}`, { headers: { authorization: `Bearer ${f.token}` }, signal });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
