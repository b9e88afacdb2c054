import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CamelCasePlugin, Kysely, SqliteDialect } from "kysely";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphClient } from "../../src/graph/client.js";
import {
  applySubscriptionPlan,
  hashClientState,
  planSubscriptions,
} from "../../src/notifications/subscriptions.js";
import type { WebhookBatch } from "../../src/notifications/webhooks.js";
import { type App, buildApp } from "../../src/server/app.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import type { Database } from "../../src/store/schema.js";
import { findSubscription, insertSubscription } from "../../src/store/subscriptions.js";
import { eventBody, seedGraphTenant, testClient } from "../graph/fixture.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { isNotificationTo, Receiver } from "../helpers/webhook-receiver.js";
import { MemoryLog, TEST_COST } from "./fixture.js";

const ADELE = "adele@contoso.test";
const MEGAN = "megan@contoso.test";

type Body = { value: Record<string, unknown>[] };

/** Graph's event ids are about 152 characters: a notification then weighs about 1 KiB, as Graph's do. */
const itemId = (i: number) => `AAMk${String(i).padStart(148, "A")}`;

/** A notification shaped and sized like Graph's, for a subscription id it is given and a guessed clientState. */
function graphShaped(subscriptionId: string, i: number): Record<string, unknown> {
  const resource = `Users/${randomUUID()}/Events/${itemId(i)}`;
  return {
    subscriptionId,
    subscriptionExpirationDateTime: "2030-01-01T00:00:00.0000000Z",
    changeType: "updated",
    clientState: randomBytes(32).toString("base64url"),
    tenantId: randomUUID(),
    resource,
    resourceData: {
      "@odata.type": "#Microsoft.Graph.Event",
      "@odata.id": resource,
      "@odata.etag": `W/"${randomBytes(12).toString("base64")}"`,
      id: itemId(i),
    },
  };
}

const unknownSubscriptions = (count: number) =>
  Array.from({ length: count }, (_, i) => graphShaped(randomUUID(), i));

/** A SQLite store over the test's file that records every statement it runs (Kysely's `log`). */
function countingStore(file: string, statements: string[]): Store {
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SQLite(file) }),
    plugins: [new CamelCasePlugin()],
    log: (event) => void statements.push(event.query.sql),
  });
}

describe("Graph's webhook routes", () => {
  let dir: string;
  let db: Store;
  const store = { db: () => db };
  let emulator: RunningEmulator;
  let app: App;
  const received: WebhookBatch[] = [];
  let client: GraphClient;
  // Deliveries to megan's mailbox go to this receiver instead, so tests hold Graph's very bodies.
  let receiver: Receiver;
  // A second app over the same file, on a store that records its statements.
  let counted: { db: Store; app: App; statements: string[]; work: WebhookBatch[]; log: MemoryLog };

  beforeAll(async () => {
    // The app listens on plain HTTP here; Graph itself requires https (a TLS proxy in front in production).
    dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-webhooks-"));
    db = openDatabase(path.join(dir, "crosscal.db"));
    await migrate(db);
    emulator = await startTestEmulator({ allowHttpNotificationUrls: true });
    const tenant = await seedGraphTenant(emulator);
    app = await buildApp({
      db: store.db(),
      passwordCost: TEST_COST,
      log: { level: "info", stream: new MemoryLog() },
    });
    app.crosscalWebhooks.on("work", (batch) => received.push(batch));
    const url = await app.listen({ port: 0, host: "127.0.0.1" });
    client = testClient(emulator, tenant.crosscal).client;
    const context = {
      db: store.db(),
      requester: () => client,
      notificationUrl: `${url}/api/webhooks/graph`,
      lifecycleNotificationUrl: `${url}/api/webhooks/graph/lifecycle`,
      now: () => new Date(emulator.ctx.clock.now()),
    };
    // Graph validates both URLs with its handshake before it creates the subscription.
    const report = await applySubscriptionPlan(
      context,
      planSubscriptions([{ connection: "contoso", mailbox: ADELE }], [], context.now()),
    );
    expect(report.failed).toEqual([]);
    expect(await findSubscription(store.db(), "contoso", ADELE)).toBeDefined();
    await client.request("POST", `/users/${ADELE}/events`, { body: eventBody("Planning", 3) });

    receiver = await Receiver.start(emulator, { plainHttp: true });
    await subscribeReceiver(MEGAN);
    const statements: string[] = [];
    const countedDb = countingStore(path.join(dir, "crosscal.db"), statements);
    const countedLog = new MemoryLog();
    const countedApp = await buildApp({
      db: countedDb,
      passwordCost: TEST_COST,
      log: { level: "info", stream: countedLog },
    });
    counted = { db: countedDb, app: countedApp, statements, work: [], log: countedLog };
    countedApp.crosscalWebhooks.on("work", (batch) => counted.work.push(batch));
  });

  /** A subscription of `mailbox` posting to the receiver, recorded in the store as crosscal records its own. */
  async function subscribeReceiver(mailbox: string) {
    const clientState = randomBytes(32).toString("base64url");
    const expiresAt = new Date(emulator.ctx.clock.now() + 86_400_000);
    const { body } = await client.request<{ id: string }>("POST", "/subscriptions", {
      body: {
        changeType: "created,updated,deleted",
        notificationUrl: `${receiver.url}/notify`,
        lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
        resource: `users/${mailbox}/events`,
        expirationDateTime: expiresAt.toISOString(),
        clientState,
      },
    });
    const row = { connection: "contoso", mailbox, subscriptionId: body.id, expiresAt };
    await insertSubscription(db, { ...row, clientStateHash: hashClientState(clientState) }, new Date());
  }

  /** The body Graph posted to the receiver about `text` (an event id, a lifecycle event). */
  const delivered = async (route: "/notify" | "/lifecycle", text: string) =>
    JSON.parse(
      (await receiver.next((r) => isNotificationTo(route)(r) && r.body.includes(text))).body,
    ) as Body;

  const post = (target: App, body: unknown, url = "/api/webhooks/graph") =>
    target.inject({
      method: "POST",
      url,
      headers: { "content-type": "application/json" },
      payload: typeof body === "string" ? body : JSON.stringify(body),
    });

  const metric = async (target: App, result: string) =>
    (await target.crosscalMetrics.notifications.get()).values.find((v) => v.labels.result === result)
      ?.value ?? 0;

  /** Batches handed to the scheduler since `before` (the route emits them before it answers). */
  const workSince = (before: number) => received.length - before;

  afterAll(async () => {
    await counted?.app.close();
    if (counted) await closeDatabase(counted.db);
    await receiver?.close();
    await app?.close();
    await emulator?.close();
    await closeDatabase(db);
    await rm(dir, { recursive: true, force: true });
  });

  it("answers Graph's validation handshake with the decoded token as text/plain", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/webhooks/graph?validationToken=Validation%3A%20Testing%20client%20application",
      headers: { "content-type": "text/plain; charset=utf-8" },
      payload: "",
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain/);
    expect(response.body).toBe("Validation: Testing client application");
  });

  it("acknowledges a real delivery with 202 and hands its hints to the scheduler", async () => {
    for (let waited = 0; received.length === 0; waited += 20) {
      if (waited > 5_000) throw new Error("no notification reached the app");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [work] = received[0]!.work;
    expect(work).toMatchObject({ kind: "changes", connection: "contoso", mailbox: ADELE });
    expect(received[0]!.forged).toBe(0);
  });

  it("ignores and counts a forged notification, answering it like any other", async () => {
    const subscription = (await findSubscription(store.db(), "contoso", ADELE))!;
    const before = received.length;
    const forged = {
      value: [
        {
          subscriptionId: subscription.subscriptionId,
          clientState: "a guess",
          changeType: "deleted",
          resource: `Users/x/Events/y`,
          resourceData: { id: "y" },
          subscriptionExpirationDateTime: "2030-01-01T00:00:00Z",
          tenantId: "t",
        },
      ],
    };
    const response = await app.inject({ method: "POST", url: "/api/webhooks/graph", payload: forged });
    expect([response.statusCode, response.json()]).toEqual([202, { accepted: 0, forged: 1 }]);
    expect(received.length).toBe(before);
    const metrics = await app.crosscalMetrics.notifications.get();
    expect(metrics.values.find((v) => v.labels.result === "forged")?.value).toBe(1);
  });

  it("refuses a body that is not a notification collection with 400, in the error shape", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/webhooks/graph",
      payload: { value: "no" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("invalid_notification");
  });

  it("sends the echoed validation token with nosniff, so no browser reads it as a page", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/webhooks/graph/lifecycle?validationToken=%3Cscript%3E",
      headers: { "content-type": "text/plain; charset=utf-8" },
      payload: "",
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("logs no line for each accepted notification POST, while other requests are still logged", async () => {
    const log = new MemoryLog();
    const logged = await buildApp({ db, passwordCost: TEST_COST, log: { level: "info", stream: log } });
    try {
      const response = await post(logged, { value: unknownSubscriptions(2) });
      expect(response.statusCode).toBe(202);
      expect(log.text).toBe("");

      expect((await logged.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
      expect(log.text).toContain('"url":"/healthz"');
    } finally {
      await logged.close();
    }
  });

  it("refuses a body of more than 500 notifications with 413, before looking anything up", async () => {
    const small = (i: number) => ({
      subscriptionId: randomUUID(),
      changeType: "updated",
      clientState: randomBytes(32).toString("base64url"),
      resourceData: { id: `event-${i}` },
    });
    counted.statements.length = 0;

    const response = await post(counted.app, { value: Array.from({ length: 501 }, (_, i) => small(i)) });

    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({
      error: { code: "too_many_notifications", message: expect.stringContaining("at most 500") },
    });
    expect(counted.statements).toEqual([]);
    expect(counted.work).toEqual([]);
    expect(await metric(counted.app, "refused")).toBe(1);
    expect(await metric(counted.app, "forged")).toBe(0);
    expect(counted.log.text).toContain("refused webhook bodies");
  });

  it("refuses a body over 512 KiB with 413 while it arrives, below the API's 1 MiB limit", async () => {
    const [notification] = unknownSubscriptions(1);
    const heavy = { value: [{ ...notification, padding: "x".repeat(520 * 1024) }] };
    counted.statements.length = 0;

    const response = await post(counted.app, heavy);

    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe("payload_too_large");
    expect(counted.statements).toEqual([]);
    expect(counted.work).toEqual([]);
  });

  it("checks 500 notifications of unknown subscriptions with one query, and a guessed clientState with none", async () => {
    const flood = { value: unknownSubscriptions(500) };
    counted.statements.length = 0;

    const response = await post(counted.app, flood);

    // As large as the route accepts, and sized like Graph's own: 500 notifications of about 1 KiB.
    expect(JSON.stringify(flood).length).toBeGreaterThan(450_000);
    expect([response.statusCode, response.json()]).toEqual([202, { accepted: 0, forged: 500 }]);
    expect(counted.statements).toHaveLength(1);
    expect(counted.statements[0]).toMatch(/from "subscriptions" where "subscription_id" in \(/);

    // No clientState, or one no subscription of crosscal's can have: forged without a look-up.
    counted.statements.length = 0;
    const implausible = flood.value.map((n, i) => ({ ...n, clientState: i % 2 ? undefined : "guess" }));
    const cheap = await post(counted.app, { value: implausible });
    expect([cheap.statusCode, cheap.json()]).toEqual([202, { accepted: 0, forged: 500 }]);
    expect(counted.statements).toEqual([]);
    expect(counted.work).toEqual([]);
  });

  it("finds the genuine notification among 499 forged ones with that one query", async () => {
    const { body } = await client.request<{ id: string }>("POST", `/users/${MEGAN}/events`, {
      body: eventBody("Among forgeries", 5),
    });
    const genuine = (await delivered("/notify", body.id)).value;
    counted.statements.length = 0;

    const mixed = [...unknownSubscriptions(500 - genuine.length), ...genuine];
    const response = await post(counted.app, { value: mixed });

    expect(response.json()).toEqual({ accepted: genuine.length, forged: 500 - genuine.length });
    expect(counted.statements).toHaveLength(1);
    expect(counted.work.at(-1)?.work).toMatchObject([{ kind: "changes", mailbox: MEGAN }]);
  });

  it("turns a genuine delivery replayed 50 times, all at once, into work once", async () => {
    const { body } = await client.request<{ id: string }>("POST", `/users/${MEGAN}/events`, {
      body: eventBody("Replayed", 6),
    });
    const genuine = await delivered("/notify", body.id);
    const before = received.length;
    const duplicatesBefore = await metric(app, "duplicate");

    const answers = await Promise.all(Array.from({ length: 50 }, () => post(app, genuine)));

    for (const answer of answers)
      expect([answer.statusCode, answer.json()]).toEqual([
        202,
        { accepted: genuine.value.length, forged: 0 },
      ]);
    expect(workSince(before)).toBe(1);
    expect(received.at(-1)!.work).toEqual([
      {
        kind: "changes",
        connection: "contoso",
        mailbox: MEGAN,
        hints: genuine.value.map((n) =>
          expect.objectContaining({ eventId: body.id, changeType: n.changeType }),
        ),
      },
    ]);
    expect((await metric(app, "duplicate")) - duplicatesBefore).toBe(49 * genuine.value.length);
  });

  it("takes the same event again when Graph reports a new version of it", async () => {
    const { body } = await client.request<{ id: string }>("POST", `/users/${MEGAN}/events`, {
      body: eventBody("Versioned", 7),
    });
    const first = await delivered("/notify", body.id);
    await client.request("PATCH", `/users/${MEGAN}/events/${body.id}`, { body: { subject: "Moved" } });
    const second = await delivered("/notify", body.id);
    const etags = (b: Body) => b.value.map((n) => (n.resourceData as Record<string, string>)["@odata.etag"]);
    expect(etags(second)).not.toEqual(etags(first));
    const before = received.length;

    expect((await post(app, first)).statusCode).toBe(202);
    expect((await post(app, second)).statusCode).toBe(202);
    expect(workSince(before)).toBe(2);
    // Each is remembered now.
    await post(app, first);
    await post(app, second);
    expect(workSince(before)).toBe(2);
  });

  it("never drops a repeated change without a version across POSTs: it may be a new change", async () => {
    const { body } = await client.request<{ id: string }>("POST", `/users/${MEGAN}/events`, {
      body: eventBody("Unversioned", 8),
    });
    const genuine = await delivered("/notify", body.id);
    const [first] = genuine.value;
    const { "@odata.etag": _etag, ...resourceData } = first!.resourceData as Record<string, string>;
    const unversioned = { ...first, resourceData };
    const before = received.length;

    // Twice in one POST: one hint. Again in another POST: work again.
    const once = await post(app, { value: [unversioned, unversioned] });
    await post(app, { value: [unversioned] });

    expect(once.json()).toEqual({ accepted: 2, forged: 0 });
    expect(workSince(before)).toBe(2);
    const hints = received.slice(before).map((b) => (b.work[0] as { hints: unknown[] }).hints.length);
    expect(hints).toEqual([1, 1]);
  });

  it("coalesces a lifecycle notification Graph repeats within a minute", async () => {
    const subscription = (await findSubscription(db, "contoso", MEGAN))!;
    emulator.ctx.subscriptions.triggerLifecycle(subscription.subscriptionId, "missed");
    const missed = await delivered("/lifecycle", "missed");
    const before = received.length;

    for (let i = 0; i < 3; i++)
      expect((await post(app, missed, "/api/webhooks/graph/lifecycle")).json()).toEqual({
        accepted: 1,
        forged: 0,
      });

    expect(workSince(before)).toBe(1);
    expect(received.at(-1)!.work).toEqual([
      { kind: "reconcile", connection: "contoso", mailbox: MEGAN, reason: "missed" },
    ]);
  });
});
