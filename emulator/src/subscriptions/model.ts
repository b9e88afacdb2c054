export type ChangeType = "created" | "updated" | "deleted";
export type LifecycleEvent = "reauthorizationRequired" | "subscriptionRemoved" | "missed";

export const LIFECYCLE_EVENTS: readonly LifecycleEvent[] = [
  "reauthorizationRequired",
  "subscriptionRemoved",
  "missed",
];

/** One Graph subscription on a mailbox's events, as the emulator keeps it. */
export interface Subscription {
  id: string;
  tenantId: string;
  /** The app's client id (`applicationId`). */
  clientId: string;
  /** The app's service principal in the tenant (`creatorId` for app-only subscriptions). */
  creatorId: string;
  /** The user whose mailbox the resource addresses. */
  mailboxUserId: string;
  /** The resource exactly as the client sent it. */
  resource: string;
  /** The changeType exactly as the client sent it, and parsed. */
  changeType: string;
  changeTypes: Set<ChangeType>;
  clientState?: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  latestSupportedTlsVersion: string;
  /** Expiry in ms since the epoch, compared with ctx.clock. */
  expiresAt: number;
  /** Set when the app lost access; notifications pause until it reauthorizes or renews. */
  reauthorizationPending: boolean;
}

/** Graph writes DateTimeOffset values with seven fractional digits. */
export function graphDateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}

/** The `subscription` resource as Graph returns it. */
export function renderSubscription(sub: Subscription): Record<string, unknown> {
  return {
    id: sub.id,
    resource: sub.resource,
    applicationId: sub.clientId,
    changeType: sub.changeType,
    clientState: sub.clientState ?? null,
    notificationUrl: sub.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: sub.lifecycleNotificationUrl ?? null,
    expirationDateTime: graphDateTime(sub.expiresAt),
    creatorId: sub.creatorId,
    includeResourceData: false,
    latestSupportedTlsVersion: sub.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}
