import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";
import { badRequest } from "../graph/errors.js";
import { LIFECYCLE_EVENTS, type LifecycleEvent, renderSubscription, type Subscription } from "./model.js";
import type { NotificationFaults, SubscriptionSettings } from "./settings.js";

/** The emulator's view of a subscription: Graph's fields plus whose it is and its state. */
function describe(sub: Subscription) {
  return {
    ...renderSubscription(sub),
    tenantId: sub.tenantId,
    mailboxUserId: sub.mailboxUserId,
    reauthorizationPending: sub.reauthorizationPending,
  };
}

/** The subscriptions half of the control API (under /_emulator): settings, faults, lifecycle events, list. */
export async function registerSubscriptionControl(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  const service = ctx.subscriptions;

  app.get("/subscriptions", async () => service.list().map(describe));

  app.get("/subscriptions/settings", async () => service.settings);
  app.put<{ Body: Partial<SubscriptionSettings> }>("/subscriptions/settings", async (request) =>
    service.configure(request.body ?? {}),
  );

  app.get("/subscriptions/faults", async () => service.faults);
  app.put<{ Body: Partial<NotificationFaults> }>("/subscriptions/faults", async (request) =>
    service.setFaults(request.body ?? {}),
  );
  app.delete("/subscriptions/faults", async (_request, reply) => {
    service.clearFaults();
    return reply.code(204).send();
  });

  app.post("/subscriptions/flush", async () => {
    await service.flush();
    return { ok: true };
  });

  app.post("/subscriptions/reset", async () => {
    service.reset();
    return { ok: true };
  });

  app.post<{ Params: { id: string }; Body: { lifecycleEvent?: string } }>(
    "/subscriptions/:id/lifecycle",
    async (request, reply) => {
      const event = request.body?.lifecycleEvent;
      if (!LIFECYCLE_EVENTS.includes(event as LifecycleEvent)) {
        throw badRequest(`lifecycleEvent must be one of ${LIFECYCLE_EVENTS.join(", ")}`);
      }
      const { subscription, queued } = service.triggerLifecycle(request.params.id, event as LifecycleEvent);
      return reply.code(202).send({ subscriptionId: subscription.id, lifecycleEvent: event, queued });
    },
  );
}
