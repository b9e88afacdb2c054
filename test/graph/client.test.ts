import { inspect } from "node:util";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resolveEndpoints } from "../../src/graph/endpoints.js";
import { GraphRequestError } from "../../src/graph/errors.js";
import type { GraphEvent } from "../../src/graph/metrics.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { eventBody, type GraphTenant, SECRET, seedGraphTenant, testClient, tokenSource } from "./fixture.js";

const ADELE = "adele@contoso.test";
const MEGAN = "megan@contoso.test";

async function errorOf(promise: Promise<unknown>): Promise<GraphRequestError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GraphRequestError);
  return error as GraphRequestError;
}

describe("GraphClient against the emulator", () => {
  let emulator: RunningEmulator;
  let world: GraphTenant;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    world = await seedGraphTenant(emulator);
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    emulator.ctx.traffic.reset();
    emulator.ctx.stats.reset();
  });

  it("sends JSON, passes Prefer through and returns status, lower-case headers and body", async () => {
    const { client } = testClient(emulator, world.crosscal);
    const created = await client.request<{ id: string; start: { timeZone: string } }>(
      "POST",
      `/users/${ADELE}/events`,
      { body: eventBody("Planning", 2), headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' } },
    );
    expect(created.status).toBe(201);
    expect(created.body.start.timeZone).toBe("Pacific Standard Time");
    expect(created.headers["preference-applied"]).toContain("outlook.timezone");
    const deleted = await client.request("DELETE", `/users/${ADELE}/events/${created.body.id}`);
    expect(deleted).toMatchObject({ status: 204, body: undefined });
  });

  describe("error kinds", () => {
    it("404 -> not-found, with context, method, path and request id", async () => {
      const { client } = testClient(emulator, world.crosscal);
      const error = await errorOf(
        client.request("GET", `/users/${ADELE}/events/AAMkAGIxMissing`, { context: "read copy of adele" }),
      );
      expect(error).toMatchObject({
        kind: "not-found",
        status: 404,
        code: "ErrorItemNotFound",
        method: "GET",
      });
      expect(error.path).toBe(`/users/${ADELE}/events/AAMkAGIxMissing`);
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.message).toMatch(
        /^read copy of adele: GET \/users\/adele@contoso\.test\/events\/AAMkAGIxMissing answered 404 ErrorItemNotFound/,
      );
    });

    it("403 -> permission, for a mailbox outside the app's Exchange scope and for an app without consent", async () => {
      const scoped = testClient(emulator, world.scoped, {
        credential: { kind: "secret", secret: "scoped-secret-5678" },
      });
      expect((await scoped.client.request("GET", `/users/${ADELE}/events`)).status).toBe(200);
      const outside = await errorOf(scoped.client.request("GET", `/users/${MEGAN}/events`));
      expect(outside).toMatchObject({ kind: "permission", status: 403, code: "ErrorAccessDenied" });
      const unconsented = testClient(emulator, world.unconsented, {
        credential: { kind: "secret", secret: "unconsented-secret-9012" },
      });
      const denied = await errorOf(unconsented.client.request("GET", `/users/${ADELE}/events`));
      expect(denied).toMatchObject({ kind: "permission", status: 403 });
      // A 403 is not a stale token: no refresh is attempted, no retry either.
      expect(unconsented.counters.snapshot()).toMatchObject({ requests: 1, tokenRefreshes: 0, retries: 0 });
    });

    it("410 -> cursor-invalid, without retrying", async () => {
      const { client, counters } = testClient(emulator, world.crosscal);
      const error = await errorOf(
        client.request("GET", `/users/${ADELE}/calendarView/delta?$deltatoken=gone`),
      );
      expect(error).toMatchObject({ kind: "cursor-invalid", status: 410, code: "SyncStateNotFound" });
      expect(error.path).toBe(`/users/${ADELE}/calendarView/delta?$deltatoken=…`);
      expect(counters.snapshot().requests).toBe(1);
    });

    it("412 -> precondition on a stale If-Match", async () => {
      const { client } = testClient(emulator, world.crosscal);
      const created = await client.request<{ id: string }>("POST", `/users/${ADELE}/events`, {
        body: eventBody("Versioned", 3),
      });
      const error = await errorOf(
        client.request("PATCH", `/users/${ADELE}/events/${created.body.id}`, {
          body: { subject: "Changed" },
          headers: { "If-Match": 'W/"stale"' },
        }),
      );
      expect(error).toMatchObject({ kind: "precondition", status: 412, code: "ErrorIrresolvableConflict" });
    });

    it("400 -> invalid", async () => {
      const { client } = testClient(emulator, world.crosscal);
      const error = await errorOf(client.request("GET", `/users/${ADELE}/calendarView`));
      expect(error).toMatchObject({ kind: "invalid", status: 400, code: "ErrorInvalidParameter" });
    });

    it("refuses to send the token to a link on another host", async () => {
      const { client, counters } = testClient(emulator, world.crosscal);
      const error = await errorOf(client.request("GET", "https://evil.example/v1.0/users/x/events"));
      expect(error.kind).toBe("invalid");
      expect(counters.snapshot().requests).toBe(0);
    });
  });

  describe("retries", () => {
    it("honours Retry-After on injected 429s, then succeeds", async () => {
      emulator.ctx.traffic.addFault({ mailbox: ADELE, status: 429, retryAfterSeconds: 7, count: 2 });
      const { client, counters, slept } = testClient(emulator, world.crosscal);
      const answer = await client.request("GET", `/users/${ADELE}/events`);
      expect(answer.status).toBe(200);
      expect(slept).toEqual([7000, 7000]);
      expect(counters.snapshot()).toMatchObject({ requests: 3, throttled: 2, retries: 2 });
    });

    it("backs off exponentially on a 503 without Retry-After", async () => {
      emulator.ctx.traffic.addFault({ mailbox: ADELE, status: 503, count: 2 });
      const { client, slept } = testClient(emulator, world.crosscal, {
        retry: { baseDelayMs: 1000, random: () => 0 },
      });
      expect((await client.request("GET", `/users/${ADELE}/events`)).status).toBe(200);
      expect(slept).toEqual([500, 1000]);
    });

    it("gives up after the last attempt with the transient error", async () => {
      emulator.ctx.traffic.addFault({ mailbox: ADELE, status: 504, count: 10 });
      const { client, counters } = testClient(emulator, world.crosscal, { retry: { maxAttempts: 3 } });
      const error = await errorOf(client.request("GET", `/users/${ADELE}/events`, { context: "list adele" }));
      expect(error).toMatchObject({ kind: "transient", status: 504 });
      expect(counters.snapshot()).toMatchObject({ requests: 3, retries: 2 });
    });

    it("a network failure is transient and retried", async () => {
      // Graph on a closed port, Entra ID still the emulator.
      const { client, counters } = testClient(emulator, world.crosscal, {
        retry: { maxAttempts: 2 },
        endpoints: resolveEndpoints({ authorityHost: emulator.url, graphHost: "https://127.0.0.1:1" }),
      });
      const error = await errorOf(client.request("GET", `/users/${ADELE}/events`));
      expect(error.kind).toBe("transient");
      expect(error.message).toContain("got no answer");
      expect(counters.snapshot()).toMatchObject({ requests: 2, retries: 1 });
    });
  });

  describe("per-mailbox concurrency", () => {
    async function fiftyAtOnce(concurrencyPerMailbox: number) {
      // Each request holds its Exchange slot for 30 ms, so unlimited callers really overlap.
      emulator.ctx.traffic.addFault({ mailbox: ADELE, latencyMs: 30 });
      const { client, counters } = testClient(emulator, world.crosscal, {
        concurrencyPerMailbox,
        retry: { maxAttempts: 1 },
      });
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, () => client.request("GET", `/users/${ADELE}/events`)),
      );
      return { results, counters: counters.snapshot(), stats: emulator.ctx.stats.snapshot() };
    }

    it("50 concurrent calls to one mailbox trip no MailboxConcurrency 429", async () => {
      const { results, counters, stats } = await fiftyAtOnce(4);
      expect(results.every((result) => result.status === "fulfilled")).toBe(true);
      expect(stats.throttled.total).toBe(0);
      expect(stats.requests.total).toBe(50);
      expect(counters).toMatchObject({ requests: 50, throttled: 0 });
    });

    it("without the limit, the same calls do get MailboxConcurrency 429s (the test above can fail)", async () => {
      const { results, stats } = await fiftyAtOnce(50);
      const rejected = results.filter((result) => result.status === "rejected");
      expect(stats.throttled.total).toBeGreaterThan(0);
      expect(rejected.length).toBe(stats.throttled.total);
      const reason = (rejected[0] as PromiseRejectedResult).reason as GraphRequestError;
      expect(reason).toMatchObject({ kind: "transient", status: 429, code: "ApplicationThrottled" });
    });
  });

  it("never puts the secret or the token in errors or events", async () => {
    const events: GraphEvent[] = [];
    const tokens = tokenSource(emulator, world.crosscal);
    const { client } = testClient(emulator, world.crosscal, {
      tokens,
      onEvent: (event) => events.push(event),
    });
    emulator.ctx.traffic.addFault({ mailbox: ADELE, status: 503, count: 1 });
    await client.request("GET", `/users/${ADELE}/events`);
    const errors = await Promise.all([
      errorOf(client.request("GET", `/users/${ADELE}/events/AAMkAGIxMissing`)),
      errorOf(client.request("GET", `/users/${MEGAN}/calendarView/delta?$deltatoken=x`)),
      errorOf(client.request("GET", "https://evil.example/x")),
    ]);
    const token = await tokens.token(); // the cached token the client used
    const everything = [...errors.map((error) => inspect(error, { depth: 10 })), JSON.stringify(events)].join(
      "\n",
    );
    expect(events.length).toBeGreaterThan(3);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(token.split(".")[2]);
    expect(everything).not.toMatch(/Bearer /);
  });
});

describe("a token expiring in the middle of a run", () => {
  let emulator: RunningEmulator;
  let world: GraphTenant;
  beforeAll(async () => {
    emulator = await startTestEmulator({ tokenLifetimeSeconds: 600 });
    world = await seedGraphTenant(emulator);
  });
  afterAll(() => emulator.close());

  it("gets 401, refreshes the token once and succeeds", async () => {
    const { client, counters } = testClient(emulator, world.crosscal);
    expect((await client.request("GET", `/users/${ADELE}/events`)).status).toBe(200);
    // MSAL still trusts its cached token (its clock did not move); Graph's clock says it expired.
    emulator.ctx.clock.advance(601_000);
    expect((await client.request("GET", `/users/${ADELE}/events`)).status).toBe(200);
    expect(counters.snapshot()).toMatchObject({ requests: 3, tokenRefreshes: 1, retries: 0 });
  });

  it("a second 401 after the refresh is a permission error, not a loop", async () => {
    const { client, counters } = testClient(emulator, world.crosscal, {
      tokens: { token: async () => "not.a.token" },
    });
    const error = await errorOf(client.request("GET", `/users/${ADELE}/events`));
    expect(error).toMatchObject({ kind: "permission", status: 401, code: "InvalidAuthenticationToken" });
    expect(counters.snapshot()).toMatchObject({ requests: 2, tokenRefreshes: 1 });
  });
});
