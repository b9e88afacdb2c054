import type { Actor, User } from "../world/types.js";
import { deleteStored, updateStored } from "./event-writes.js";
import type { EventView } from "./model.js";
import { deleteOccurrence, updateOccurrence } from "./occurrence-writes.js";
import type { MailboxStore } from "./store.js";

/** PATCH of whatever an id names: a single instance or series master, or one occurrence (an exception). */
export function updateView(
  store: MailboxStore,
  owner: User,
  view: EventView,
  body: unknown,
  actor: Actor,
): EventView {
  if (view.kind === "occurrence") return updateOccurrence(store, owner, view, body, actor);
  return { kind: "stored", event: updateStored(store, owner, view.event, body, actor) };
}

/** DELETE of whatever an id names: the whole event or series, or one occurrence. */
export function deleteView(store: MailboxStore, owner: User, view: EventView, actor: Actor): void {
  if (view.kind === "stored") deleteStored(store, owner, view.event, actor);
  else deleteOccurrence(store, owner, view, actor);
}
