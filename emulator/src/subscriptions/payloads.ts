import type { MailboxChange } from "../bus.js";
import type { Notification } from "./delivery.js";
import { type ChangeType, graphDateTime, type LifecycleEvent, type Subscription } from "./model.js";

/** A basic change notification (no resource data) for an Outlook event, as Graph shapes it. */
export function changeNotification(
  sub: Subscription,
  change: MailboxChange,
  changeType: ChangeType,
): Notification {
  const path = `Users/${change.userId}/Events/${change.eventId}`;
  return {
    subscriptionId: sub.id,
    subscriptionExpirationDateTime: graphDateTime(sub.expiresAt),
    changeType,
    ...(sub.clientState !== undefined && { clientState: sub.clientState }),
    tenantId: sub.tenantId,
    resource: path,
    resourceData: {
      "@odata.type": "#Microsoft.Graph.Event",
      "@odata.id": path,
      ...(change.etag !== undefined && { "@odata.etag": change.etag }),
      id: change.eventId,
    },
  };
}

export function lifecycleNotification(sub: Subscription, lifecycleEvent: LifecycleEvent): Notification {
  return {
    subscriptionId: sub.id,
    subscriptionExpirationDateTime: graphDateTime(sub.expiresAt),
    tenantId: sub.tenantId,
    ...(sub.clientState !== undefined && { clientState: sub.clientState }),
    lifecycleEvent,
  };
}
