import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";
import { badRequest, GraphError } from "../graph/errors.js";
import type { Actor, User } from "../world/types.js";
import type { ExpiryVariant } from "./delta-states.js";
import type { EventView, StoredEvent } from "./model.js";
import { cancelMeeting, type ResponseAction, respond } from "./responses.js";
import { graphTimestamp, renderEvent } from "./serialize.js";
import { deleteView, updateView } from "./view-writes.js";

type MailboxParams = { upn: string };
type ItemParams = { upn: string; id: string };

function person(ctx: EmulatorContext, upn: string): { owner: User; actor: Actor } {
  const owner = ctx.world.findUserByAddress(upn);
  if (!owner) throw new GraphError(404, "NotFound", `unknown mailbox ${upn}`);
  return { owner, actor: { kind: "person", tenantId: owner.tenantId, userId: owner.id } };
}

/** Everything stored about an event, for test assertions (not a Graph shape). */
function rawEvent(event: StoredEvent, owner: User) {
  return {
    ...renderEvent({ kind: "stored", event }, { ownerAddress: owner.mail, extendedProperties: () => true }),
    exceptions: [...event.exceptions.values()].map((e) => ({
      originalStart: new Date(e.originalStart).toISOString(),
      start: new Date(e.start).toISOString(),
      end: new Date(e.end).toISOString(),
      changeKey: e.changeKey,
      overrides: e.overrides,
    })),
    cancelledOccurrences: [...event.cancelledOccurrences].map((ms) =>
      graphTimestamp(new Date(ms).toISOString()),
    ),
  };
}

/**
 * Acting as a person in Outlook (create, update, delete, respond to events in their own mailbox: meeting
 * messages are sent and counted with app "outlook"), a raw listing, delta-token expiry and reset.
 */
export async function registerEventControl(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  const store = ctx.mailboxes;
  const render = (view: EventView, owner: User) => renderEvent(view, { ownerAddress: owner.mail });

  app.get<{ Params: MailboxParams }>("/mailboxes/:upn/events", async (request) => {
    const { owner } = person(ctx, request.params.upn);
    return { value: [...store.calendarOf(owner).events.values()].map((event) => rawEvent(event, owner)) };
  });

  app.post<{ Params: MailboxParams; Body: Record<string, unknown> }>(
    "/mailboxes/:upn/events",
    async (request, reply) => {
      const { owner } = person(ctx, request.params.upn);
      const event = store.createEventAsOwner(owner, request.body ?? {});
      return reply.code(201).send(render({ kind: "stored", event }, owner));
    },
  );

  app.patch<{ Params: ItemParams }>("/mailboxes/:upn/events/:id", async (request) => {
    const { owner, actor } = person(ctx, request.params.upn);
    const view = store.find(owner, request.params.id);
    return render(updateView(store, owner, view, request.body, actor), owner);
  });

  app.delete<{ Params: ItemParams }>("/mailboxes/:upn/events/:id", async (request, reply) => {
    const { owner, actor } = person(ctx, request.params.upn);
    const view = store.find(owner, request.params.id);
    deleteView(store, owner, view, actor);
    return reply.code(204).send();
  });

  app.post<{ Params: ItemParams & { action: string }; Body: { sendResponse?: unknown } | undefined }>(
    "/mailboxes/:upn/events/:id/:action",
    async (request, reply) => {
      const { owner, actor } = person(ctx, request.params.upn);
      const view = store.find(owner, request.params.id);
      const { action } = request.params;
      if (action === "cancel") cancelMeeting(store, owner, view, actor);
      else if (["accept", "decline", "tentativelyAccept"].includes(action)) {
        respond(store, owner, view, action as ResponseAction, request.body, actor);
      } else throw badRequest(`unknown action ${action}`);
      return reply.code(202).send();
    },
  );

  app.post<{ Body: { upn?: string; userId?: string; variant?: ExpiryVariant } | undefined }>(
    "/delta/expire",
    async (request) => {
      const { upn, userId, variant = "syncStateNotFound" } = request.body ?? {};
      if (variant !== "syncStateNotFound" && variant !== "resync")
        throw badRequest("variant must be syncStateNotFound or resync");
      const id = upn ? person(ctx, upn).owner.id : userId;
      return { expired: store.expireDeltaTokens(id, variant) };
    },
  );

  app.post("/events/reset", async () => {
    store.reset();
    return { ok: true };
  });
}
