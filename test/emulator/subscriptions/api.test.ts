import type { Client } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppHandle } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { Receiver } from "../../helpers/webhook-receiver.js";
import { inMinutes, type SubscriptionWorld, seedSubscriptionWorld } from "./world.js";

type Sub = Record<string, unknown> & { id: string; expirationDateTime: string };

describe("Graph subscriptions API", () => {
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
    emulator.ctx.clock.reset();
    receiver = await Receiver.start(emulator);
  });
  afterEach(() => receiver.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    changeType: "created,updated,deleted",
    notificationUrl: `${receiver.url}/notify`,
    resource: `users/${world.adele.id}/events`,
    expirationDateTime: inMinutes(emulator, 60),
    clientState: "secret-state",
    ...overrides,
  });
  const create = (client: Client, overrides: Record<string, unknown> = {}): Promise<Sub> =>
    client.api("/subscriptions").post(body(overrides));

  it("runs the validation handshake with a token that must be URL-decoded, then answers 201", async () => {
    const expirationDateTime = inMinutes(emulator, 60);
    const sub = await create(world.crosscal.graph, {
      expirationDateTime,
      notificationUrl: `${receiver.url}/notify?tenant=contoso`,
      lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
    });
    const [validation, lifecycleValidation] = receiver.requests;
    expect(validation?.path).toBe("/notify");
    expect(validation?.query.get("tenant")).toBe("contoso");
    const token = validation?.query.get("validationToken") ?? "";
    expect(token).toMatch(/ /);
    expect(encodeURIComponent(token)).not.toBe(token);
    expect(validation?.contentType).toBe("text/plain; charset=utf-8");
    expect(validation?.body).toBe("");
    expect(lifecycleValidation?.path).toBe("/lifecycle");
    expect(lifecycleValidation?.query.has("validationToken")).toBe(true);

    const servicePrincipal = world.contoso.servicePrincipals.get(world.crosscal.clientId)!;
    expect(sub).toMatchObject({
      resource: `users/${world.adele.id}/events`,
      applicationId: world.crosscal.clientId,
      changeType: "created,updated,deleted",
      clientState: "secret-state",
      notificationUrl: `${receiver.url}/notify?tenant=contoso`,
      lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
      creatorId: servicePrincipal.id,
      includeResourceData: false,
      latestSupportedTlsVersion: "v1_2",
      notificationQueryOptions: null,
      notificationUrlAppId: null,
      encryptionCertificate: null,
      encryptionCertificateId: null,
    });
    expect(sub.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(sub.expirationDateTime)).toBe(Date.parse(expirationDateTime));
  });

  it("rejects an endpoint that echoes the encoded token", async () => {
    receiver.handler = (request) => {
      const raw = request.query.get("validationToken") ?? "";
      return { status: 200, body: encodeURIComponent(raw), contentType: "text/plain" };
    };
    await expect(create(world.crosscal.graph)).rejects.toMatchObject({
      statusCode: 400,
      code: "InvalidRequest",
      message: expect.stringContaining("Response must exactly match validationToken"),
    });
    expect(emulator.ctx.subscriptions.list()).toHaveLength(0);
  });

  it("rejects an endpoint that does not answer 200", async () => {
    receiver.handler = (request) => ({ status: 202, body: request.query.get("validationToken") ?? "" });
    await expect(create(world.crosscal.graph)).rejects.toMatchObject({
      statusCode: 400,
      code: "InvalidRequest",
      message: expect.stringContaining("must respond with 200 OK"),
    });
  });

  it("reports a handshake that outlasts the timeout as timed out", async () => {
    emulator.ctx.subscriptions.configure({ handshakeTimeoutMs: 150 });
    receiver.handler = () => "hang";
    await expect(create(world.crosscal.graph)).rejects.toMatchObject({
      statusCode: 400,
      code: "InvalidRequest",
      message: "Subscription validation request timed out.",
    });
  });

  it("validates the lifecycleNotificationUrl too", async () => {
    receiver.handler = (request) =>
      request.path === "/lifecycle"
        ? { status: 500 }
        : { status: 200, body: request.query.get("validationToken") ?? "", contentType: "text/plain" };
    await expect(
      create(world.crosscal.graph, { lifecycleNotificationUrl: `${receiver.url}/lifecycle` }),
    ).rejects.toMatchObject({ statusCode: 400, code: "InvalidRequest" });
    expect(emulator.ctx.subscriptions.list()).toHaveLength(0);
  });

  it("enforces the maximum lifetime (10,080 minutes by default, configurable)", async () => {
    await expect(
      create(world.crosscal.graph, { expirationDateTime: inMinutes(emulator, 10_081) }),
    ).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining("10080 minutes"),
    });
    await expect(
      create(world.crosscal.graph, { expirationDateTime: inMinutes(emulator, 10_079) }),
    ).resolves.toBeTruthy();
    emulator.ctx.subscriptions.configure({ maxExpirationMinutes: 4230 });
    await expect(
      create(world.crosscal.graph, { expirationDateTime: inMinutes(emulator, 5000) }),
    ).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining("4230 minutes"),
    });
  });

  it("requires a future expirationDateTime", async () => {
    await expect(create(world.crosscal.graph, { expirationDateTime: undefined })).rejects.toMatchObject({
      statusCode: 400,
      code: "InvalidRequest",
    });
    await expect(
      create(world.crosscal.graph, { expirationDateTime: inMinutes(emulator, -1) }),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(create(world.crosscal.graph, { expirationDateTime: "tomorrow" })).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining("Could not process subscription creation payload"),
    });
  });

  it("rejects http notification URLs without contacting them", async () => {
    const http = receiver.url.replace("https:", "http:");
    await expect(create(world.crosscal.graph, { notificationUrl: `${http}/notify` })).rejects.toMatchObject({
      statusCode: 400,
      code: "InvalidRequest",
    });
    await expect(
      create(world.crosscal.graph, { lifecycleNotificationUrl: `${http}/lifecycle` }),
    ).rejects.toMatchObject({ statusCode: 400 });
    expect(receiver.requests).toHaveLength(0);
  });

  it("limits clientState to 128 characters", async () => {
    await expect(create(world.crosscal.graph, { clientState: "x".repeat(129) })).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(create(world.crosscal.graph, { clientState: "x".repeat(128) })).resolves.toMatchObject({
      clientState: "x".repeat(128),
    });
  });

  it("checks changeType", async () => {
    for (const changeType of ["", "created,moved", "all"]) {
      await expect(create(world.crosscal.graph, { changeType })).rejects.toMatchObject({ statusCode: 400 });
    }
    await expect(create(world.crosscal.graph, { changeType: "deleted" })).resolves.toMatchObject({
      changeType: "deleted",
    });
  });

  it("accepts users/{id|upn}/events in Graph's spellings and nothing else", async () => {
    for (const resource of [
      `/users/${world.adele.id}/events`,
      `Users/${world.adele.id}/Events`,
      "users/adele@contoso.test/events",
    ]) {
      await expect(create(world.crosscal.graph, { resource })).resolves.toMatchObject({ resource });
    }
    await expect(create(world.crosscal.graph, { resource: "me/events" })).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(
      create(world.crosscal.graph, { resource: `users/${world.adele.id}/messages` }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it("needs Calendars.Read(Write), a reachable mailbox and the same tenant", async () => {
    await expect(create(world.directoryOnly.graph)).rejects.toMatchObject({ statusCode: 403 });
    await expect(create(world.other.graph)).resolves.toBeTruthy();
    await expect(create(world.scoped.graph)).resolves.toBeTruthy();
    await expect(
      create(world.scoped.graph, { resource: `users/${world.megan.id}/events` }),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(create(world.fabrikamApp.graph)).rejects.toMatchObject({ statusCode: 404 });
    expect(receiver.requests.length).toBe(2);
  });

  it("limits subscriptions per mailbox across apps with a 403 naming the limit", async () => {
    emulator.ctx.subscriptions.configure({ maxSubscriptionsPerMailbox: 2 });
    await create(world.crosscal.graph);
    await create(world.other.graph);
    await expect(create(world.crosscal.graph)).rejects.toMatchObject({
      statusCode: 403,
      message: expect.stringMatching(/Maximum number of subscriptions.*\b2\b/),
    });
    await expect(
      create(world.crosscal.graph, { resource: `users/${world.megan.id}/events` }),
    ).resolves.toBeTruthy();
  });

  it("lists and gets only the calling app's subscriptions", async () => {
    const mine = await create(world.crosscal.graph);
    const theirs = await create(world.other.graph);
    const list = (await world.crosscal.graph.api("/subscriptions").get()) as { value: Sub[] };
    expect(list.value.map((sub) => sub.id)).toEqual([mine.id]);
    await expect(world.crosscal.graph.api(`/subscriptions/${mine.id}`).get()).resolves.toMatchObject({
      id: mine.id,
      clientState: "secret-state",
    });
    await expect(world.crosscal.graph.api(`/subscriptions/${theirs.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it("renews with PATCH, within the maximum, and refuses a new lifecycleNotificationUrl", async () => {
    const sub = await create(world.crosscal.graph);
    const later = inMinutes(emulator, 5000);
    const renewed = (await world.crosscal.graph
      .api(`/subscriptions/${sub.id}`)
      .patch({ expirationDateTime: later })) as Sub;
    expect(Date.parse(renewed.expirationDateTime)).toBe(Date.parse(later));
    await expect(
      world.crosscal.graph
        .api(`/subscriptions/${sub.id}`)
        .patch({ expirationDateTime: inMinutes(emulator, 20_000) }),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      world.crosscal.graph
        .api(`/subscriptions/${sub.id}`)
        .patch({ lifecycleNotificationUrl: `${receiver.url}/lifecycle` }),
    ).rejects.toMatchObject({ statusCode: 400, code: "InvalidRequest" });
    // The renewal outlives the original expiry (checked in-process: MSAL's cached token would expire too).
    emulator.ctx.clock.advance(120 * 60_000);
    expect(emulator.ctx.subscriptions.list().map((live) => live.id)).toEqual([sub.id]);
  });

  it("deletes with 204, reauthorizes with 204", async () => {
    const sub = await create(world.crosscal.graph);
    const reauthorize = await fetchAs(world.crosscal, `/subscriptions/${sub.id}/reauthorize`, "POST");
    expect(reauthorize.status).toBe(204);
    const deletion = await fetchAs(world.crosscal, `/subscriptions/${sub.id}`, "DELETE");
    expect(deletion.status).toBe(204);
    await expect(world.crosscal.graph.api(`/subscriptions/${sub.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
      code: "ResourceNotFound",
    });
  });

  it("lets an unrenewed subscription vanish at its expiry", async () => {
    const sub = await create(world.crosscal.graph, { expirationDateTime: inMinutes(emulator, 45) });
    emulator.ctx.clock.advance(46 * 60_000);
    await expect(world.crosscal.graph.api(`/subscriptions/${sub.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
    });
    const list = (await world.crosscal.graph.api("/subscriptions").get()) as { value: Sub[] };
    expect(list.value).toEqual([]);
  });

  async function fetchAs(app: AppHandle, path: string, method: string): Promise<Response> {
    return fetch(`${emulator.url}/v1.0${path}`, {
      method,
      headers: { authorization: `Bearer ${await app.token()}` },
    });
  }
});
