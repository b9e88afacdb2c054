import { RetryHandlerOptions } from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import { ADELE, MEGAN } from "../../helpers/fixtures.js";
import { controlCall } from "../../helpers/http.js";
import { eventsOf, graphFailure, noRetry, requestsTo, trafficSuite } from "./fixtures.js";

describe("fault injection seen by Microsoft's Graph client", () => {
  const f = trafficSuite();

  it("honours Retry-After on two injected 429s and succeeds on the third request", async () => {
    const created = await controlCall(f.emulator, "POST", "/faults", {
      path: "/events",
      mailbox: ADELE,
      status: 429,
      retryAfterSeconds: 1,
      count: 2,
    });
    expect(created.status).toBe(201);
    await expect(f.client.api(eventsOf(ADELE)).get()).resolves.toBeDefined();
    expect(requestsTo(f, ADELE)).toBe(3);
    expect(f.emulator.ctx.stats.snapshot().faultsInjected).toBe(2);
    expect((await controlCall(f.emulator, "GET", "/faults")).body).toEqual([]);
  });

  it("sends an injected 429 with Graph's TooManyRequests body, with or without Retry-After", async () => {
    f.emulator.ctx.traffic.addFault({ mailbox: ADELE, status: 429, retryAfterSeconds: 3, count: 1 });
    f.emulator.ctx.traffic.addFault({ mailbox: MEGAN, status: 429, count: 1 });
    const withHeader = await graphFailure(f.client.api(eventsOf(ADELE)).middlewareOptions(noRetry()).get());
    expect(withHeader.statusCode).toBe(429);
    expect(withHeader.code).toBe("TooManyRequests");
    expect(withHeader.headers?.get("Retry-After")).toBe("3");
    const without = await graphFailure(f.client.api(eventsOf(MEGAN)).middlewareOptions(noRetry()).get());
    expect(without.statusCode).toBe(429);
    expect(without.headers?.get("Retry-After")).toBeNull();
  });

  it("retries a 503 that carries Retry-After", async () => {
    f.emulator.ctx.traffic.addFault({ mailbox: ADELE, status: 503, retryAfterSeconds: 1, count: 1 });
    await expect(f.client.api(eventsOf(ADELE)).get()).resolves.toBeDefined();
    expect(requestsTo(f, ADELE)).toBe(2);
  });

  it("answers a 503 without Retry-After, which the client retries with its own backoff", async () => {
    f.emulator.ctx.traffic.addFault({ mailbox: ADELE, status: 503, count: 1 });
    const error = await graphFailure(f.client.api(eventsOf(ADELE)).middlewareOptions(noRetry()).get());
    expect(error.statusCode).toBe(503);
    expect(error.code).toBe("serviceNotAvailable");
    expect(error.headers?.get("Retry-After")).toBeNull();

    f.emulator.ctx.traffic.addFault({ mailbox: ADELE, status: 503, count: 1 });
    const shortBackoff = [new RetryHandlerOptions(1, 1)];
    await expect(f.client.api(eventsOf(ADELE)).middlewareOptions(shortBackoff).get()).resolves.toBeDefined();
    expect(requestsTo(f, ADELE)).toBe(3);
  });

  it("retries a 504 gateway timeout", async () => {
    f.emulator.ctx.traffic.addFault({ path: "/events", status: 504, retryAfterSeconds: 1, count: 1 });
    const error = await graphFailure(f.client.api(eventsOf(MEGAN)).middlewareOptions(noRetry()).get());
    expect(error.statusCode).toBe(504);
    f.emulator.ctx.traffic.addFault({ path: "/events", status: 504, retryAfterSeconds: 1, count: 1 });
    await expect(f.client.api(eventsOf(MEGAN)).get()).resolves.toBeDefined();
    expect(requestsTo(f, MEGAN)).toBe(3);
  });

  it("surfaces a 500 without retrying it", async () => {
    f.emulator.ctx.traffic.addFault({ mailbox: ADELE, status: 500 });
    const error = await graphFailure(f.client.api(eventsOf(ADELE)).get());
    expect(error.statusCode).toBe(500);
    expect(error.code).toBe("generalException");
    expect(requestsTo(f, ADELE)).toBe(1);
  });

  it("matches rules by method, path regex, app and mailbox", async () => {
    f.emulator.ctx.traffic.addFault({ method: "POST", status: 500 });
    f.emulator.ctx.traffic.addFault({ pathRegex: "^/v1\\.0/users/megan@", status: 500 });
    f.emulator.ctx.traffic.addFault({ clientId: f.fabrikam.clientId, status: 500 });
    await expect(f.client.api(eventsOf(ADELE)).get()).resolves.toBeDefined();
    expect((await graphFailure(f.client.api(eventsOf(MEGAN)).get())).statusCode).toBe(500);
    const fabrikam = await graphFailure(f.fabrikamClient.api(eventsOf("adele@fabrikam.test")).get());
    expect(fabrikam.statusCode).toBe(500);
  });

  it("matches a path rule whatever the client percent-encoded", async () => {
    f.emulator.ctx.traffic.addFault({ path: "/users/adele@contoso.test/events", status: 503, count: 1 });
    const response = await fetch(`${f.emulator.url}/v1.0/users/adele%40contoso.test/events`, {
      headers: { authorization: `Bearer ${f.token}` },
    });
    expect(response.status).toBe(503);
    expect(requestsTo(f, ADELE)).toBe(1);
  });

  it("applies a probability: 0 never, 1 always", async () => {
    f.emulator.ctx.traffic.addFault({ mailbox: ADELE, status: 500, probability: 0 });
    f.emulator.ctx.traffic.addFault({ mailbox: MEGAN, status: 500, probability: 1 });
    for (let i = 0; i < 3; i++) {
      await expect(f.client.api(eventsOf(ADELE)).get()).resolves.toBeDefined();
      expect((await graphFailure(f.client.api(eventsOf(MEGAN)).get())).statusCode).toBe(500);
    }
  });

  it("adds latency per rule and globally", async () => {
    f.emulator.ctx.traffic.addFault({ mailbox: ADELE, latencyMs: 250, count: 1 });
    let started = performance.now();
    await f.client.api(eventsOf(ADELE)).get();
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);

    expect((await controlCall(f.emulator, "PUT", "/latency", { ms: 200 })).body).toEqual({ ms: 200 });
    started = performance.now();
    await f.client.api(eventsOf(MEGAN)).get();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect((await controlCall(f.emulator, "GET", "/latency")).body).toEqual({ ms: 200 });
  });

  it("manages limits and faults through the control API", async () => {
    expect((await controlCall(f.emulator, "GET", "/limits")).body).toEqual({
      requestsPerWindow: 10_000,
      windowSeconds: 600,
      concurrentPerMailbox: 4,
      concurrencyRetryAfterSeconds: 1,
    });
    const put = await controlCall(f.emulator, "PUT", "/limits", { requestsPerWindow: 5, windowSeconds: 60 });
    expect(put.body).toMatchObject({ requestsPerWindow: 5, windowSeconds: 60, concurrentPerMailbox: 4 });
    expect((await controlCall(f.emulator, "PUT", "/limits", { concurrentPerMailbox: 0 })).status).toBe(400);

    const rule = (await controlCall(f.emulator, "POST", "/faults", { mailbox: ADELE, status: 500, count: 2 }))
      .body;
    expect(rule).toMatchObject({ mailbox: ADELE, status: 500, count: 2, remaining: 2, applied: 0 });
    await graphFailure(f.client.api(eventsOf(ADELE)).get());
    expect((await controlCall(f.emulator, "GET", "/faults")).body).toMatchObject([
      { id: rule.id, remaining: 1, applied: 1 },
    ]);
    expect((await controlCall(f.emulator, "DELETE", `/faults/${rule.id}`)).status).toBe(204);
    expect((await controlCall(f.emulator, "DELETE", `/faults/${rule.id}`)).status).toBe(404);

    await controlCall(f.emulator, "POST", "/faults", { status: 503 });
    expect((await controlCall(f.emulator, "DELETE", "/faults")).status).toBe(204);
    await expect(f.client.api(eventsOf(ADELE)).get()).resolves.toBeDefined();

    expect((await controlCall(f.emulator, "POST", "/faults", { status: 418 })).status).toBe(400);
    expect((await controlCall(f.emulator, "POST", "/faults", { mailbox: ADELE })).status).toBe(400);
    expect((await controlCall(f.emulator, "POST", "/faults", { status: 500, pathRegex: "(" })).status).toBe(
      400,
    );

    await controlCall(f.emulator, "POST", "/traffic/reset");
    expect((await controlCall(f.emulator, "GET", "/limits")).body).toMatchObject({
      requestsPerWindow: 10_000,
    });
  });
});
