import tls from "node:tls";
import { Agent, type Dispatcher } from "undici";
import type { MailboxChange } from "../bus.js";
import type { EmulatorContext } from "../context.js";
import { GraphError } from "../graph/errors.js";
import type { GraphPrincipal } from "../graph/principal.js";
import { newGuid } from "../ids.js";
import type { User } from "../world/types.js";
import { appStillAuthorized, authorizeMailbox, quotaExceeded } from "./access.js";
import { DeliveryQueue, type Notification } from "./delivery.js";
import { validateEndpoint } from "./handshake.js";
import type { ChangeType, LifecycleEvent, Subscription } from "./model.js";
import { changeNotification, lifecycleNotification } from "./payloads.js";
import { SubscriptionRegistry } from "./registry.js";
import {
  GRAPH_SUBSCRIPTION_SETTINGS,
  mergeSettings,
  type NotificationFaults,
  type SubscriptionSettings,
} from "./settings.js";
import { checkExpiration, checkUrl, parseCreate, requireObject } from "./validate.js";

/** Live subscriptions (their change types as a list) and the settings, as saved between runs. */
export interface SubscriptionsSnapshot {
  settings: SubscriptionSettings;
  subscriptions: Array<Omit<Subscription, "changeTypes"> & { changeTypes: ChangeType[] }>;
}

/** Graph's answer for an unknown, foreign or expired subscription id. */
const subscriptionNotFound = () => new GraphError(404, "ResourceNotFound", "The object was not found.");

/** Graph subscriptions on `users/{id}/events` and change-notification delivery, on `ctx.subscriptions`. */
export class SubscriptionService {
  private settingsValue: SubscriptionSettings = { ...GRAPH_SUBSCRIPTION_SETTINGS };
  private readonly registry: SubscriptionRegistry;
  private readonly queue: DeliveryQueue;
  private agent?: Agent;
  private readonly stopListening: () => void;

  constructor(readonly ctx: EmulatorContext) {
    this.registry = new SubscriptionRegistry(() => ctx.clock.now());
    this.queue = new DeliveryQueue({
      dispatcher: () => this.dispatcher(),
      settings: () => this.settingsValue,
      now: () => ctx.clock.now(),
      count: (outcome, by) => ctx.stats.countNotification(outcome, by),
    });
    this.stopListening = ctx.bus.on((change) => this.onChange(change));
  }

  get settings(): SubscriptionSettings {
    return { ...this.settingsValue };
  }

  configure(input: Partial<SubscriptionSettings>): SubscriptionSettings {
    this.settingsValue = mergeSettings(this.settingsValue, input);
    return this.settings;
  }

  get faults(): NotificationFaults {
    return this.queue.faults;
  }

  setFaults(input: Partial<NotificationFaults>): NotificationFaults {
    return this.queue.setFaults(input);
  }

  clearFaults(): void {
    this.queue.clearFaults();
  }

  /** Every live subscription of every tenant (control API and tests). */
  list(): Subscription[] {
    return this.registry.all();
  }

  /** Sends every pending notification (and due retries) now and waits for the POSTs to finish. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  /** No subscriptions, nothing pending, no faults, Graph's settings. */
  reset(): void {
    this.registry.clear();
    this.queue.reset();
    this.settingsValue = { ...GRAPH_SUBSCRIPTION_SETTINGS };
  }

  /** Notifications still waiting for delivery are not part of it: a restart loses them, as it would a crash. */
  snapshot(): SubscriptionsSnapshot {
    return {
      settings: this.settings,
      subscriptions: this.registry.all().map((sub) => ({ ...sub, changeTypes: [...sub.changeTypes] })),
    };
  }

  restore(snapshot: SubscriptionsSnapshot): void {
    this.registry.clear();
    for (const sub of snapshot.subscriptions)
      this.registry.add({ ...sub, changeTypes: new Set(sub.changeTypes) });
    this.settingsValue = mergeSettings(GRAPH_SUBSCRIPTION_SETTINGS, snapshot.settings);
  }

  /** Stops delivery timers and closes outbound connections so the process can exit. */
  async close(): Promise<void> {
    this.stopListening();
    const agent = this.agent;
    this.agent = undefined;
    const closing = this.queue.close();
    await agent?.destroy();
    await closing;
  }

  async create(principal: GraphPrincipal, body: unknown): Promise<Subscription> {
    const settings = this.settingsValue;
    const input = parseCreate(body, this.ctx.clock.now(), settings.maxExpirationMinutes, this.urlPolicy());
    const owner = authorizeMailbox(this.ctx, principal, input.mailbox, "Create");
    this.checkQuota(owner);
    await this.validate(input.notificationUrl);
    if (input.lifecycleNotificationUrl) await this.validate(input.lifecycleNotificationUrl);
    // Again: other creates on the same mailbox may have finished during the handshake.
    this.checkQuota(owner);
    const { mailbox: _mailbox, expiresAt, ...fields } = input;
    const sub: Subscription = {
      ...fields,
      id: newGuid(),
      tenantId: principal.tenantId,
      clientId: principal.clientId,
      creatorId: principal.servicePrincipalId,
      mailboxUserId: owner.id,
      expiresAt,
      reauthorizationPending: false,
    };
    this.registry.add(sub);
    return sub;
  }

  private checkQuota(owner: User): void {
    const limit = this.settingsValue.maxSubscriptionsPerMailbox;
    if (this.registry.onMailbox(owner.tenantId, owner.id).length >= limit) throw quotaExceeded(limit);
  }

  /** The calling app's live subscriptions in its tenant. */
  listFor(principal: GraphPrincipal): Subscription[] {
    return this.registry
      .all()
      .filter((sub) => sub.tenantId === principal.tenantId && sub.clientId === principal.clientId);
  }

  get(principal: GraphPrincipal, id: string): Subscription {
    const sub = this.registry.get(id);
    if (!sub || sub.tenantId !== principal.tenantId || sub.clientId !== principal.clientId) {
      throw subscriptionNotFound();
    }
    return sub;
  }

  /** PATCH: renews (and reauthorizes); the notificationUrl may change (validated again), the lifecycle URL not. */
  async update(principal: GraphPrincipal, id: string, body: unknown): Promise<Subscription> {
    const sub = this.get(principal, id);
    const input = requireObject(body);
    const lifecycle = input.lifecycleNotificationUrl;
    if (lifecycle !== undefined && lifecycle !== (sub.lifecycleNotificationUrl ?? null)) {
      throw new GraphError(
        400,
        "InvalidRequest",
        "lifecycleNotificationUrl can only be set when a subscription is created; delete the subscription and create it again.",
      );
    }
    const now = this.ctx.clock.now();
    const expiresAt =
      input.expirationDateTime === undefined
        ? undefined
        : checkExpiration(input.expirationDateTime, now, this.settingsValue.maxExpirationMinutes);
    const url =
      input.notificationUrl === undefined || input.notificationUrl === sub.notificationUrl
        ? undefined
        : checkUrl(input.notificationUrl, "notificationUrl", this.urlPolicy());
    authorizeMailbox(this.ctx, principal, sub.mailboxUserId, "Update");
    if (url) await this.validate(url);
    if (url) sub.notificationUrl = url;
    if (expiresAt !== undefined) sub.expiresAt = expiresAt;
    sub.reauthorizationPending = false;
    return sub;
  }

  remove(principal: GraphPrincipal, id: string): void {
    this.registry.remove(this.get(principal, id));
  }

  reauthorize(principal: GraphPrincipal, id: string): void {
    const sub = this.get(principal, id);
    authorizeMailbox(this.ctx, principal, sub.mailboxUserId, "Reauthorize");
    sub.reauthorizationPending = false;
  }

  /** Sends a lifecycle notification now (well, after the delivery delay); subscriptionRemoved also deletes. */
  triggerLifecycle(id: string, event: LifecycleEvent): { subscription: Subscription; queued: boolean } {
    const sub = this.registry.get(id);
    if (!sub) throw subscriptionNotFound();
    if (event === "subscriptionRemoved") this.registry.remove(sub);
    if (!sub.lifecycleNotificationUrl) return { subscription: sub, queued: false };
    this.queue.enqueue(sub.lifecycleNotificationUrl, "lifecycle", lifecycleNotification(sub, event));
    return { subscription: sub, queued: true };
  }

  /** Queues the notifications one committed mailbox change causes, for every matching subscription. */
  private onChange(change: MailboxChange): void {
    for (const sub of this.registry.onMailbox(change.tenantId, change.userId)) {
      if (!appStillAuthorized(this.ctx, sub)) {
        this.pauseForReauthorization(sub);
        continue;
      }
      if (sub.reauthorizationPending) continue;
      if (sub.changeTypes.has(change.changeType))
        this.send(sub, changeNotification(sub, change, change.changeType));
      const echoUpdate = change.changeType === "created" && this.settingsValue.extraUpdateOnCreate;
      if (echoUpdate && sub.changeTypes.has("updated"))
        this.send(sub, changeNotification(sub, change, "updated"));
    }
  }

  /**
   * Called when an app's grants or scope change: Graph sends `reauthorizationRequired` as soon as access is
   * revoked, not only when the next change happens in the mailbox.
   */
  reviewAccess(tenantId: string): void {
    for (const sub of this.registry.all()) {
      if (sub.tenantId === tenantId && !appStillAuthorized(this.ctx, sub)) this.pauseForReauthorization(sub);
    }
  }

  private send(sub: Subscription, notification: Notification): void {
    this.queue.enqueue(sub.notificationUrl, "change", notification);
  }

  /**
   * Revoked consent, a lost role or a mailbox taken out of the app's scope: Graph stops notifying and asks
   * the app (once) to reauthorize; changes until then are lost.
   */
  private pauseForReauthorization(sub: Subscription): void {
    if (sub.reauthorizationPending) return;
    sub.reauthorizationPending = true;
    if (sub.lifecycleNotificationUrl) {
      this.queue.enqueue(
        sub.lifecycleNotificationUrl,
        "lifecycle",
        lifecycleNotification(sub, "reauthorizationRequired"),
      );
    }
  }

  private validate(url: string): Promise<void> {
    return validateEndpoint(this.dispatcher(), url, this.settingsValue.handshakeTimeoutMs);
  }

  private urlPolicy() {
    return { allowHttp: this.ctx.settings.allowHttpNotificationUrls };
  }

  /** Outbound HTTPS trusting the public roots and the emulator's own CA (for local test receivers). */
  private dispatcher(): Dispatcher {
    this.agent ??= new Agent({ connect: { ca: [...tls.rootCertificates, this.ctx.tls.ca.certPem] } });
    return this.agent;
  }
}
