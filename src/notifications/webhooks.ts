import { type Static, Type } from "typebox";
import { Compile } from "typebox/compile";
import { safeEqual } from "../secrets/compare.js";
import type { Store } from "../store/database.js";
import { findSubscriptionsByIds, type StoredSubscription } from "../store/subscriptions.js";
import type { ChangeHint } from "./echoes.js";
import { hashClientState } from "./subscriptions.js";

/**
 * One notification POST from Graph, turned into work for the service: change hints per mailbox, and what
 * lifecycle events ask for. Nothing here calls Graph, so the route can answer at once (Graph counts an
 * answer after 2.9 s as slow and ends up dropping notifications) and act afterwards.
 */

/** A body that is not Graph's notification collection. The route answers 400 with this message. */
export class NotificationPayloadError extends Error {
  override readonly name: string = "NotificationPayloadError";
}

/** A body with more notifications than Graph ever puts in one POST. The route answers 413. */
export class TooManyNotificationsError extends NotificationPayloadError {
  override readonly name = "TooManyNotificationsError";
}

/**
 * The most notifications one POST may carry. Graph's batches are a few hundred at most; every notification
 * costs a little work before the 202, so a sender may not make that work as large as it likes. (Were Graph
 * ever to send more, it would retry the refused POST and then drop it; the periodic reconcile catches up.)
 */
export const MAX_NOTIFICATIONS_PER_BODY = 500;

/**
 * The clientState lengths worth a look-up: `newClientState` makes 43 characters and Graph takes at most
 * 128; the lower end leaves room for other secrets of 96 bits or more. A missing or shorter clientState
 * cannot prove any subscription crosscal made.
 */
const CLIENT_STATE_LENGTH = { min: 16, max: 128 };

/** A change notification without resource data (GRAPH-NOTES 4.3); other fields are allowed and ignored. */
export const ChangeNotificationSchema = Type.Object({
  subscriptionId: Type.String({ minLength: 1 }),
  changeType: Type.Union([Type.Literal("created"), Type.Literal("updated"), Type.Literal("deleted")]),
  clientState: Type.Optional(Type.String()),
  resourceData: Type.Object({
    id: Type.String({ minLength: 1 }),
    "@odata.etag": Type.Optional(Type.String()),
  }),
});

/** A lifecycle notification (GRAPH-NOTES 4.6). Events Graph may add later are accepted (see `lifecycleWork`). */
export const LifecycleNotificationSchema = Type.Object({
  subscriptionId: Type.String({ minLength: 1 }),
  lifecycleEvent: Type.String({ minLength: 1 }),
  clientState: Type.Optional(Type.String()),
});

/** The body of every POST Graph makes to a notification or lifecycle URL; it may mix subscriptions. */
export const NotificationCollectionSchema = Type.Object({ value: Type.Array(Type.Object({})) });

// Compiled once: checking a body of 500 notifications with Value.Check took ~7 ms, longer than the
// rest of the work on it (JSON parsing, the look-up) together, and anyone can post such bodies.
const collection = Compile(NotificationCollectionSchema);
const changeNotification = Compile(ChangeNotificationSchema);
const lifecycleNotification = Compile(LifecycleNotificationSchema);

export type ChangeNotification = Static<typeof ChangeNotificationSchema>;
export type LifecycleNotification = Static<typeof LifecycleNotificationSchema>;
export type Notification = ChangeNotification | LifecycleNotification;

/**
 * Parses and checks a POST body (text, bytes, or JSON already parsed by the HTTP layer). The count comes
 * first, so a body over the cap is refused before any notification in it is looked at.
 */
export function parseNotifications(body: unknown): Notification[] {
  const data = typeof body === "string" || Buffer.isBuffer(body) ? parseJson(body.toString()) : body;
  const count = notificationCount(data);
  if (count > MAX_NOTIFICATIONS_PER_BODY) {
    throw new TooManyNotificationsError(
      `a notification body carries at most ${MAX_NOTIFICATIONS_PER_BODY} notifications; this one has ${count}`,
    );
  }
  if (!collection.Check(data)) {
    throw new NotificationPayloadError(
      'a notification body is a JSON object with a "value" array of notifications',
    );
  }
  return data.value.map((item, index) => checkNotification(item, index));
}

function notificationCount(data: unknown): number {
  const value = typeof data === "object" && data !== null ? (data as { value?: unknown }).value : undefined;
  return Array.isArray(value) ? value.length : 0;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NotificationPayloadError(`the notification body is not JSON: ${(error as Error).message}`);
  }
}

function checkNotification(item: object, index: number): Notification {
  const validator = "lifecycleEvent" in item ? lifecycleNotification : changeNotification;
  if (validator.Check(item)) return item as Notification;
  const [first] = validator.Errors(item);
  const where = `value/${index}${first?.instancePath ?? ""}`;
  throw new NotificationPayloadError(
    `notification ${where}: ${first?.message ?? "not a Graph notification"}`,
  );
}

/** What a notification says about an event of a mailbox; which profile sides that is, is the caller's business. */
export type MailboxChangeHint = Omit<ChangeHint, "side">;

export type LifecycleEvent = "reauthorizationRequired" | "subscriptionRemoved" | "missed";

/** The closed set of things a notification POST can ask the service to do. */
export type WebhookWork =
  /** Events of a mailbox changed: run its profiles' side (after echo suppression with sidesToRun). */
  | { kind: "changes"; connection: string; mailbox: string; hints: MailboxChangeHint[] }
  /** Graph paused the subscription until it is reauthorized (see `reauthorize`). */
  | { kind: "reauthorize"; subscription: StoredSubscription }
  /** Graph removed the subscription: make a new one (see `recreateSubscription`). */
  | { kind: "recreate"; subscription: StoredSubscription }
  /** Notifications may have been lost: run the mailbox's profiles; their delta cursors hold every change. */
  | {
      kind: "reconcile";
      connection: string;
      mailbox: string;
      reason: LifecycleEvent | "unknownLifecycleEvent";
    };

type ChangesWork = Extract<WebhookWork, { kind: "changes" }>;

export interface WebhookBatch {
  work: WebhookWork[];
  /** Notifications that proved their subscription's clientState. */
  accepted: number;
  /** Notifications naming a subscription crosscal does not hold, or with the wrong clientState: ignored. */
  forged: number;
}

/** A batch as the receiver sees it: also how many accepted notifications repeated one already taken. */
export interface CheckedBatch extends WebhookBatch {
  /** Accepted, but seen before (in the same POST or recently, see `DeliveryMemory`): no work. */
  duplicates: number;
}

/**
 * Remembers the notifications that became work, so that a repeat (Graph's redelivery, or a captured body
 * replayed) becomes none. `RecentNotifications` is the service's; without one, repeats are only coalesced
 * within one POST.
 */
export interface DeliveryMemory {
  /** Whether `notification` is new; it is remembered from now on either way. */
  isNew(notification: Notification): boolean;
}

/**
 * Turns checked notifications into work, dropping any whose subscription or clientState does not match.
 * The order keeps a forged POST cheap: notifications whose clientState could not be crosscal's are
 * dropped without a look-up, the rest cost one query together, and only a proven one reaches `memory`
 * (so forgeries can never make it forget, or pre-empt, a genuine notification).
 */
export async function notificationWork(
  db: Store,
  notifications: readonly Notification[],
  memory?: DeliveryMemory,
): Promise<CheckedBatch> {
  const plausible = notifications.filter(hasPlausibleClientState);
  const known = await subscriptionsNamed(db, plausible);
  const batch = new BatchBuilder();
  for (const notification of notifications) {
    const subscription = hasPlausibleClientState(notification)
      ? known.get(notification.subscriptionId)
      : undefined;
    if (!subscription || !provesClientState(notification, subscription)) {
      batch.forged++;
      continue;
    }
    batch.accepted++;
    if (memory && !memory.isNew(notification)) batch.duplicates++;
    else if ("lifecycleEvent" in notification) batch.lifecycle(subscription, notification.lifecycleEvent);
    else batch.change(subscription, notification);
  }
  return batch.result();
}

/** Parses a POST body and turns it into work: the whole of what the webhook route needs. */
export async function handleNotificationBody(
  db: Store,
  body: unknown,
  memory?: DeliveryMemory,
): Promise<CheckedBatch> {
  return notificationWork(db, parseNotifications(body), memory);
}

async function subscriptionsNamed(db: Store, notifications: readonly Notification[]) {
  const found = await findSubscriptionsByIds(
    db,
    notifications.map((n) => n.subscriptionId),
  );
  return new Map(found.map((subscription) => [subscription.subscriptionId, subscription]));
}

function hasPlausibleClientState(notification: Notification): boolean {
  const length = notification.clientState?.length ?? 0;
  return length >= CLIENT_STATE_LENGTH.min && length <= CLIENT_STATE_LENGTH.max;
}

/** Constant-time: compares hashes, so neither the stored secret nor timing tells how close a guess was. */
function provesClientState(notification: Notification, subscription: StoredSubscription): boolean {
  return safeEqual(hashClientState(notification.clientState ?? ""), subscription.clientStateHash);
}

const KNOWN_LIFECYCLE_EVENTS = new Set<string>(["reauthorizationRequired", "subscriptionRemoved", "missed"]);

/**
 * Collects work, one `changes` item and at most one of each other kind per mailbox, in arrival order. A
 * hint the POST already gave (same event, change type and version, or both without a version) is
 * counted as a duplicate instead: a run reads the event's current state, so the repeat adds nothing.
 */
class BatchBuilder {
  accepted = 0;
  forged = 0;
  duplicates = 0;
  private readonly work = new Map<string, WebhookWork>();
  private readonly hints = new Set<string>();

  change(subscription: StoredSubscription, notification: ChangeNotification): void {
    const { connection, mailbox } = subscription;
    const etag = notification.resourceData["@odata.etag"];
    const hint = [subscription.subscriptionId, notification.changeType, notification.resourceData.id, etag];
    const hintKey = JSON.stringify(hint);
    if (this.hints.has(hintKey)) {
      this.duplicates++;
      return;
    }
    this.hints.add(hintKey);
    const key = `changes\n${connection}\n${mailbox}`;
    const item = (this.work.get(key) as ChangesWork | undefined) ?? {
      kind: "changes",
      connection,
      mailbox,
      hints: [],
    };
    this.work.set(key, item);
    item.hints.push({
      eventId: notification.resourceData.id,
      changeType: notification.changeType,
      ...(etag ? { version: etag } : {}),
    });
  }

  /**
   * reauthorizationRequired: reauthorize, and reconcile since notifications paused (changes in the pause
   * are not re-sent). subscriptionRemoved: recreate, then reconcile. missed: reconcile. An event Graph
   * adds later: a reconcile is always safe.
   */
  lifecycle(subscription: StoredSubscription, event: string): void {
    const { connection, mailbox } = subscription;
    if (event === "reauthorizationRequired") this.add({ kind: "reauthorize", subscription });
    if (event === "subscriptionRemoved") this.add({ kind: "recreate", subscription });
    const reason = KNOWN_LIFECYCLE_EVENTS.has(event) ? (event as LifecycleEvent) : "unknownLifecycleEvent";
    this.add({ kind: "reconcile", connection, mailbox, reason });
  }

  result(): CheckedBatch {
    const { accepted, forged, duplicates } = this;
    return { work: [...this.work.values()], accepted, forged, duplicates };
  }

  private add(item: Exclude<WebhookWork, { kind: "changes" }>): void {
    const { connection, mailbox } = "subscription" in item ? item.subscription : item;
    const key = `${item.kind}\n${connection}\n${mailbox}`;
    if (!this.work.has(key)) this.work.set(key, item);
  }
}
