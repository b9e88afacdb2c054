import { EventEmitter } from "node:events";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import {
  handleNotificationBody,
  NotificationPayloadError,
  type WebhookBatch,
} from "../../engine/webhooks.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";

/** Where accepted notification work goes: the scheduler listens for "work" (one WebhookBatch each). */
export class WebhookSink extends EventEmitter<{ work: [WebhookBatch] }> {}

declare module "fastify" {
  interface FastifyInstance {
    crosscalWebhooks: WebhookSink;
  }
}

const ValidationQuery = Type.Object({ validationToken: Type.Optional(Type.String({ maxLength: 2048 })) });
const Accepted = Type.Object({ accepted: Type.Integer(), forged: Type.Integer() });

/**
 * Graph's two webhook URLs, public (Graph cannot log in) and proven instead by each notification's
 * clientState. A POST with `validationToken` is Graph's handshake: the decoded token comes back as
 * text/plain at once. Notifications are checked and answered 202 at once (Graph retries slow or failed
 * deliveries); the work they carry goes to `app.crosscalWebhooks` for the scheduler. Forged ones are
 * counted and ignored, never answered differently (the sender learns nothing).
 */
export async function webhookRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.decorate("crosscalWebhooks", new WebhookSink());
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    // Graph's handshake POST is text/plain (or has no body): only these routes accept that.
    scope.addContentTypeParser("text/plain", { parseAs: "string" }, (_request, body, done) =>
      done(null, body),
    );
    for (const [path, summary] of [
      ["/api/webhooks/graph", "Graph change notifications"],
      ["/api/webhooks/graph/lifecycle", "Graph lifecycle notifications"],
    ] as const) {
      scope.post(
        path,
        {
          config: { public: true },
          schema: {
            summary,
            tags: ["webhooks"],
            security: [],
            querystring: ValidationQuery,
            response: responses({ 200: Type.String(), 202: Accepted }, [400]),
          },
        },
        async (request, reply) => {
          const token = request.query.validationToken;
          if (token !== undefined) return reply.code(200).type("text/plain; charset=utf-8").send(token);
          const batch = await parse(settings, request.body);
          const counter = app.crosscalMetrics.notifications;
          if (batch.accepted > 0) counter.inc({ result: "accepted" }, batch.accepted);
          if (batch.forged > 0) counter.inc({ result: "forged" }, batch.forged);
          if (batch.work.length > 0) app.crosscalWebhooks.emit("work", batch);
          return reply.code(202).send({ accepted: batch.accepted, forged: batch.forged });
        },
      );
    }
  });
}

async function parse(settings: ServerSettings, body: unknown): Promise<WebhookBatch> {
  try {
    return await handleNotificationBody(settings.db, body);
  } catch (error) {
    if (error instanceof NotificationPayloadError)
      throw new ApiError(400, "invalid_notification", error.message);
    throw error;
  }
}
