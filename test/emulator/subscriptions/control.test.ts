import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../../helpers/emulator.js";
import { isNotificationTo, Receiver } from "../../helpers/webhook-receiver.js";
import { inMinutes, type SubscriptionWorld, seedSubscriptionWorld } from "./world.js";

const json = (method: string, body?: unknown): RequestInit => ({
  method,
  ...(body !== undefined && { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
});

describe("subscriptions control API, and http notification URLs in test mode", () => {
  let emulator: RunningEmulator;
  let world: SubscriptionWorld;
  let receiver: Receiver;
  const control = (path: string, init?: RequestInit) =>
    fetch(`${emulator.url}/_emulator/subscriptions${path}`, init);

  beforeAll(async () => {
    emulator = await startTestEmulator({ allowHttpNotificationUrls: true });
    world = await seedSubscriptionWorld(emulator);
    receiver = await Receiver.start(emulator, { plainHttp: true });
  });
  afterAll(async () => {
    await receiver.close();
    await emulator.close();
  });

  it("reads and changes settings and faults, rejecting bad values", async () => {
    const settings = (await (await control("/settings")).json()) as Record<string, unknown>;
    expect(settings).toMatchObject({
      maxExpirationMinutes: 10_080,
      handshakeTimeoutMs: 10_000,
      extraUpdateOnCreate: true,
    });
    const changed = await control(
      "/settings",
      json("PUT", { deliveryDelayMs: 0, maxExpirationMinutes: 4230 }),
    );
    expect(await changed.json()).toMatchObject({ deliveryDelayMs: 0, maxExpirationMinutes: 4230 });
    expect((await control("/settings", json("PUT", { deliveryDelayMs: -1 }))).status).toBe(400);
    expect((await control("/settings", json("PUT", { nonsense: 1 }))).status).toBe(400);
    expect((await control("/faults", json("PUT", { dropProbability: 2 }))).status).toBe(400);
    expect(await (await control("/faults", json("PUT", { extraDelayMs: 5 }))).json()).toMatchObject({
      extraDelayMs: 5,
    });
    expect((await control("/faults", json("DELETE"))).status).toBe(204);
    expect(await (await control("/faults")).json()).toMatchObject({ extraDelayMs: 0, dropNext: 0 });
  });

  it("accepts an http notificationUrl when allowed, lists subscriptions, flushes and resets", async () => {
    const sub = (await world.crosscal.graph.api("/subscriptions").post({
      changeType: "updated",
      notificationUrl: `${receiver.url}/notify`,
      resource: `users/${world.adele.id}/events`,
      expirationDateTime: inMinutes(emulator, 60),
    })) as { id: string };
    const listed = (await (await control("")).json()) as Record<string, unknown>[];
    expect(listed).toEqual([
      expect.objectContaining({ id: sub.id, tenantId: world.contoso.id, mailboxUserId: world.adele.id }),
    ]);
    emulator.ctx.subscriptions.configure({ deliveryDelayMs: 60_000 });
    emulator.ctx.bus.emit({
      tenantId: world.contoso.id,
      userId: world.adele.id,
      changeType: "updated",
      eventId: "AAMkAx",
      etag: 'W/"x"',
      actor: { kind: "person", tenantId: world.contoso.id, userId: world.adele.id },
    });
    expect((await control("/flush", json("POST"))).status).toBe(200);
    const request = await receiver.next(isNotificationTo("/notify"));
    expect(JSON.parse(request.body).value[0]).toMatchObject({
      subscriptionId: sub.id,
      changeType: "updated",
    });
    expect((await control("/reset", json("POST"))).status).toBe(200);
    expect(await (await control("")).json()).toEqual([]);
    expect(await (await control("/settings")).json()).toMatchObject({ maxExpirationMinutes: 10_080 });
  });
});
