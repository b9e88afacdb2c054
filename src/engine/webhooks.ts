import { type Static, Type } from "typebox";
import { Value } from "typebox/value";
import { safeEqual } from "../secrets/compare.js";
import type { Store } from "../store/database.js";
import { findSubscriptionById, type StoredSubscription } from "../store/subscriptions.js";
import type { ChangeHint } from "./notifications.js";
import { hashClientState } from "./subscriptions.js";

/**
 * One notification POST from Graph, turned into work for the service: change hints per mailbox, and what
 * lifecycle events ask for. Nothing here calls Graph, so the route can answer at once (Graph counts an
 * answer after 2.9 s as slow and ends up dropping notifications) and act afterwards.
 */

/** A body that is not Graph's notification collection. The route answers 400 with this message. */
export class NotificationPayloadError extends Error {
  override readonly name = "NotificationPayloadError";
}

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

export type ChangeNotification = Static<typeof ChangeNotificationSchema>;
export type LifecycleNotification = Static<typeof LifecycleNotificationSchema>;
export type Notification = ChangeNotification | LifecycleNotification;

/** Parses and checks a POST body (text, bytes, or JSON already parsed by the HTTP layer). */
export function parseNotifications(body: unknown): Notification[] {
  const data = typeof body === "string" || Buffer.isBuffer(body) ? parseJson(body.toString()) : body;
  if (!Value.Check(NotificationCollectionSchema, data)) {
    throw new NotificationPayloadError(
      'a notification body is a JSON object with a "value" array of notifications',
    );
  }
  return data.value.map((item, index) => checkNotification(item, index));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NotificationPayloadError(`the notification body is not JSON: ${(error as Error).message}`);
  }
}

function checkNotification(item: object, index: number): Notification {
  const schema = "lifecycleEvent" in item ? LifecycleNotificationSchema : ChangeNotificationSchema;
  if (Value.Check(schema, item)) return item as Notification;
  const [first] = Value.Errors(schema, item);
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

/** Turns checked notifications into work, dropping any whose subscription or clientState does not match. */
export async function notificationWork(
  db: Store,
  notifications: readonly Notification[],
): Promise<WebhookBatch> {
  const batch = new BatchBuilder();
  const known = new Map<string, StoredSubscription | undefined>();
  for (const notification of notifications) {
    const id = notification.subscriptionId;
    if (!known.has(id)) known.set(id, await findSubscriptionById(db, id));
    const subscription = known.get(id);
    if (!subscription || !provesClientState(notification, subscription)) {
      batch.forged++;
      continue;
    }
    batch.accepted++;
    if ("lifecycleEvent" in notification) batch.lifecycle(subscription, notification.lifecycleEvent);
    else batch.change(subscription, notification);
  }
  return batch.result();
}

/** Parses a POST body and turns it into work: the whole of what the webhook route needs. */
export async function handleNotificationBody(db: Store, body: unknown): Promise<WebhookBatch> {
  return notificationWork(db, parseNotifications(body));
}

/** Constant-time: compares hashes, so neither the stored secret nor timing tells how close a guess was. */
function provesClientState(notification: Notification, subscription: StoredSubscription): boolean {
  return safeEqual(hashClientState(notification.clientState ?? ""), subscription.clientStateHash);
}

const KNOWN_LIFECYCLE_EVENTS = new Set<string>(["reauthorizationRequired", "subscriptionRemoved", "missed"]);

/** Collects work, one `changes` item and at most one of each other kind per mailbox, in arrival order. */
class BatchBuilder {
  accepted = 0;
  forged = 0;
  private readonly work = new Map<string, WebhookWork>();

  change(subscription: StoredSubscription, notification: ChangeNotification): void {
    const { connection, mailbox } = subscription;
    const key = `changes\n${connection}\n${mailbox}`;
    const item = (this.work.get(key) as ChangesWork | undefined) ?? {
      kind: "changes",
      connection,
      mailbox,
      hints: [],
    };
    this.work.set(key, item);
    const etag = notification.resourceData["@odata.etag"];
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

  result(): WebhookBatch {
    return { work: [...this.work.values()], accepted: this.accepted, forged: this.forged };
  }

  private add(item: Exclude<WebhookWork, { kind: "changes" }>): void {
    const { connection, mailbox } = "subscription" in item ? item.subscription : item;
    const key = `${item.kind}\n${connection}\n${mailbox}`;
    if (!this.work.has(key)) this.work.set(key, item);
  }
}
