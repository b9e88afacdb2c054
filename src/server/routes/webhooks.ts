import { EventEmitter } from "node:events";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { RecentNotifications } from "../../notifications/recent-notifications.js";
import {
  type CheckedBatch,
  type DeliveryMemory,
  handleNotificationBody,
  NotificationPayloadError,
  TooManyNotificationsError,
  type WebhookBatch,
} from "../../notifications/webhooks.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { ServiceMetrics } from "../plugins/metrics.js";
import type { App } from "../types.js";

/** Where accepted notification work goes: the scheduler listens for "work" (one WebhookBatch each). */
export class WebhookSink extends EventEmitter<{ work: [WebhookBatch] }> {}

declare module "fastify" {
  interface FastifyInstance {
    crosscalWebhooks: WebhookSink;
  }
}

/**
 * Largest webhook body, below the API's 1 MiB: room for 500 notifications (MAX_NOTIFICATIONS_PER_BODY)
 * of about 1 KiB, which is what Graph's basic event notifications weigh with their long ids; a larger
 * body is refused while it arrives, before it is parsed.
 */
export const WEBHOOK_BODY_LIMIT = 512 * 1024;

const ValidationQuery = Type.Object({ validationToken: Type.Optional(Type.String({ maxLength: 2048 })) });
const Accepted = Type.Object({ accepted: Type.Integer(), forged: Type.Integer() });

/**
 * Graph's two webhook URLs, public (Graph cannot log in) and proven instead by each notification's
 * clientState. A POST with `validationToken` is Graph's handshake: the decoded token comes back as
 * text/plain at once. Notifications are checked and answered 202 at once (Graph retries slow or failed
 * deliveries); the work they carry goes to `app.crosscalWebhooks` for the scheduler. Forged ones are
 * counted and ignored, never answered differently (the sender learns nothing); repeats of a notification
 * already taken are counted and cause no work. Since anyone can post here, a body's cost is bounded
 * before it is looked at: WEBHOOK_BODY_LIMIT bytes, MAX_NOTIFICATIONS_PER_BODY notifications (413 beyond).
 */
export async function webhookRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.decorate("crosscalWebhooks", new WebhookSink());
  const now = () => settings.now().getTime();
  const recent = new RecentNotifications({ now });
  const refused = refusalCounter(app.crosscalMetrics, now);
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    // Graph's handshake POST is text/plain (or has no body): only these routes accept that.
    scope.addContentTypeParser("text/plain", { parseAs: "string" }, (_request, body, done) =>
      done(null, body),
    );
    // Both refusals answer 413: over the byte limit (Fastify's) and over the notification cap (ours).
    scope.addHook("onResponse", async (request, reply) => {
      if (reply.statusCode === 413) refused(request);
    });
    for (const [path, summary] of [
      ["/api/webhooks/graph", "Graph change notifications"],
      ["/api/webhooks/graph/lifecycle", "Graph lifecycle notifications"],
    ] as const) {
      scope.post(
        path,
        {
          config: { public: true },
          // Graph posts here for every change, dozens of times a second at scale: a request and a response
          // line for each cost more CPU than the rest of the post. The counts are in the metrics
          // (crosscal_notifications_total); refusals and failures are still logged (warn and error).
          logLevel: "warn",
          bodyLimit: WEBHOOK_BODY_LIMIT,
          schema: {
            summary,
            tags: ["webhooks"],
            security: [],
            querystring: ValidationQuery,
            response: responses({ 200: Type.String(), 202: Accepted }, [400, 413]),
          },
        },
        async (request, reply) => {
          const token = request.query.validationToken;
          if (token !== undefined)
            return reply
              .code(200)
              .header("x-content-type-options", "nosniff")
              .type("text/plain; charset=utf-8")
              .send(token);
          const batch = await parse(settings, request.body, recent);
          countNotifications(app.crosscalMetrics, batch);
          if (batch.work.length > 0) handOver(app, settings, request, batch);
          return reply.code(202).send({ accepted: batch.accepted, forged: batch.forged });
        },
      );
    }
  });
}

async function parse(settings: ServerSettings, body: unknown, memory: DeliveryMemory): Promise<CheckedBatch> {
  try {
    return await handleNotificationBody(settings.db, body, memory);
  } catch (error) {
    if (error instanceof TooManyNotificationsError)
      throw new ApiError(413, "too_many_notifications", error.message);
    if (error instanceof NotificationPayloadError)
      throw new ApiError(400, "invalid_notification", error.message);
    throw error;
  }
}

function countNotifications(metrics: ServiceMetrics, batch: CheckedBatch): void {
  const counts = {
    accepted: batch.accepted - batch.duplicates,
    duplicate: batch.duplicates,
    forged: batch.forged,
  };
  for (const [result, count] of Object.entries(counts))
    if (count > 0) metrics.notifications.inc({ result }, count);
}

const WARN_EVERY_MS = 60_000;

/**
 * Counts each refused body (one count, however many notifications it held) and warns at most once a
 * minute, with the number refused since the last warning, so that a flood of refused bodies cannot flood
 * the log too.
 */
function refusalCounter(metrics: ServiceMetrics, now: () => number) {
  let warnedAt = Number.NEGATIVE_INFINITY;
  let unreported = 0;
  return (request: FastifyRequest) => {
    metrics.notifications.inc({ result: "refused" });
    unreported++;
    if (now() - warnedAt < WARN_EVERY_MS) return;
    request.log.warn(
      { refused: unreported, url: request.routeOptions.url, bytes: request.headers["content-length"] },
      "refused webhook bodies over the size or notification limit (Graph sends none such: forgeries?)",
    );
    warnedAt = now();
    unreported = 0;
  };
}

/**
 * Accepted work goes straight to the service (runs are debounced there, after the 202 is sent); observers
 * of `app.crosscalWebhooks` (tests of this route alone) hear of it too. A failure is the service's log.
 */
function handOver(app: App, settings: ServerSettings, request: FastifyRequest, batch: WebhookBatch): void {
  app.crosscalWebhooks.emit("work", batch);
  settings.service?.accept(batch).catch((error) => request.log.error({ err: error }, "webhook work failed"));
}
