import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GraphClient } from "../../src/graph/client.js";
import {
  applySubscriptionPlan,
  planSubscriptions,
  reauthorize,
  recreateSubscription,
  type SubscriptionContext,
} from "../../src/notifications/subscriptions.js";
import {
  handleNotificationBody,
  NotificationPayloadError,
  notificationWork,
  parseNotifications,
  type WebhookWork,
} from "../../src/notifications/webhooks.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import {
  findSubscription,
  listSubscriptions,
  type StoredSubscription,
} from "../../src/store/subscriptions.js";
import { eventBody, seedGraphTenant, testClient } from "../graph/fixture.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { type Received, Receiver } from "../helpers/webhook-receiver.js";

const ADELE = "adele@contoso.test";
const MEGAN = "megan@contoso.test";

type Body = { value: Record<string, unknown>[] };

describe("webhook notifications into work", () => {
  let emulator: RunningEmulator;
  let receiver: Receiver;
  let client: GraphClient;
  let dir: string;
  let db: Store;
  let context: SubscriptionContext;
  let adele: StoredSubscription;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    const tenant = await seedGraphTenant(emulator);
    receiver = await Receiver.start(emulator);
    dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-webhooks-"));
    db = openDatabase(path.join(dir, "crosscal.db"));
    await migrate(db);
    client = testClient(emulator, tenant.crosscal).client;
    context = {
      db,
      requester: () => client,
      notificationUrl: `${receiver.url}/notify`,
      lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
      now: () => new Date(emulator.ctx.clock.now()),
    };
  });
  beforeEach(async () => {
    emulator.ctx.subscriptions.reset();
    await db.deleteFrom("subscriptions").execute();
    const wanted = [ADELE, MEGAN].map((mailbox) => ({ connection: "contoso", mailbox }));
    const report = await applySubscriptionPlan(context, planSubscriptions(wanted, [], context.now()));
    expect(report.failed).toEqual([]);
    adele = (await findSubscription(db, "contoso", ADELE))!;
  });
  afterAll(async () => {
    await receiver.close();
    await emulator.close();
    await closeDatabase(db);
    await rm(dir, { recursive: true, force: true });
  });

  const createEvent = async (mailbox: string, subject: string) =>
    (
      await client.request<{ id: string }>("POST", `/users/${mailbox}/events`, {
        body: eventBody(subject, 4),
      })
    ).body.id;
  const posted = (path: string, text: string) =>
    receiver.next(
      (r: Received) => r.path === path && !r.query.has("validationToken") && r.body.includes(text),
    );

  it("turns Graph's change notifications into hints for the mailbox", async () => {
    const eventId = await createEvent(ADELE, "Planning");
    const delivery = await posted("/notify", eventId);

    const batch = await handleNotificationBody(db, delivery.body);

    expect(batch.forged).toBe(0);
    expect(batch.accepted).toBe((JSON.parse(delivery.body) as Body).value.length);
    const [work] = batch.work;
    expect(batch.work).toHaveLength(1);
    expect(work).toMatchObject({ kind: "changes", connection: "contoso", mailbox: ADELE });
    const hints = (work as Extract<WebhookWork, { kind: "changes" }>).hints;
    expect(hints[0]).toEqual({ eventId, changeType: "created", version: expect.any(String) });
  });

  it("groups the notifications of one POST by mailbox", async () => {
    emulator.ctx.subscriptions.configure({ deliveryDelayMs: 60_000, extraUpdateOnCreate: false });
    const adeleEvent = await createEvent(ADELE, "One");
    const meganEvent = await createEvent(MEGAN, "Two");
    const adeleOther = await createEvent(ADELE, "Three");
    await emulator.ctx.subscriptions.flush();
    const delivery = await posted("/notify", meganEvent);

    const batch = await handleNotificationBody(db, JSON.parse(delivery.body));

    expect(batch).toMatchObject({ accepted: 3, forged: 0 });
    const byMailbox = batch.work.map(
      (w) => w.kind === "changes" && [w.mailbox, w.hints.map((h) => h.eventId)],
    );
    expect(byMailbox).toEqual([
      [ADELE, [adeleEvent, adeleOther]],
      [MEGAN, [meganEvent]],
    ]);
  });

  it("ignores and counts forged notifications: unknown subscription, wrong or missing clientState", async () => {
    const eventId = await createEvent(ADELE, "Real");
    const real = (JSON.parse((await posted("/notify", eventId)).body) as Body).value[0]!;
    const { clientState: _dropped, ...withoutState } = real;
    const forged = {
      value: [
        { ...real, clientState: "guessed" },
        { ...real, subscriptionId: "11111111-1111-1111-1111-111111111111" },
        withoutState,
        { ...real, lifecycleEvent: "subscriptionRemoved", clientState: `${String(real.clientState)}x` },
        real,
      ],
    };

    const batch = await handleNotificationBody(db, JSON.stringify(forged));

    expect(batch).toMatchObject({ accepted: 1, forged: 4 });
    expect(batch.work).toEqual([
      {
        kind: "changes",
        connection: "contoso",
        mailbox: ADELE,
        hints: [{ eventId, changeType: "created", version: expect.any(String) }],
      },
    ]);
  });

  it("reauthorizationRequired: reauthorize, and reconcile what the pause may have lost", async () => {
    emulator.ctx.subscriptions.triggerLifecycle(adele.subscriptionId, "reauthorizationRequired");
    const delivery = await posted("/lifecycle", "reauthorizationRequired");

    const batch = await handleNotificationBody(db, delivery.body);

    expect(batch.work).toEqual([
      { kind: "reauthorize", subscription: adele },
      { kind: "reconcile", connection: "contoso", mailbox: ADELE, reason: "reauthorizationRequired" },
    ]);
    expect(await reauthorize(context, adele)).toBe("reauthorized");
  });

  it("subscriptionRemoved: recreate the subscription, and reconcile the mailbox", async () => {
    emulator.ctx.subscriptions.triggerLifecycle(adele.subscriptionId, "subscriptionRemoved");
    const delivery = await posted("/lifecycle", "subscriptionRemoved");

    const batch = await handleNotificationBody(db, delivery.body);

    expect(batch.work).toEqual([
      { kind: "recreate", subscription: adele },
      { kind: "reconcile", connection: "contoso", mailbox: ADELE, reason: "subscriptionRemoved" },
    ]);
    const recreated = await recreateSubscription(context, adele);
    const held = emulator.ctx.subscriptions.list().map((s) => s.id);
    expect(held).toContain(recreated.subscriptionId);
    expect(held).not.toContain(adele.subscriptionId);
    // The new subscription delivers, and its notifications are recognised.
    const eventId = await createEvent(ADELE, "After the removal");
    const after = await handleNotificationBody(db, (await posted("/notify", eventId)).body);
    expect(after.forged).toBe(0);
    expect(after.work).toMatchObject([{ kind: "changes", mailbox: ADELE }]);
  });

  it("missed, or a lifecycle event Graph adds later: reconcile the mailbox", async () => {
    emulator.ctx.subscriptions.triggerLifecycle(adele.subscriptionId, "missed");
    const delivery = await posted("/lifecycle", "missed");
    const missed = (JSON.parse(delivery.body) as Body).value[0]!;

    const batch = await notificationWork(
      db,
      parseNotifications({ value: [missed, missed, { ...missed, lifecycleEvent: "somethingNew" }] }),
    );

    expect(batch).toMatchObject({ accepted: 3, forged: 0 });
    expect(batch.work).toEqual([
      { kind: "reconcile", connection: "contoso", mailbox: ADELE, reason: "missed" },
    ]);
    expect((await listSubscriptions(db)).map((s) => s.subscriptionId)).toContain(adele.subscriptionId);
  });

  it("refuses bodies that are not Graph's notification collection, saying what is wrong", async () => {
    const valid = {
      subscriptionId: adele.subscriptionId,
      changeType: "updated",
      clientState: "x",
      resourceData: { id: "event-1" },
    };
    const refusal = (body: unknown) => {
      try {
        parseNotifications(body);
      } catch (error) {
        expect(error).toBeInstanceOf(NotificationPayloadError);
        return (error as Error).message;
      }
      throw new Error("accepted");
    };

    expect(refusal("{not json")).toMatch(/not JSON/);
    expect(refusal(Buffer.from(""))).toMatch(/not JSON/);
    expect(refusal({})).toMatch(/"value" array/);
    expect(refusal({ value: [valid, "text"] })).toMatch(/"value" array/);
    expect(refusal({ value: [valid, { ...valid, changeType: "moved" }] })).toMatch(
      /^notification value\/1\/changeType/,
    );
    expect(refusal({ value: [{ ...valid, resourceData: {} }] })).toMatch(
      /^notification value\/0\/resourceData/,
    );
    expect(refusal({ value: [{ changeType: "updated", resourceData: { id: "e" } }] })).toMatch(
      /^notification value\/0/,
    );
    expect(parseNotifications(Buffer.from(JSON.stringify({ value: [valid] })))).toEqual([valid]);
    expect(parseNotifications({ value: [] })).toEqual([]);
  });
});
