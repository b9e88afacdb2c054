import type { MailboxChange, RunningEmulator } from "m365-emulator";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppHandle } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { controlFetch } from "../../helpers/http.js";
import { isNotificationTo, Receiver } from "../../helpers/webhook-receiver.js";
import { inMinutes, type SubscriptionWorld, seedSubscriptionWorld } from "./world.js";

type Sub = { id: string; expirationDateTime: string };
type Notification = Record<string, unknown> & { resourceData: Record<string, unknown> };

describe("change notification delivery", () => {
  let emulator: RunningEmulator;
  let world: SubscriptionWorld;
  let receiver: Receiver;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    world = await seedSubscriptionWorld(emulator);
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    emulator.ctx.subscriptions.reset();
    emulator.ctx.subscriptions.configure({ deliveryDelayMs: 0, retryInitialMs: 60_000 });
    emulator.ctx.stats.reset();
    emulator.ctx.clock.reset();
    receiver = await Receiver.start(emulator);
  });
  afterEach(() => receiver.close());

  const subscribe = (app: AppHandle, overrides: Record<string, unknown> = {}): Promise<Sub> =>
    app.graph.api("/subscriptions").post({
      changeType: "created,updated,deleted",
      notificationUrl: `${receiver.url}/notify`,
      resource: `users/${world.adele.id}/events`,
      expirationDateTime: inMinutes(emulator, 60),
      clientState: "secret-state",
      ...overrides,
    });

  const change = (overrides: Partial<MailboxChange> = {}): MailboxChange => ({
    tenantId: world.contoso.id,
    userId: world.adele.id,
    changeType: "updated",
    eventId: "AAMkAevent1",
    etag: 'W/"ck1"',
    actor: { kind: "person", tenantId: world.contoso.id, userId: world.adele.id },
    ...overrides,
  });

  const notifications = () => receiver.notifications("/notify") as Notification[];
  const notified = () => emulator.ctx.stats.snapshot().notifications;

  it("posts Graph's basic notification for a change on the bus, with clientState and etag", async () => {
    const sub = await subscribe(world.crosscal);
    emulator.ctx.bus.emit(change());
    const request = await receiver.next(isNotificationTo("/notify"));
    expect(request.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(request.body)).toEqual({
      value: [
        {
          subscriptionId: sub.id,
          subscriptionExpirationDateTime: sub.expirationDateTime,
          changeType: "updated",
          clientState: "secret-state",
          tenantId: world.contoso.id,
          resource: `Users/${world.adele.id}/Events/AAMkAevent1`,
          resourceData: {
            "@odata.type": "#Microsoft.Graph.Event",
            "@odata.id": `Users/${world.adele.id}/Events/AAMkAevent1`,
            "@odata.etag": 'W/"ck1"',
            id: "AAMkAevent1",
          },
        },
      ],
    });
    await emulator.ctx.subscriptions.flush();
    expect(notified().delivered).toBe(1);
  });

  it("follows a created with an updated, unless configured not to; omits an absent clientState", async () => {
    await subscribe(world.crosscal, { clientState: undefined });
    emulator.ctx.bus.emit(change({ changeType: "created" }));
    await emulator.ctx.subscriptions.flush();
    expect(notifications().map((n) => n.changeType)).toEqual(["created", "updated"]);
    expect(notifications()[0]).not.toHaveProperty("clientState");

    emulator.ctx.subscriptions.configure({ extraUpdateOnCreate: false });
    emulator.ctx.bus.emit(change({ changeType: "created", eventId: "AAMkAevent2" }));
    await emulator.ctx.subscriptions.flush();
    expect(notifications().map((n) => n.changeType)).toEqual(["created", "updated", "created"]);
  });

  it("notifies only matching change types, mailboxes and tenants", async () => {
    await subscribe(world.crosscal, { changeType: "deleted" });
    emulator.ctx.bus.emit(change({ changeType: "updated" }));
    emulator.ctx.bus.emit(change({ userId: world.megan.id, changeType: "deleted" }));
    emulator.ctx.bus.emit(
      change({ tenantId: world.fabrikam.id, userId: world.adele.id, changeType: "deleted" }),
    );
    emulator.ctx.bus.emit(change({ changeType: "deleted", etag: undefined }));
    await emulator.ctx.subscriptions.flush();
    expect(notifications()).toHaveLength(1);
    expect(notifications()[0]).toMatchObject({ changeType: "deleted" });
    expect(notifications()[0]?.resourceData).not.toHaveProperty("@odata.etag");
  });

  it("batches what is pending for one URL, across subscriptions, into one POST", async () => {
    emulator.ctx.subscriptions.configure({ deliveryDelayMs: 10_000 });
    const first = await subscribe(world.crosscal);
    const second = await subscribe(world.other);
    emulator.ctx.bus.emit(change({ eventId: "AAMkAone" }));
    emulator.ctx.bus.emit(change({ eventId: "AAMkAtwo", changeType: "deleted", etag: undefined }));
    await emulator.ctx.subscriptions.flush();
    const posts = receiver.requests.filter(isNotificationTo("/notify"));
    expect(posts).toHaveLength(1);
    const items = notifications();
    expect(items).toHaveLength(4);
    expect(new Set(items.map((n) => n.subscriptionId))).toEqual(new Set([first.id, second.id]));
  });

  it("delivers created then updated with the event's etag when an app creates an event", async () => {
    await subscribe(world.crosscal);
    const event = (await world.crosscal.graph.api(`/users/${world.adele.id}/events`).post({
      subject: "Planning",
      start: { dateTime: "2026-12-01T09:00:00", timeZone: "UTC" },
      end: { dateTime: "2026-12-01T10:00:00", timeZone: "UTC" },
    })) as { id: string; "@odata.etag": string };
    await emulator.ctx.subscriptions.flush();
    const items = notifications().filter((n) => n.resourceData.id === event.id);
    expect(items.map((n) => n.changeType)).toEqual(["created", "updated"]);
    for (const item of items) {
      expect(item.resource).toBe(`Users/${world.adele.id}/Events/${event.id}`);
      expect(item.resourceData["@odata.etag"]).toBe(event["@odata.etag"]);
    }
  });

  it("reports a change to one occurrence as an update of the series master", async () => {
    const events = world.crosscal.graph.api(`/users/${world.adele.id}/events`);
    const master = (await events.post({
      subject: "Weekly",
      start: { dateTime: "2026-03-03T10:00:00", timeZone: "W. Europe Standard Time" },
      end: { dateTime: "2026-03-03T11:00:00", timeZone: "W. Europe Standard Time" },
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"], firstDayOfWeek: "monday" },
        range: { type: "numbered", startDate: "2026-03-03", numberOfOccurrences: 4 },
      },
    })) as { id: string };
    const window = "startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-01T00:00:00Z";
    const instances = (await world.crosscal.graph
      .api(`/users/${world.adele.id}/events/${master.id}/instances?${window}`)
      .get()) as { value: { id: string }[] };
    await subscribe(world.crosscal);
    const occurrence = instances.value[1]!;
    await world.crosscal.graph
      .api(`/users/${world.adele.id}/events/${occurrence.id}`)
      .patch({ subject: "Weekly (this one moved)" });
    await emulator.ctx.subscriptions.flush();
    const after = (await world.crosscal.graph.api(`/users/${world.adele.id}/events/${master.id}`).get()) as {
      "@odata.etag": string;
    };
    expect(notifications().map((n) => [n.changeType, n.resourceData.id])).toEqual([["updated", master.id]]);
    expect(notifications()[0]?.resourceData["@odata.etag"]).toBe(after["@odata.etag"]);
  });

  it("notifies changes a person makes in Outlook (control API) like those of apps", async () => {
    await subscribe(world.crosscal);
    const response = await controlFetch(emulator, "POST", "/mailboxes/adele@contoso.test/events", {
      subject: "Dentist",
      start: { dateTime: "2026-12-02T09:00:00", timeZone: "UTC" },
      end: { dateTime: "2026-12-02T10:00:00", timeZone: "UTC" },
    });
    expect(response.status).toBe(201);
    const event = (await response.json()) as { id: string };
    await emulator.ctx.subscriptions.flush();
    expect(notifications().map((n) => [n.changeType, n.resourceData.id])).toEqual([
      ["created", event.id],
      ["updated", event.id],
    ]);
  });

  it("retries after a 500 and counts the failure and the delivery", async () => {
    await subscribe(world.crosscal);
    let calls = 0;
    receiver.handler = (request) =>
      request.query.has("validationToken")
        ? { status: 200, body: request.query.get("validationToken")!, contentType: "text/plain" }
        : { status: ++calls === 1 ? 500 : 202 };
    emulator.ctx.bus.emit(change());
    await emulator.ctx.subscriptions.flush();
    expect(notified()).toMatchObject({ failed: 1, delivered: 0 });
    await emulator.ctx.subscriptions.flush();
    expect(notified()).toMatchObject({ failed: 1, delivered: 1, dropped: 0 });
    const posts = receiver.requests.filter(isNotificationTo("/notify"));
    expect(posts.map((post) => post.body)).toEqual([posts[0]!.body, posts[0]!.body]);
  });

  it("retries on its own with backoff", async () => {
    emulator.ctx.subscriptions.configure({ retryInitialMs: 5 });
    await subscribe(world.crosscal);
    let calls = 0;
    receiver.handler = (request) =>
      request.query.has("validationToken")
        ? { status: 200, body: request.query.get("validationToken")!, contentType: "text/plain" }
        : { status: ++calls < 3 ? 503 : 202 };
    emulator.ctx.bus.emit(change());
    await receiver.next(isNotificationTo("/notify"));
    await receiver.next(isNotificationTo("/notify"));
    await receiver.next(isNotificationTo("/notify"));
    await emulator.ctx.subscriptions.flush();
    expect(notified()).toMatchObject({ failed: 2, delivered: 1 });
  });

  it("retries a receiver that refuses connections, and delivers once it is back", async () => {
    await subscribe(world.crosscal);
    const port = Number(new URL(receiver.url).port);
    await receiver.close();
    emulator.ctx.bus.emit(change());
    await emulator.ctx.subscriptions.flush();
    expect(notified()).toMatchObject({ failed: 1, delivered: 0, dropped: 0 });
    receiver = await Receiver.start(emulator, { port });
    await emulator.ctx.subscriptions.flush();
    expect(notified()).toMatchObject({ failed: 1, delivered: 1 });
    expect(notifications().map((n) => n.resourceData.id)).toEqual(["AAMkAevent1"]);
  });

  it("notifies every app subscribed to a mailbox, by UPN or id, of the app's own writes too", async () => {
    const other = await subscribe(world.other, {
      notificationUrl: `${receiver.url}/other`,
      resource: "Users/ADELE@contoso.test/Events",
    });
    const mine = await subscribe(world.crosscal, { resource: `users/${world.adele.id}/events` });
    const created = (await world.crosscal.graph.api("/users/adele@contoso.test/events").post({
      subject: "Copy written by crosscal",
      start: { dateTime: "2030-01-01T09:00:00", timeZone: "UTC" },
      end: { dateTime: "2030-01-01T10:00:00", timeZone: "UTC" },
    })) as { id: string };
    await emulator.ctx.subscriptions.flush();
    const path = `Users/${world.adele.id}/Events/${created.id}`;
    for (const [url, sub] of [
      ["/notify", mine],
      ["/other", other],
    ] as const) {
      const received = receiver.notifications(url) as Notification[];
      expect(received.map((n) => [n.subscriptionId, n.changeType, n.resource])).toEqual([
        [sub.id, "created", path],
        [sub.id, "updated", path],
      ]);
      expect(received[0]!.resourceData["@odata.id"]).toBe(path);
    }
  });

  it("counts a POST slower than the delivery timeout as failed", async () => {
    emulator.ctx.subscriptions.configure({ deliveryTimeoutMs: 100 });
    await subscribe(world.crosscal);
    receiver.handler = (request) =>
      request.query.has("validationToken")
        ? { status: 200, body: request.query.get("validationToken")!, contentType: "text/plain" }
        : "hang";
    emulator.ctx.bus.emit(change());
    await emulator.ctx.subscriptions.flush();
    expect(notified()).toMatchObject({ failed: 1, delivered: 0 });
  });

  it("drops a notification once the retry window has passed", async () => {
    await subscribe(world.crosscal);
    receiver.handler = (request) =>
      request.query.has("validationToken")
        ? { status: 200, body: request.query.get("validationToken")!, contentType: "text/plain" }
        : { status: 500 };
    emulator.ctx.bus.emit(change());
    await emulator.ctx.subscriptions.flush();
    emulator.ctx.clock.advance(4 * 3600_000);
    await emulator.ctx.subscriptions.flush();
    expect(notified()).toMatchObject({ failed: 2, dropped: 1, delivered: 0 });
    await emulator.ctx.subscriptions.flush();
    expect(receiver.requests.filter(isNotificationTo("/notify"))).toHaveLength(2);
  });

  it("injects dropped and duplicated notifications through the control API", async () => {
    await subscribe(world.crosscal);
    const put = await controlFetch(emulator, "PUT", "/subscriptions/faults", {
      dropNext: 1,
      duplicateNext: 1,
    });
    expect(put.status).toBe(200);
    emulator.ctx.bus.emit(change({ eventId: "AAMkAlost" }));
    emulator.ctx.bus.emit(change({ eventId: "AAMkAtwice" }));
    emulator.ctx.bus.emit(change({ eventId: "AAMkAonce" }));
    await emulator.ctx.subscriptions.flush();
    const ids = notifications().map((n) => n.resourceData.id);
    expect(ids.filter((id) => id === "AAMkAlost")).toHaveLength(0);
    expect(ids.filter((id) => id === "AAMkAtwice")).toHaveLength(2);
    expect(ids.filter((id) => id === "AAMkAonce")).toHaveLength(1);
    expect(receiver.requests.filter(isNotificationTo("/notify"))).toHaveLength(2);
    expect(notified()).toMatchObject({ dropped: 1, duplicated: 1, delivered: 3 });
  });

  it("sends nothing for an expired or deleted subscription", async () => {
    const expiring = await subscribe(world.crosscal, { expirationDateTime: inMinutes(emulator, 45) });
    const deleted = await subscribe(world.other);
    await world.other.graph.api(`/subscriptions/${deleted.id}`).delete();
    emulator.ctx.clock.advance(46 * 60_000);
    emulator.ctx.bus.emit(change());
    await emulator.ctx.subscriptions.flush();
    expect(notifications()).toEqual([]);
    await expect(world.crosscal.graph.api(`/subscriptions/${expiring.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it("posts lifecycle notifications on demand; subscriptionRemoved deletes the subscription", async () => {
    const sub = await subscribe(world.crosscal, { lifecycleNotificationUrl: `${receiver.url}/lifecycle` });
    for (const lifecycleEvent of ["reauthorizationRequired", "missed", "subscriptionRemoved"]) {
      const response = await controlFetch(emulator, "POST", `/subscriptions/${sub.id}/lifecycle`, {
        lifecycleEvent,
      });
      expect(response.status).toBe(202);
      const request = await receiver.next(isNotificationTo("/lifecycle"));
      expect(JSON.parse(request.body)).toEqual({
        value: [
          {
            subscriptionId: sub.id,
            subscriptionExpirationDateTime: sub.expirationDateTime,
            tenantId: world.contoso.id,
            clientState: "secret-state",
            lifecycleEvent,
          },
        ],
      });
    }
    await emulator.ctx.subscriptions.flush();
    expect(notified().lifecycle).toBe(3);
    await expect(world.crosscal.graph.api(`/subscriptions/${sub.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
    });
    const unknown = await controlFetch(emulator, "POST", `/subscriptions/${sub.id}/lifecycle`, {
      lifecycleEvent: "missed",
    });
    expect(unknown.status).toBe(404);
  });

  it("pauses notifications and asks for reauthorization when consent is revoked", async () => {
    const sub = await subscribe(world.other, { lifecycleNotificationUrl: `${receiver.url}/lifecycle` });
    const sp = world.contoso.servicePrincipals.get(world.other.clientId)!;
    const roles = [...sp.roles];
    sp.consented = false;
    sp.roles = [];
    try {
      emulator.ctx.bus.emit(change({ eventId: "AAMkAwhilePaused" }));
      emulator.ctx.bus.emit(change({ eventId: "AAMkAstillPaused" }));
      await emulator.ctx.subscriptions.flush();
      expect(notifications()).toEqual([]);
      const lifecycle = receiver.notifications("/lifecycle");
      expect(lifecycle).toEqual([
        expect.objectContaining({ subscriptionId: sub.id, lifecycleEvent: "reauthorizationRequired" }),
      ]);
    } finally {
      sp.consented = true;
      sp.roles = roles;
    }
    emulator.ctx.bus.emit(change({ eventId: "AAMkAnotYetReauthorized" }));
    await emulator.ctx.subscriptions.flush();
    expect(notifications()).toEqual([]);
    const reauthorize = await fetch(`${emulator.url}/v1.0/subscriptions/${sub.id}/reauthorize`, {
      method: "POST",
      headers: { authorization: `Bearer ${await world.other.token()}` },
    });
    expect(reauthorize.status).toBe(204);
    emulator.ctx.bus.emit(change({ eventId: "AAMkAafter" }));
    await emulator.ctx.subscriptions.flush();
    expect(notifications().map((n) => n.resourceData.id)).toEqual(["AAMkAafter"]);
  });
});
