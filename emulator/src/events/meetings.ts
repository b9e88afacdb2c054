import { newChangeKey, newItemId } from "../ids.js";
import type { MessageKind } from "../stats.js";
import type { Actor, User } from "../world/types.js";
import type { Attendee, StoredEvent } from "./model.js";
import { NEVER } from "./model.js";
import type { MailboxStore } from "./store.js";

/**
 * Exchange's side effects of meetings: every invitation, update and cancellation an organizer's write
 * sends is counted (per sender and per app), and the meeting is delivered into the calendar of every
 * attendee who is an emulated user, in any tenant. There is no way to suppress them, as in Graph.
 */

const sender = (actor: Actor) => (actor.kind === "app" ? actor.clientId : "outlook");

function ownerOf(store: MailboxStore, event: StoredEvent): User | undefined {
  return store.ctx.world.userById(event.ownerId);
}

function recipients(event: StoredEvent, attendees = event.fields.attendees): Attendee[] {
  const self = event.organizer.address.toLowerCase();
  return attendees.filter((a) => a.emailAddress.address.toLowerCase() !== self);
}

function count(store: MailboxStore, event: StoredEvent, kind: MessageKind, n: number, actor: Actor): void {
  const owner = ownerOf(store, event);
  if (owner && n > 0) store.ctx.stats.countMessages(kind, owner.userPrincipalName, sender(actor), n);
}

/** The attendee's copy of the organizer's meeting: same iCalUId, the attendee's own response and tags. */
function copyFor(
  event: StoredEvent,
  attendee: User,
  existing: StoredEvent | undefined,
  now: string,
): StoredEvent {
  const fields = structuredClone(event.fields);
  if (existing) {
    fields.categories = existing.fields.categories;
    fields.isReminderOn = existing.fields.isReminderOn;
    fields.reminderMinutesBeforeStart = existing.fields.reminderMinutesBeforeStart;
  }
  const copy: StoredEvent = {
    ...structuredClone(event),
    id: existing?.id ?? newItemId(),
    // Each mailbox's item has its own version; the organizer's changeKey means nothing here.
    changeKey: existing?.changeKey ?? newChangeKey(),
    ownerId: attendee.id,
    createdDateTime: existing?.createdDateTime ?? now,
    lastModifiedDateTime: now,
    fields,
    isOrganizer: false,
    responseStatus: existing?.responseStatus ?? { response: "notResponded", time: NEVER },
    isCancelled: false,
    extendedProperties: existing?.extendedProperties ?? [],
    version: existing?.version ?? 0,
  };
  delete copy.transactionId;
  return copy;
}

function attendeeUsers(store: MailboxStore, event: StoredEvent, attendees: Attendee[]): User[] {
  const users: User[] = [];
  for (const attendee of recipients(event, attendees)) {
    const user = store.ctx.world.findUserByAddress(attendee.emailAddress.address);
    if (user && user.id !== event.ownerId && !users.includes(user)) users.push(user);
  }
  return users;
}

/** Puts the current state of the meeting into each attendee's calendar (created or updated there). */
function deliver(
  store: MailboxStore,
  event: StoredEvent,
  actor: Actor,
  attendees = event.fields.attendees,
): void {
  for (const user of attendeeUsers(store, event, attendees)) {
    const calendar = store.calendarOf(user);
    const existing = calendar.byICalUId(event.iCalUId);
    if (existing?.isOrganizer) continue;
    const copy = copyFor(event, user, existing, store.now());
    store.commit(calendar, copy, existing ? "updated" : "created", actor);
  }
}

/** Marks attendee copies cancelled, as a cancellation message does when Exchange processes it. */
function cancelCopies(store: MailboxStore, event: StoredEvent, actor: Actor, attendees: Attendee[]): void {
  for (const user of attendeeUsers(store, event, attendees)) {
    const calendar = store.calendarOf(user);
    const copy = calendar.byICalUId(event.iCalUId);
    if (!copy || copy.isOrganizer || copy.isCancelled) continue;
    copy.isCancelled = true;
    if (!copy.fields.subject.startsWith("Canceled: "))
      copy.fields.subject = `Canceled: ${copy.fields.subject}`;
    store.commit(calendar, copy, "updated", actor);
  }
}

const sendsMessages = (event: StoredEvent) => event.isOrganizer && !event.isDraft;

export function announceCreated(store: MailboxStore, event: StoredEvent, actor: Actor): void {
  if (!sendsMessages(event)) return;
  count(store, event, "invitations", recipients(event).length, actor);
  deliver(store, event, actor);
}

const addressesOf = (attendees: Attendee[]) =>
  new Set(attendees.map((a) => a.emailAddress.address.toLowerCase()));

/**
 * After an organizer's PATCH: new attendees get invitations, removed ones cancellations, and the others an
 * update unless only the attendee list changed. A series master with changed instances sends one update per
 * changed instance plus one for the master.
 */
export function announceUpdated(
  store: MailboxStore,
  event: StoredEvent,
  change: { before: Attendee[]; attendeesOnly: boolean; changedInstances: number },
  actor: Actor,
): void {
  if (!sendsMessages(event)) return;
  const before = addressesOf(recipients(event, change.before));
  const after = recipients(event);
  const added = after.filter((a) => !before.has(a.emailAddress.address.toLowerCase()));
  const afterSet = addressesOf(after);
  const removed = recipients(event, change.before).filter(
    (a) => !afterSet.has(a.emailAddress.address.toLowerCase()),
  );
  count(store, event, "invitations", added.length, actor);
  count(store, event, "cancellations", removed.length, actor);
  if (!change.attendeesOnly) {
    count(store, event, "updates", (after.length - added.length) * (change.changedInstances + 1), actor);
  }
  cancelCopies(store, event, actor, removed);
  deliver(store, event, actor);
}

/** The organizer deleted or cancelled the meeting: every attendee gets a cancellation. */
export function announceCancelled(store: MailboxStore, event: StoredEvent, actor: Actor): void {
  if (!sendsMessages(event)) return;
  count(store, event, "cancellations", recipients(event).length, actor);
  cancelCopies(store, event, actor, event.fields.attendees);
}

/** One occurrence changed (update) or was removed (cancellation) by the organizer. */
export function announceOccurrence(
  store: MailboxStore,
  master: StoredEvent,
  kind: "updates" | "cancellations",
  actor: Actor,
): void {
  if (!sendsMessages(master)) return;
  count(store, master, kind, recipients(master).length, actor);
  deliver(store, master, actor);
}

/** Copies of a meeting's organizer item with this iCalUId (for attendee responses). */
export function organizerItem(store: MailboxStore, copy: StoredEvent): StoredEvent | undefined {
  const organizer = store.ctx.world.findUserByAddress(copy.organizer.address);
  if (!organizer) return undefined;
  const item = store.calendarOf(organizer).byICalUId(copy.iCalUId);
  return item?.isOrganizer ? item : undefined;
}
