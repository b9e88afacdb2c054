import { badRequest } from "../graph/errors.js";

/** Limits and timings of subscriptions and notification delivery; tests and benchmarks change them. */
export interface SubscriptionSettings {
  /** Longest allowed lifetime of an Outlook event subscription (current docs: 10,080; older: 4,230). */
  maxExpirationMinutes: number;
  /** Active subscriptions per mailbox, across all apps (Outlook: 1,000). */
  maxSubscriptionsPerMailbox: number;
  /** How long the validation handshake may take (Graph: 10 s). */
  handshakeTimeoutMs: number;
  /** How long a notification POST may take before it counts as failed (Graph: 3 s). */
  deliveryTimeoutMs: number;
  /** Wait between a change and its POST; notifications pending for one URL in this time share a POST. */
  deliveryDelayMs: number;
  /** Exchange follows a `created` with an `updated` for the same item; turn off for one per change. */
  extraUpdateOnCreate: boolean;
  /** First wait before retrying a failed POST; it doubles on each failure up to `retryMaxIntervalMs`. */
  retryInitialMs: number;
  retryMaxIntervalMs: number;
  /** How long (by ctx.clock) Graph keeps retrying before it drops a notification (4 hours). */
  retryWindowMs: number;
}

export const GRAPH_SUBSCRIPTION_SETTINGS: Readonly<SubscriptionSettings> = Object.freeze({
  maxExpirationMinutes: 10_080,
  maxSubscriptionsPerMailbox: 1_000,
  handshakeTimeoutMs: 10_000,
  deliveryTimeoutMs: 3_000,
  deliveryDelayMs: 50,
  extraUpdateOnCreate: true,
  retryInitialMs: 5_000,
  retryMaxIntervalMs: 600_000,
  retryWindowMs: 4 * 3600_000,
});

/** Fault injection on change and lifecycle notifications. */
export interface NotificationFaults {
  /** Drop this many of the next notifications (each counts as "dropped"). */
  dropNext: number;
  /** Drop each notification with this probability (0–1). */
  dropProbability: number;
  /** Deliver this many of the next notifications twice, in separate POSTs (counted as "duplicated"). */
  duplicateNext: number;
  duplicateProbability: number;
  /** Added to the delivery delay of every notification. */
  extraDelayMs: number;
}

export const NO_FAULTS: Readonly<NotificationFaults> = Object.freeze({
  dropNext: 0,
  dropProbability: 0,
  duplicateNext: 0,
  duplicateProbability: 0,
  extraDelayMs: 0,
});

function checkNumber(value: unknown, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > max) {
    throw badRequest(`${name} must be a number between 0 and ${max}`);
  }
  return value;
}

/** `current` with the known keys of `input` applied, each checked; unknown keys are rejected. */
function merge<T extends object>(current: T, input: unknown, limits: Partial<Record<keyof T, number>>): T {
  if (typeof input !== "object" || input === null) throw badRequest("expected a JSON object");
  const next = { ...current };
  for (const [key, value] of Object.entries(input)) {
    if (!(key in current)) throw badRequest(`unknown setting ${key}`);
    const field = key as keyof T;
    if (typeof current[field] === "boolean") {
      if (typeof value !== "boolean") throw badRequest(`${key} must be true or false`);
      next[field] = value as T[keyof T];
    } else {
      next[field] = checkNumber(value, key, limits[field]) as T[keyof T];
    }
  }
  return next;
}

export function mergeSettings(current: SubscriptionSettings, input: unknown): SubscriptionSettings {
  return merge(current, input, {});
}

export function mergeFaults(current: NotificationFaults, input: unknown): NotificationFaults {
  return merge(current, input, { dropProbability: 1, duplicateProbability: 1 });
}
