import { GraphError } from "../graph/errors.js";
import type { Actor, User } from "../world/types.js";
import { organizerItem } from "./meetings.js";
import type { EventView, ResponseType, StoredEvent } from "./model.js";
import { deleteOccurrence } from "./occurrence-writes.js";
import type { MailboxStore } from "./store.js";
import { deleteView } from "./view-writes.js";

export type ResponseAction = "accept" | "decline" | "tentativelyAccept";

const RESPONSES: Record<ResponseAction, ResponseType> = {
  accept: "accepted",
  decline: "declined",
  tentativelyAccept: "tentativelyAccepted",
};

const masterOf = (view: EventView) => (view.kind === "stored" ? view.event : view.master);

/** POST .../cancel: organizer only; cancels the whole meeting or one occurrence, sending cancellations. */
export function cancelMeeting(store: MailboxStore, owner: User, view: EventView, actor: Actor): void {
  if (!masterOf(view).isOrganizer) {
    throw new GraphError(
      400,
      "ErrorInvalidRequest",
      "Your request can't be completed. You need to be an organizer to cancel a meeting.",
    );
  }
  deleteView(store, owner, view, actor);
}

/** The organizer's tracking of this attendee's response (what a response message does when it arrives). */
function tellOrganizer(
  store: MailboxStore,
  owner: User,
  copy: StoredEvent,
  response: ResponseType,
  actor: Actor,
) {
  const item = organizerItem(store, copy);
  if (!item) return;
  const mine = [owner.mail, owner.userPrincipalName].map((a) => a.toLowerCase());
  const attendee = item.fields.attendees.find((a) => mine.includes(a.emailAddress.address.toLowerCase()));
  if (!attendee) return;
  attendee.status = { response, time: store.now() };
  const organizer = store.ctx.world.userById(item.ownerId);
  if (organizer) store.commit(store.calendarOf(organizer), item, "updated", actor);
}

/** POST .../accept | tentativelyAccept | decline, as the attendee. A decline removes the meeting. */
export function respond(
  store: MailboxStore,
  owner: User,
  view: EventView,
  action: ResponseAction,
  body: { sendResponse?: unknown } | undefined,
  actor: Actor,
): void {
  const copy = masterOf(view);
  if (copy.isOrganizer) {
    throw new GraphError(
      400,
      "ErrorInvalidRequest",
      "Your request can't be completed. You can't respond to this meeting because you're the meeting organizer.",
    );
  }
  const response = RESPONSES[action];
  // A response to one occurrence is tracked on that occurrence by Exchange, not on the series' attendee list.
  if (body?.sendResponse !== false && view.kind === "stored")
    tellOrganizer(store, owner, copy, response, actor);
  if (view.kind === "occurrence") {
    if (action === "decline") deleteOccurrence(store, owner, view, actor);
    return;
  }
  if (action === "decline") {
    store.removeEvent(store.calendarOf(owner), copy, actor);
    return;
  }
  copy.responseStatus = { response, time: store.now() };
  store.commit(store.calendarOf(owner), copy, "updated", actor);
}
