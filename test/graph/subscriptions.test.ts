import type { RunningEmulator } from "m365-emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GraphRequestError } from "../../src/graph/errors.js";
import {
  createSubscription,
  deleteSubscription,
  EVENT_SUBSCRIPTION_MAX_MINUTES,
  reauthorizeSubscription,
  renewSubscription,
  subscriptionExpiry,
} from "../../src/graph/subscriptions.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { isNotificationTo, Receiver, wellBehaved } from "../helpers/webhook-receiver.js";
import { eventBody, type GraphTenant, seedGraphTenant, testClient } from "./fixture.js";

const ADELE = "adele@contoso.test";
const MINUTE = 60_000;

describe("Graph subscriptions", () => {
  let emulator: RunningEmulator;
  let tenant: GraphTenant;
  let receiver: Receiver;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    tenant = await seedGraphTenant(emulator);
    receiver = await Receiver.start(emulator);
  });
  afterEach(() => {
    receiver.handler = wellBehaved;
    emulator.ctx.subscriptions.reset();
  });
  afterAll(async () => {
    await receiver.close();
    await emulator.close();
  });

  const now = () => new Date(emulator.ctx.clock.now());
  const request = (mailbox = ADELE) => ({
    mailbox,
    notificationUrl: `${receiver.url}/notify`,
    lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
    clientState: "state-of-adele",
    expiresAt: subscriptionExpiry(now()),
  });

  it("asks for Graph's maximum lifetime for events, less a margin for clock skew", () => {
    const at = new Date("2025-03-01T09:00:00.000Z");
    const lifetime = subscriptionExpiry(at).getTime() - at.getTime();
    expect(lifetime).toBeLessThan(EVENT_SUBSCRIPTION_MAX_MINUTES * MINUTE);
    expect(lifetime).toBeGreaterThan((EVENT_SUBSCRIPTION_MAX_MINUTES - 120) * MINUTE);
  });

  it("subscribes to a mailbox's events, and Graph delivers its changes with the clientState", async () => {
    const { client } = testClient(emulator, tenant.crosscal);
    const wanted = request();

    const created = await createSubscription(client, wanted, now());

    expect(created.expiresAt.getTime()).toBe(wanted.expiresAt.getTime());
    const [held] = emulator.ctx.subscriptions.list();
    expect(held).toMatchObject({
      id: created.id,
      resource: `users/${ADELE}/events`,
      changeType: "created,updated,deleted",
      clientState: "state-of-adele",
      notificationUrl: `${receiver.url}/notify`,
      lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
    });
    // Graph validated both endpoints before answering.
    const validated = receiver.requests.filter((r) => r.query.has("validationToken")).map((r) => r.path);
    expect(validated).toEqual(expect.arrayContaining(["/notify", "/lifecycle"]));

    const event = await client.request<{ id: string }>("POST", `/users/${ADELE}/events`, {
      body: eventBody("Planning", 3),
    });
    const delivered = await receiver.next(isNotificationTo("/notify"));
    const [notification] = (JSON.parse(delivered.body) as { value: Record<string, unknown>[] }).value;
    expect(notification).toMatchObject({
      subscriptionId: created.id,
      clientState: "state-of-adele",
      changeType: "created",
      resourceData: { id: event.body.id },
    });
  });

  it("renews a subscription to a later expiry", async () => {
    const { client } = testClient(emulator, tenant.crosscal);
    const created = await createSubscription(client, {
      ...request(),
      expiresAt: new Date(now().getTime() + 60 * MINUTE),
    });
    const later = subscriptionExpiry(now());

    const renewed = await renewSubscription(client, { id: created.id, mailbox: ADELE }, later);

    expect(renewed).toEqual({ id: created.id, expiresAt: later });
    expect(emulator.ctx.subscriptions.list()[0]!.expiresAt).toBe(later.getTime());
  });

  it("reauthorizes a subscription Graph paused, and deletes one, a second time too", async () => {
    const { client } = testClient(emulator, tenant.crosscal);
    const created = await createSubscription(client, request());
    emulator.ctx.subscriptions.list()[0]!.reauthorizationPending = true;

    await reauthorizeSubscription(client, { id: created.id, mailbox: ADELE });
    expect(emulator.ctx.subscriptions.list()[0]!.reauthorizationPending).toBe(false);

    expect(await deleteSubscription(client, { id: created.id, mailbox: ADELE })).toBe(true);
    expect(emulator.ctx.subscriptions.list()).toEqual([]);
    // Already gone (deleted, expired or removed by Graph): the goal is met.
    expect(await deleteSubscription(client, { id: created.id, mailbox: ADELE })).toBe(false);
  });

  it("fails renewing or reauthorizing a subscription Graph no longer has, naming the mailbox", async () => {
    const { client } = testClient(emulator, tenant.crosscal);
    const gone = { id: "00000000-0000-0000-0000-000000000000", mailbox: ADELE };

    const renewal = await renewSubscription(client, gone, subscriptionExpiry(now())).catch((e: unknown) => e);
    expect(renewal).toBeInstanceOf(GraphRequestError);
    expect(renewal).toMatchObject({ kind: "not-found", status: 404 });
    expect((renewal as Error).message).toContain(`renew the subscription to events of ${ADELE}`);

    const reauthorization = await reauthorizeSubscription(client, gone).catch((e: unknown) => e);
    expect(reauthorization).toMatchObject({ kind: "not-found" });
    expect((reauthorization as Error).message).toContain(
      `reauthorize the subscription to events of ${ADELE}`,
    );
  });

  it("stays within a shorter maximum lifetime that Graph announces", async () => {
    emulator.ctx.subscriptions.configure({ maxExpirationMinutes: 4_230 });
    const { client } = testClient(emulator, tenant.crosscal);
    try {
      const created = await createSubscription(client, request(), now());

      const lifetime = created.expiresAt.getTime() - now().getTime();
      expect(lifetime).toBeLessThanOrEqual(4_230 * MINUTE);
      expect(lifetime).toBeGreaterThan(4_000 * MINUTE);
    } finally {
      emulator.ctx.subscriptions.configure({ maxExpirationMinutes: EVENT_SUBSCRIPTION_MAX_MINUTES });
    }
  });

  it("reports a failed validation handshake as an invalid request for the mailbox", async () => {
    const { client } = testClient(emulator, tenant.crosscal);
    receiver.handler = (r) => (r.query.has("validationToken") ? { status: 500 } : { status: 202 });

    const error = await createSubscription(client, request()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ kind: "invalid", status: 400, code: "InvalidRequest" });
    expect((error as Error).message).toContain(`subscribe to events of ${ADELE}`);
    expect(emulator.ctx.subscriptions.list()).toEqual([]);
  });

  it("reports a mailbox outside the app's Exchange scope as a permission error", async () => {
    const { client } = testClient(emulator, tenant.scoped, {
      credential: { kind: "secret", secret: "scoped-secret-5678" },
    });

    const error = await createSubscription(client, request("megan@contoso.test")).catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: "permission" });
    expect((error as Error).message).toContain("subscribe to events of megan@contoso.test");
  });
});
