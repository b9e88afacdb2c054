import type { Subscription } from "@microsoft/microsoft-graph-types";
import { GraphRequestError } from "./errors.js";
import type { GraphRequester } from "./requester.js";

/**
 * Graph change-notification subscriptions on one mailbox's events (GRAPH-NOTES 4.1, 4.5). Only what
 * crosscal needs leaves this file: the subscription's id and expiry, nothing Graph-shaped.
 */

/** Graph's longest lifetime of a basic Outlook event subscription (current docs: 10,080 minutes). */
export const EVENT_SUBSCRIPTION_MAX_MINUTES = 10_080;
/**
 * Asked for less than the maximum: Graph refuses an expiry beyond it as measured by its own clock, and
 * ours may run ahead of it.
 */
export const EXPIRY_MARGIN_MINUTES = 60;

export interface SubscriptionInfo {
  id: string;
  expiresAt: Date;
}

export interface NewSubscription {
  mailbox: string;
  notificationUrl: string;
  /** Can only be set at creation (Graph refuses it in a PATCH). */
  lifecycleNotificationUrl: string;
  /** The secret Graph echoes in every notification (at most 128 characters). */
  clientState: string;
  expiresAt: Date;
}

/** The expiry to ask for at `now`: Graph's maximum for events (or a smaller one it announced) minus a margin. */
export function subscriptionExpiry(now: Date, maxMinutes = EVENT_SUBSCRIPTION_MAX_MINUTES): Date {
  return new Date(now.getTime() + (maxMinutes - EXPIRY_MARGIN_MINUTES) * 60_000);
}

const eventsOf = (mailbox: string) => `users/${mailbox}/events`;
const path = (id: string) => `/subscriptions/${encodeURIComponent(id)}`;
// Notifications then carry the ids GraphCalendar reads (immutable ones), so links match them (Gotcha 10).
const IMMUTABLE_IDS = { Prefer: 'IdType="ImmutableId"' };

/**
 * Subscribes to created, updated and deleted events of `mailbox`. Graph first validates both URLs (the
 * handshake), so this takes as long as the receiver needs to answer. Older Graph deployments allow a
 * shorter lifetime and say so in the error: then the request is made once more within that limit.
 */
export async function createSubscription(
  requester: GraphRequester,
  request: NewSubscription,
  now: Date = new Date(),
): Promise<SubscriptionInfo> {
  try {
    return await postSubscription(requester, request);
  } catch (error) {
    const announced = announcedMaximum(error);
    if (announced === undefined || announced >= EVENT_SUBSCRIPTION_MAX_MINUTES) throw error;
    return postSubscription(requester, { ...request, expiresAt: subscriptionExpiry(now, announced) });
  }
}

async function postSubscription(
  requester: GraphRequester,
  request: NewSubscription,
): Promise<SubscriptionInfo> {
  const context = `subscribe to events of ${request.mailbox}`;
  const response = await requester.request<Subscription>("POST", "/subscriptions", {
    mailbox: request.mailbox,
    context,
    headers: IMMUTABLE_IDS,
    body: {
      changeType: "created,updated,deleted",
      notificationUrl: request.notificationUrl,
      lifecycleNotificationUrl: request.lifecycleNotificationUrl,
      resource: eventsOf(request.mailbox),
      expirationDateTime: request.expiresAt.toISOString(),
      clientState: request.clientState,
      latestSupportedTlsVersion: "v1_2",
    } satisfies Subscription,
  });
  return infoOf(response.body, context);
}

/** "Subscription expiration can only be 4230 minutes in the future." (Graph's answer to a too-long expiry). */
function announcedMaximum(error: unknown): number | undefined {
  if (!(error instanceof GraphRequestError) || error.kind !== "invalid") return undefined;
  const match = /can only be (\d+) minutes in the future/i.exec(error.graphMessage ?? "");
  const minutes = match ? Number(match[1]) : Number.NaN;
  return minutes > EXPIRY_MARGIN_MINUTES ? minutes : undefined;
}

/** Extends a subscription (which also reauthorizes it). A subscription Graph dropped fails `not-found`. */
export async function renewSubscription(
  requester: GraphRequester,
  subscription: { id: string; mailbox: string },
  expiresAt: Date,
): Promise<SubscriptionInfo> {
  const context = `renew the subscription to events of ${subscription.mailbox}`;
  const response = await requester.request<Subscription>("PATCH", path(subscription.id), {
    mailbox: subscription.mailbox,
    context,
    body: { expirationDateTime: expiresAt.toISOString() } satisfies Subscription,
  });
  return infoOf(response.body, context);
}

/** Answers a `reauthorizationRequired` lifecycle notification without changing the expiry. */
export async function reauthorizeSubscription(
  requester: GraphRequester,
  subscription: { id: string; mailbox: string },
): Promise<void> {
  await requester.request("POST", `${path(subscription.id)}/reauthorize`, {
    mailbox: subscription.mailbox,
    context: `reauthorize the subscription to events of ${subscription.mailbox}`,
  });
}

/** Deletes a subscription. Returns false when Graph no longer had it (expired or removed): the goal is met. */
export async function deleteSubscription(
  requester: GraphRequester,
  subscription: { id: string; mailbox: string },
): Promise<boolean> {
  try {
    await requester.request("DELETE", path(subscription.id), {
      mailbox: subscription.mailbox,
      context: `delete the subscription to events of ${subscription.mailbox}`,
    });
    return true;
  } catch (error) {
    if (error instanceof GraphRequestError && error.kind === "not-found") return false;
    throw error;
  }
}

function infoOf(body: Subscription, context: string): SubscriptionInfo {
  const expiresAt = new Date(body?.expirationDateTime ?? Number.NaN);
  if (typeof body?.id !== "string" || body.id === "" || Number.isNaN(expiresAt.getTime())) {
    throw new Error(`${context}: Graph answered without a subscription id and expiry`);
  }
  return { id: body.id, expiresAt };
}
