import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";
import { cancelMeeting, type ResponseAction, respond } from "./responses.js";
import { mailboxRequest } from "./route-context.js";

type IdParams = { user: string; id: string };
const RESPONSES: ResponseAction[] = ["accept", "decline", "tentativelyAccept"];

/** Meeting actions on an event or occurrence: cancel (organizer) and the attendee's responses; all 202. */
export function registerActionRoutes(app: FastifyInstance, ctx: EmulatorContext, prefix: string): void {
  const store = ctx.mailboxes;

  app.post<{ Params: IdParams }>(`${prefix}/events/:id/cancel`, async (request, reply) => {
    const mailbox = mailboxRequest(ctx, request, "write");
    cancelMeeting(store, mailbox.owner, store.find(mailbox.owner, request.params.id), mailbox.actor);
    return reply.code(202).send();
  });

  for (const action of RESPONSES) {
    app.post<{ Params: IdParams; Body: { sendResponse?: unknown } | undefined }>(
      `${prefix}/events/:id/${action}`,
      async (request, reply) => {
        const mailbox = mailboxRequest(ctx, request, "write");
        const view = store.find(mailbox.owner, request.params.id);
        respond(store, mailbox.owner, view, action, request.body, mailbox.actor);
        return reply.code(202).send();
      },
    );
  }
}
