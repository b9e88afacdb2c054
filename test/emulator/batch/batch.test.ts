import { BatchRequestContent, BatchResponseContent } from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import { ADELE, MEGAN } from "../../helpers/fixtures.js";
import { eventsOf, graphFailure, noRetry, requestsTo, trafficSuite } from "../throttle/fixtures.js";

interface RawItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: { error?: { code: string; message: string }; value?: unknown[] };
}

describe("POST /v1.0/$batch through Microsoft's Graph client", () => {
  const f = trafficSuite();

  /** A step for BatchRequestContent; the client strips the host, leaving a relative URL. */
  const step = (id: string, path: string, dependsOn?: string[]) => ({
    id,
    request: new Request(`${f.emulator.url}${path}`, { method: "GET" }),
    ...(dependsOn ? { dependsOn } : {}),
  });

  async function postBatch(content: unknown): Promise<{ responses: RawItem[] }> {
    return f.client.api("/$batch").post(content);
  }

  it("answers each inner request by id, each one counted on its own", async () => {
    const batch = new BatchRequestContent([
      step("1", eventsOf(ADELE)),
      step("2", eventsOf(MEGAN)),
      step("3", `${eventsOf(ADELE)}?$top=1`),
    ]);
    const raw = await postBatch(await batch.getContent());
    const responses = new BatchResponseContent(raw);
    for (const id of ["1", "2", "3"]) {
      const response = responses.getResponseById(id);
      expect(response?.status).toBe(200);
      expect(await response?.json()).toHaveProperty("value");
    }
    expect(raw.responses.map((r) => r.id).sort()).toEqual(["1", "2", "3"]);
    expect(requestsTo(f, ADELE)).toBe(2);
    expect(requestsTo(f, MEGAN)).toBe(1);
  });

  it("runs a dependsOn chain in order and fails the rest with 424 after a failing request", async () => {
    const ok = await postBatch(
      await new BatchRequestContent([
        step("a", eventsOf(ADELE)),
        step("b", eventsOf(MEGAN), ["a"]),
        step("c", eventsOf(ADELE), ["b"]),
      ]).getContent(),
    );
    expect(ok.responses.map((r) => [r.id, r.status])).toEqual([
      ["a", 200],
      ["b", 200],
      ["c", 200],
    ]);

    f.emulator.ctx.traffic.addFault({ mailbox: MEGAN, status: 500, count: 1 });
    const failed = await postBatch(
      await new BatchRequestContent([
        step("1", eventsOf(MEGAN)),
        step("2", eventsOf(ADELE), ["1"]),
        step("3", eventsOf(ADELE), ["2"]),
      ]).getContent(),
    );
    const byId = new Map(failed.responses.map((r) => [r.id, r]));
    expect(byId.get("1")?.status).toBe(500);
    expect(byId.get("2")?.status).toBe(424);
    expect(byId.get("3")?.status).toBe(424);
    expect(byId.get("2")?.body?.error?.code).toBe("FailedDependency");
    expect(requestsTo(f, ADELE)).toBe(2); // only the first, successful chain reached adele
  });

  it("rejects more than 20 requests with 400", async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({
      id: String(i + 1),
      method: "GET",
      url: eventsOf(ADELE),
    }));
    const error = await graphFailure(postBatch({ requests }));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("BadRequest");
    expect(requestsTo(f, ADELE)).toBe(0);
    const twenty = await postBatch({ requests: requests.slice(0, 20) });
    expect(twenty.responses).toHaveLength(20);
  });

  it("rejects duplicate ids, compared case-insensitively", async () => {
    for (const ids of [
      ["1", "1"],
      ["A", "a"],
    ]) {
      const requests = ids.map((id) => ({ id, method: "GET", url: eventsOf(ADELE) }));
      const error = await graphFailure(postBatch({ requests }));
      expect(error.statusCode).toBe(400);
      expect(error.message).toBe(`Request Id ${ids[1]} has to be unique in a batch.`);
    }
  });

  it("rejects the whole batch when a request with a body has no Content-Type", async () => {
    const requests = [
      { id: "1", method: "GET", url: eventsOf(ADELE) },
      { id: "2", method: "POST", url: eventsOf(ADELE), body: { subject: "x" } },
    ];
    const error = await graphFailure(postBatch({ requests }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe("Write request id : 2 does not contain Content-Type header or body.");
    expect(requestsTo(f, ADELE)).toBe(0);
  });

  it("rejects malformed envelopes and unknown dependencies with 400", async () => {
    for (const body of [
      {},
      { requests: "x" },
      { requests: [] },
      { requests: [{ id: "1", method: "GET" }] },
      { requests: [{ id: "1", method: "TRACE", url: "/users" }] },
      { requests: [{ id: "1", method: "GET", url: "https://graph.microsoft.com/v1.0/users" }] },
      { requests: [{ id: "1", method: "GET", url: "/users", dependsOn: ["2"] }] },
      {
        requests: [
          { id: "1", method: "GET", url: "/users", dependsOn: ["2"] },
          { id: "2", method: "GET", url: "/users", dependsOn: ["1"] },
        ],
      },
    ]) {
      expect((await graphFailure(postBatch(body))).statusCode).toBe(400);
    }
  });

  it("reports an inner 429 with its own Retry-After while the envelope is 200", async () => {
    f.emulator.ctx.traffic.addFault({ mailbox: MEGAN, status: 429, retryAfterSeconds: 7, count: 1 });
    const raw = await postBatch(
      await new BatchRequestContent([step("1", eventsOf(ADELE)), step("2", eventsOf(MEGAN))]).getContent(),
    );
    const responses = new BatchResponseContent(raw);
    expect(responses.getResponseById("1")?.status).toBe(200);
    const throttled = responses.getResponseById("2")!;
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("Retry-After")).toBe("7");
    expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe("TooManyRequests");
  });

  it("applies path-matched faults to inner requests, and to the envelope only when they name $batch", async () => {
    f.emulator.ctx.traffic.addFault({ path: eventsOf(MEGAN), status: 503, retryAfterSeconds: 3, count: 1 });
    const raw = await postBatch({
      requests: [
        { id: "a", method: "GET", url: eventsOf(ADELE) },
        { id: "m", method: "GET", url: eventsOf(MEGAN) },
      ],
    });
    const byId = new Map(raw.responses.map((r) => [r.id, r]));
    expect(byId.get("a")?.status).toBe(200);
    expect(byId.get("m")?.status).toBe(503);
    expect(byId.get("m")?.headers["Retry-After"]).toBe("3");
    f.emulator.ctx.traffic.addFault({ path: "/$batch", status: 504, count: 1 });
    const envelope = await graphFailure(
      f.client
        .api("/$batch")
        .middlewareOptions(noRetry())
        .post({ requests: [{ id: "1", method: "GET", url: eventsOf(ADELE) }] }),
    );
    expect(envelope.statusCode).toBe(504);
    expect(f.emulator.ctx.traffic.faults).toEqual([]);
  });

  it("works on at most the mailbox's concurrency limit of unordered requests at a time", async () => {
    f.emulator.ctx.traffic.addFault({ mailbox: ADELE, latencyMs: 150 });
    for (const concurrentPerMailbox of [4, 2]) {
      f.emulator.ctx.traffic.setLimits({ concurrentPerMailbox });
      f.emulator.ctx.stats.reset();
      const requests = Array.from({ length: 10 }, (_, i) => ({
        id: String(i + 1),
        method: "GET",
        url: eventsOf(ADELE),
      }));
      const raw = await postBatch({ requests });
      expect(raw.responses.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(requestsTo(f, ADELE)).toBe(10);
      expect(f.emulator.ctx.stats.snapshot().throttled.total).toBe(0);
    }
  });

  it("lets a request outside the batch trip MailboxConcurrency while the batch keeps the mailbox busy", async () => {
    f.emulator.ctx.traffic.addFault({ mailbox: ADELE, latencyMs: 500 });
    const requests = Array.from({ length: 4 }, (_, i) => ({
      id: String(i),
      method: "GET",
      url: eventsOf(ADELE),
    }));
    const batch = postBatch({ requests });
    const mailboxId = f.emulator.ctx.world.userByIdOrUpn(f.contoso.tenant, ADELE)!.id;
    while (f.emulator.ctx.traffic.inFlightCount(f.contoso.clientId, mailboxId) < 4) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const outside = await fetch(`${f.emulator.url}/v1.0${eventsOf(ADELE)}`, {
      headers: { authorization: `Bearer ${f.token}` },
    });
    expect(outside.status).toBe(429);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe("ApplicationThrottled");
    expect((await batch).responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it("answers plain HTTP clients too, with Graph's inner header names", async () => {
    const response = await fetch(`${f.emulator.url}/v1.0/$batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${f.token}`, "content-type": "application/json" },
      body: JSON.stringify({ requests: [{ id: "1", method: "GET", url: `users/${ADELE}/events` }] }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { responses: RawItem[] };
    expect(body.responses[0]).toMatchObject({ id: "1", status: 200 });
    expect(body.responses[0]?.headers["Content-Type"]).toMatch(/^application\/json/);
  });
});
