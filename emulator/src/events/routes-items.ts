import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";
import { GraphError } from "../graph/errors.js";
import { listBody } from "./list.js";
import type { EventView } from "./model.js";
import { applyPreferenceHeader, mailboxRequest, singleEventBody } from "./route-context.js";
import { deleteView, updateView } from "./view-writes.js";

type IdParams = { user: string; id: string };

/** /events: create, list (single instances and series masters), get, update, delete. */
export function registerItemRoutes(app: FastifyInstance, ctx: EmulatorContext, prefix: string): void {
  const store = ctx.mailboxes;

  app.get(`${prefix}/events`, async (request, reply) => {
    const mailbox = mailboxRequest(ctx, request, "read");
    const views: EventView[] = [...mailbox.calendar.events.values()].map((event) => ({
      kind: "stored",
      event,
    }));
    applyPreferenceHeader(reply, mailbox.prefs);
    return listBody(ctx, mailbox, views, "events");
  });

  // v1.0 has no events/delta (beta only); Graph rejects it as it does any entity without change tracking.
  app.get(`${prefix}/events/delta`, async () => {
    throw new GraphError(
      400,
      "BadRequest",
      "Unsupported request: Change tracking is not supported against 'microsoft.graph.event'.",
    );
  });

  app.post(`${prefix}/events`, async (request, reply) => {
    const mailbox = mailboxRequest(ctx, request, "write");
    const { event } = store.create(mailbox.owner, request.body, mailbox.actor);
    applyPreferenceHeader(reply, mailbox.prefs);
    return reply.code(201).send(singleEventBody(ctx, mailbox, { kind: "stored", event }));
  });

  app.get<{ Params: IdParams }>(`${prefix}/events/:id`, async (request, reply) => {
    const mailbox = mailboxRequest(ctx, request, "read");
    const view = store.find(mailbox.owner, request.params.id);
    applyPreferenceHeader(reply, mailbox.prefs);
    return singleEventBody(ctx, mailbox, view);
  });

  app.patch<{ Params: IdParams }>(`${prefix}/events/:id`, async (request, reply) => {
    const mailbox = mailboxRequest(ctx, request, "write");
    const view = store.find(mailbox.owner, request.params.id);
    store.checkIfMatch(view, request.headers["if-match"]);
    const updated = updateView(store, mailbox.owner, view, request.body, mailbox.actor);
    applyPreferenceHeader(reply, mailbox.prefs);
    return singleEventBody(ctx, mailbox, updated);
  });

  app.delete<{ Params: IdParams }>(`${prefix}/events/:id`, async (request, reply) => {
    const mailbox = mailboxRequest(ctx, request, "write");
    const view = store.find(mailbox.owner, request.params.id);
    store.checkIfMatch(view, request.headers["if-match"]);
    deleteView(store, mailbox.owner, view, mailbox.actor);
    return reply.code(204).send();
  });
}
