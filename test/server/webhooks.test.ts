import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/src/server.js";
import { applySubscriptionPlan, planSubscriptions } from "../../src/engine/subscriptions.js";
import type { WebhookBatch } from "../../src/engine/webhooks.js";
import { type App, buildApp } from "../../src/server/app.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { findSubscription } from "../../src/store/subscriptions.js";
import { eventBody, seedGraphTenant, testClient } from "../graph/fixture.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { MemoryLog, TEST_COST } from "./fixture.js";

const ADELE = "adele@contoso.test";

describe("Graph's webhook routes", () => {
  let dir: string;
  let db: Store;
  const store = { db: () => db };
  let emulator: RunningEmulator;
  let app: App;
  const received: WebhookBatch[] = [];

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
    const client = testClient(emulator, tenant.crosscal).client;
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
  });

  afterAll(async () => {
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
});
