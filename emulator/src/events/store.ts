import type { EmulatorContext } from "../context.js";
import { GraphError } from "../graph/errors.js";
import { newChangeKey } from "../ids.js";
import type { Actor, User } from "../world/types.js";
import { buildEvent } from "./build.js";
import { type CalendarSnapshot, calendarFromSnapshot, calendarSnapshot } from "./calendar-snapshot.js";
import { DeltaStates, type DeltaStatesSnapshot, type ExpiryVariant } from "./delta-states.js";
import { etagOf, parseOccurrenceId } from "./identifiers.js";
import { readEventInput } from "./input.js";
import { MailboxCalendar } from "./mailbox-calendar.js";
import { announceCreated } from "./meetings.js";
import type { EventView, StoredEvent } from "./model.js";
import { occurrenceAt } from "./occurrences.js";
import { applySeedInstructions } from "./seed-instructions.js";
import { factsOf } from "./view.js";

/** Every calendar and every calendarView/delta sync state, as saved between runs. */
export interface MailboxesSnapshot {
  calendars: CalendarSnapshot[];
  delta: DeltaStatesSnapshot;
}

export const notFoundItem = () =>
  new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");

/** Every mailbox's calendar: events, exceptions, the change log delta reads, and delta sync states. */
export class MailboxStore {
  private calendars = new Map<string, MailboxCalendar>();
  readonly delta: DeltaStates;

  constructor(readonly ctx: EmulatorContext) {
    this.delta = new DeltaStates(ctx);
  }

  calendarOf(user: User): MailboxCalendar {
    let calendar = this.calendars.get(user.id);
    if (!calendar) {
      calendar = new MailboxCalendar(user);
      this.calendars.set(user.id, calendar);
    }
    return calendar;
  }

  now(): string {
    return this.ctx.clock.nowIso();
  }

  /** Drops every event, change log and delta state (the directory is untouched). */
  reset(): void {
    this.calendars = new Map();
    this.delta.reset();
  }

  snapshot(): MailboxesSnapshot {
    return { calendars: [...this.calendars.values()].map(calendarSnapshot), delta: this.delta.snapshot() };
  }

  /** Replaces every calendar and delta state; owners are the directory's users (restored first) when present. */
  restore(snapshot: MailboxesSnapshot): void {
    this.calendars = new Map(
      snapshot.calendars.map((calendar) => {
        const owner = this.ctx.world.userById(calendar.owner.id) ?? calendar.owner;
        return [owner.id, calendarFromSnapshot(owner, calendar)];
      }),
    );
    this.delta.restore(snapshot.delta);
  }

  expireDeltaTokens(userId?: string, variant: ExpiryVariant = "syncStateNotFound"): number {
    return this.delta.expire(userId, variant);
  }

  /** An event, occurrence or exception of `owner`'s calendar by id; Graph's 400/404 otherwise. */
  find(owner: User, id: string): EventView {
    if (!id.startsWith("AAMk")) throw new GraphError(400, "ErrorInvalidIdMalformed", "Id is malformed.");
    const calendar = this.calendarOf(owner);
    const event = calendar.events.get(id);
    if (event) return { kind: "stored", event };
    const parsed = parseOccurrenceId(id);
    const master = parsed && calendar.events.get(parsed.masterId);
    const view = parsed && master?.type === "seriesMaster" && occurrenceAt(master, parsed.originalStart);
    if (!view) throw notFoundItem();
    return view;
  }

  /** `If-Match` against the item's current etag (or changeKey); a mismatch is Exchange's 412. */
  checkIfMatch(view: EventView, ifMatch: string | undefined): void {
    if (!ifMatch || ifMatch.trim() === "*") return;
    const { etag, changeKey } = factsOf(view);
    const wanted = ifMatch.split(",").map((tag) => tag.trim());
    if (wanted.includes(etag) || wanted.includes(changeKey) || wanted.includes(`"${changeKey}"`)) return;
    throw new GraphError(
      412,
      "ErrorIrresolvableConflict",
      "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.",
    );
  }

  /** Records a write: new changeKey and lastModified, a change-log version, and a bus event. */
  commit(
    calendar: MailboxCalendar,
    event: StoredEvent,
    changeType: "created" | "updated",
    actor: Actor,
  ): void {
    if (changeType === "updated") {
      event.changeKey = newChangeKey();
      event.lastModifiedDateTime = this.now();
    }
    event.version = calendar.nextVersion();
    calendar.events.set(event.id, event);
    this.publish(calendar, event.id, changeType, actor, etagOf(event.changeKey));
  }

  /** Removes an event from a calendar, leaving a tombstone for delta. */
  removeEvent(calendar: MailboxCalendar, event: StoredEvent, actor: Actor): void {
    calendar.remove(event);
    this.publish(calendar, event.id, "deleted", actor);
  }

  private publish(
    calendar: MailboxCalendar,
    eventId: string,
    changeType: "created" | "updated" | "deleted",
    actor: Actor,
    etag?: string,
  ): void {
    const { owner } = calendar;
    this.ctx.bus.emit({
      tenantId: owner.tenantId,
      userId: owner.id,
      changeType,
      eventId,
      actor,
      ...(etag && { etag }),
    });
  }

  /**
   * POST .../events: a new event (invitations sent if it has attendees), or the event an earlier POST with
   * the same transactionId created (Exchange's redundant-create protection).
   */
  create(owner: User, body: unknown, actor: Actor): { event: StoredEvent; created: boolean } {
    const calendar = this.calendarOf(owner);
    const input = readEventInput(body, "create");
    const earlier = input.transactionId && calendar.transactions.get(input.transactionId);
    const existing = earlier ? calendar.events.get(earlier) : undefined;
    if (existing) return { event: existing, created: false };
    const event = buildEvent(owner, input, this.now());
    if (event.transactionId) calendar.transactions.set(event.transactionId, event.id);
    this.commit(calendar, event, "created", actor);
    announceCreated(this, event, actor);
    return { event, created: true };
  }

  /** Creates an event as the mailbox owner would in Outlook (used by seeds and the control API). */
  createEventAsOwner(owner: User, body: Record<string, unknown>): StoredEvent {
    const { seedExceptions, seedCancelledOccurrences, ...graphBody } = body;
    const actor: Actor = { kind: "person", tenantId: owner.tenantId, userId: owner.id };
    const { event } = this.create(owner, graphBody, actor);
    applySeedInstructions(this, owner, event, { seedExceptions, seedCancelledOccurrences }, actor);
    return event;
  }
}
