import type { RunningEmulator } from "m365-emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { batchEnvelope, batchSlots, checkBatch, sortRound } from "../../src/graph/batch.js";
import { DEFAULT_RETRY_POLICY, GraphRequestError } from "../../src/graph/errors.js";
import { type BatchItemResponse, batchItemError } from "../../src/graph/requester.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { eventBody, type GraphTenant, seedGraphTenant, testClient } from "./fixture.js";

const ADELE = "adele@contoso.test";
const MEGAN = "megan@contoso.test";

const creates = (mailbox: string, count: number, prefix = "Item") =>
  Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    method: "POST",
    url: `/users/${mailbox}/events`,
    body: { ...eventBody(`${prefix} ${i}`, (i % 28) + 1), transactionId: `${prefix}-${i}` },
  }));

describe("$batch against the emulator", () => {
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

  it("creates 20 events in one request, answers in input order with per-item results", async () => {
    const { client, counters } = testClient(emulator, world.crosscal);
    const items = creates(ADELE, 20, "Batch");
    const answers = await client.batch(items, { mailbox: ADELE, context: "create copies" });
    expect(answers.map((answer) => answer.id)).toEqual(items.map((item) => item.id));
    expect(answers.every((answer) => answer.status === 201 && batchItemError(answer) === undefined)).toBe(
      true,
    );
    expect(answers.map((answer) => (answer.body as { subject: string }).subject)).toEqual(
      items.map((item) => item.body.subject),
    );
    expect(counters.snapshot().requests).toBe(1);
    const listed = await client.request<{ value: unknown[] }>(
      "GET",
      `/users/${ADELE}/events?$top=100&$filter=startswith(subject,'Batch ')`,
    );
    expect(listed.body.value).toHaveLength(20);
    expect(emulator.ctx.stats.snapshot().throttled.total).toBe(0);
  });

  it("retries inner 429s after their Retry-After, keeping the other answers", async () => {
    emulator.ctx.traffic.addFault({
      mailbox: MEGAN,
      method: "POST",
      status: 429,
      retryAfterSeconds: 3,
      count: 2,
    });
    const { client, counters, slept } = testClient(emulator, world.crosscal);
    const answers = await client.batch(creates(MEGAN, 6, "Throttled"), { mailbox: MEGAN });
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(slept).toEqual([3000]);
    expect(counters.snapshot()).toMatchObject({ requests: 2, throttled: 2, retries: 2 });
    const listed = await client.request<{ value: unknown[] }>(
      "GET",
      `/users/${MEGAN}/events?$top=100&$filter=startswith(subject,'Throttled ')`,
    );
    expect(listed.body.value).toHaveLength(6);
  });

  it("returns inner failures with their taxonomy error, without retrying them", async () => {
    const { client, counters } = testClient(emulator, world.crosscal);
    const answers = await client.batch([
      { id: "missing", method: "GET", url: `/users/${ADELE}/events/AAMkAGIxNope` },
      { id: "fine", method: "GET", url: `/users/${ADELE}/events?$top=1` },
      { id: "after", method: "GET", url: `/users/${ADELE}/events?$top=1`, dependsOn: ["missing"] },
    ]);
    expect(answers.map((answer) => [answer.id, answer.status])).toEqual([
      ["missing", 404],
      ["fine", 200],
      ["after", 424],
    ]);
    expect(batchItemError(answers[0]!)).toMatchObject({ kind: "not-found", code: "ErrorItemNotFound" });
    expect(batchItemError(answers[2]!)).toBeInstanceOf(GraphRequestError);
    expect(counters.snapshot()).toMatchObject({ requests: 1, retries: 0 });
  });

  it("holds the mailbox's slots while a batch runs: a batch plus 20 single calls trip no 429", async () => {
    emulator.ctx.traffic.addFault({ mailbox: ADELE, latencyMs: 20 });
    const { client } = testClient(emulator, world.crosscal, { retry: { maxAttempts: 1 } });
    await Promise.all([
      client.batch(creates(ADELE, 20, "Busy"), { mailbox: ADELE }),
      ...Array.from({ length: 20 }, () => client.request("GET", `/users/${ADELE}/events?$top=1`)),
      client.batch(creates(ADELE, 8, "Busier"), { mailbox: ADELE }),
    ]);
    expect(emulator.ctx.stats.snapshot().throttled.total).toBe(0);
  });

  it("refuses more than 20 requests or duplicate ids before sending anything", async () => {
    const { client, counters } = testClient(emulator, world.crosscal);
    await expect(client.batch(creates(ADELE, 21))).rejects.toMatchObject({ kind: "invalid" });
    await expect(client.batch([...creates(ADELE, 1), ...creates(ADELE, 1)])).rejects.toThrow(/used twice/);
    expect(counters.snapshot().requests).toBe(0);
  });
});

describe("batch helpers", () => {
  const item = (id: string, url: string, dependsOn?: string[]) => ({ id, method: "GET", url, dependsOn });

  it("reserves min(limit, items) slots per mailbox, one for a dependsOn chain, none for directory calls", () => {
    const slots = batchSlots(
      [
        item("1", "/users/A@x/events"),
        item("2", "/users/a@x/events"),
        item("3", "/users/b@x/calendarView?x=1"),
        item("4", "/users/b@x/events/1"),
        item("5", "/users/b@x/events/2"),
        item("6", "/users/b@x/events/3"),
        item("7", "/users/b@x/events/4"),
        item("8", "/groups/g/members"),
      ],
      undefined,
      4,
    );
    expect(Object.fromEntries(slots)).toEqual({ "a@x": 2, "b@x": 4 });
    const chain = [
      item("1", "/users/a@x/events"),
      item("2", "/users/a@x/events", ["1"]),
      item("3", "/users/a@x/events", ["2"]),
    ];
    expect(Object.fromEntries(batchSlots(chain, undefined, 4))).toEqual({ "a@x": 1 });
    expect(Object.fromEntries(batchSlots([item("1", "/subscriptions")], "M@x", 4))).toEqual({ "m@x": 1 });
  });

  it("adds Content-Type next to bodies and a leading slash to URLs", () => {
    expect(
      batchEnvelope([{ id: "1", method: "post", url: "users/a/events", body: { subject: "x" } }]),
    ).toEqual({
      requests: [
        {
          id: "1",
          method: "POST",
          url: "/users/a/events",
          headers: { "Content-Type": "application/json" },
          body: { subject: "x" },
        },
      ],
    });
  });

  it("checks ids and dependencies", () => {
    expect(() => checkBatch([], undefined)).toThrow(/at least one/);
    expect(() => checkBatch([item("a", "/x"), item("A", "/y")], undefined)).toThrow(/used twice/);
    expect(() => checkBatch([item("a", "/x", ["b"])], undefined)).toThrow(/unknown "b"/);
  });

  it("retries a 424 together with the throttled request it depends on, and settles the rest", () => {
    const sent = [item("1", "/users/a/events"), item("2", "/users/a/events", ["1"]), item("3", "/users/a/x")];
    const answers = new Map<string, BatchItemResponse>([
      ["1", { id: "1", status: 429, headers: { "retry-after": "2" }, body: {} }],
      ["2", { id: "2", status: 424, headers: {}, body: {} }],
      ["3", { id: "3", status: 403, headers: {}, body: { error: { code: "ErrorAccessDenied" } } }],
    ]);
    const round = sortRound(sent, answers, 1, DEFAULT_RETRY_POLICY, "ctx", 0);
    expect(round.retry.map((r) => [r.id, r.dependsOn])).toEqual([
      ["1", []],
      ["2", ["1"]],
    ]);
    expect(round.delayMs).toBe(2000);
    expect(round.settled.get("3")?.error).toMatchObject({ kind: "permission", code: "ErrorAccessDenied" });
    const last = sortRound(sent, answers, DEFAULT_RETRY_POLICY.maxAttempts, DEFAULT_RETRY_POLICY, "ctx", 0);
    expect(last.retry).toEqual([]);
    expect(last.settled.get("1")?.error).toMatchObject({ kind: "transient", status: 429 });
    expect(last.settled.get("2")?.status).toBe(424);
  });
});
