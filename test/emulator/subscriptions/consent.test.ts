import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../../helpers/emulator.js";
import { controlFetch } from "../../helpers/http.js";
import { isNotificationTo, Receiver } from "../../helpers/webhook-receiver.js";
import { inMinutes, type SubscriptionWorld, seedSubscriptionWorld } from "./world.js";

/** What crosscal sees when an admin revokes the app's consent while it holds a subscription. */
describe("revoked consent through the control API", () => {
  let emulator: RunningEmulator;
  let world: SubscriptionWorld;
  let receiver: Receiver;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    world = await seedSubscriptionWorld(emulator);
    emulator.ctx.subscriptions.configure({ deliveryDelayMs: 0, retryInitialMs: 60_000 });
    receiver = await Receiver.start(emulator);
  });
  afterAll(async () => {
    await receiver.close();
    await emulator.close();
  });

  const control = (method: string, path: string, body: unknown) => controlFetch(emulator, method, path, body);
  const graph = async (token: string, path: string, method = "GET") =>
    fetch(`${emulator.url}/v1.0${path}`, { method, headers: { authorization: `Bearer ${token}` } });

  it("asks for reauthorization at once, and new tokens without roles get 403 until consent returns", async () => {
    const sub = (await world.crosscal.graph.api("/subscriptions").post({
      changeType: "created,updated,deleted",
      notificationUrl: `${receiver.url}/notify`,
      lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
      resource: "users/adele@contoso.test/events",
      expirationDateTime: inMinutes(emulator, 60),
      clientState: "state",
    })) as { id: string };
    const revoked = await control(
      "PUT",
      `/tenants/contoso.test/servicePrincipals/${world.crosscal.clientId}`,
      {
        consented: false,
      },
    );
    expect(revoked.status).toBe(200);
    // No mailbox change is needed: Graph tells the app as soon as its access is gone.
    const lifecycle = await receiver.next(isNotificationTo("/lifecycle"));
    expect(JSON.parse(lifecycle.body).value).toEqual([
      expect.objectContaining({ subscriptionId: sub.id, lifecycleEvent: "reauthorizationRequired" }),
    ]);

    const roleless = await world.crosscal.token();
    const payload = JSON.parse(Buffer.from(roleless.split(".")[1]!, "base64url").toString("utf8"));
    expect(payload.roles).toBeUndefined();
    const events = await graph(roleless, "/users/adele@contoso.test/events");
    expect(events.status).toBe(403);
    expect(((await events.json()) as { error: { code: string } }).error.code).toBe("ErrorAccessDenied");
    expect((await graph(roleless, `/subscriptions/${sub.id}/reauthorize`, "POST")).status).toBe(403);

    await control("PUT", `/tenants/contoso.test/servicePrincipals/${world.crosscal.clientId}`, {
      consented: true,
    });
    const fresh = await world.crosscal.token();
    expect((await graph(fresh, `/subscriptions/${sub.id}/reauthorize`, "POST")).status).toBe(204);
    const created = await graph(fresh, "/users/adele@contoso.test/events");
    expect(created.status).toBe(200);
    await emulator.ctx.subscriptions.flush();
    expect(receiver.notifications("/lifecycle")).toHaveLength(1);
  });
});
