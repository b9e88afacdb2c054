import { type Dispatcher, request } from "undici";
import type { StatsSnapshot } from "../stats.js";
import { mergeFaults, NO_FAULTS, type NotificationFaults, type SubscriptionSettings } from "./settings.js";

export type NotificationKind = "change" | "lifecycle";
export type Notification = Record<string, unknown>;
type Outcome = keyof StatsSnapshot["notifications"];

/** What the queue needs from the emulator; a seam so it holds no reference to the whole context. */
export interface DeliveryEnv {
  dispatcher(): Dispatcher;
  settings(): SubscriptionSettings;
  /** ctx.clock, for the retry window. */
  now(): number;
  count(outcome: Outcome, by: number): void;
}

/** Notifications that travel together in one POST `{"value":[...]}`, and their retry state. */
interface Batch {
  key: string;
  url: string;
  kind: NotificationKind;
  items: Notification[];
  timer?: NodeJS.Timeout;
  firstAttemptAt?: number;
  attempts: number;
}

/**
 * Graph's webhook delivery: batching per URL after a delay, a 2xx within the timeout or a retry with
 * backoff until the retry window (by ctx.clock) closes, then the batch is dropped. Fault injection drops
 * or duplicates single notifications before they are queued.
 */
export class DeliveryQueue {
  private pending = new Map<string, Batch>();
  private retrying = new Set<Batch>();
  private readonly inFlight = new Set<Promise<void>>();
  private faultsValue: NotificationFaults = { ...NO_FAULTS };
  private closed = false;

  constructor(private readonly env: DeliveryEnv) {}

  get faults(): NotificationFaults {
    return { ...this.faultsValue };
  }

  setFaults(input: unknown): NotificationFaults {
    this.faultsValue = mergeFaults(this.faultsValue, input);
    return this.faults;
  }

  clearFaults(): void {
    this.faultsValue = { ...NO_FAULTS };
  }

  enqueue(url: string, kind: NotificationKind, item: Notification): void {
    if (this.closed) return;
    const faults = this.faultsValue;
    if (faults.dropNext > 0 || (faults.dropProbability > 0 && Math.random() < faults.dropProbability)) {
      if (faults.dropNext > 0) faults.dropNext--;
      this.env.count("dropped", 1);
      return;
    }
    this.add(url, kind, item, "");
    if (
      faults.duplicateNext > 0 ||
      (faults.duplicateProbability > 0 && Math.random() < faults.duplicateProbability)
    ) {
      if (faults.duplicateNext > 0) faults.duplicateNext--;
      this.env.count("duplicated", 1);
      // A separate batch, so the copy arrives in a POST of its own, as a redelivery would.
      this.add(url, kind, item, "duplicate|");
    }
  }

  /** Sends everything waiting (batches and scheduled retries) now and waits for every POST in flight. */
  async flush(): Promise<void> {
    for (const batch of [...this.pending.values(), ...this.retrying]) this.start(batch);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Forgets what waits (in-flight POSTs finish) and clears the faults. */
  reset(): void {
    for (const batch of [...this.pending.values(), ...this.retrying]) clearTimeout(batch.timer);
    this.pending = new Map();
    this.retrying = new Set();
    this.faultsValue = { ...NO_FAULTS };
  }

  /** Stops every timer; POSTs in flight end when the caller closes the dispatcher. */
  async close(): Promise<void> {
    this.closed = true;
    this.reset();
    await Promise.allSettled([...this.inFlight]);
  }

  private add(url: string, kind: NotificationKind, item: Notification, prefix: string): void {
    const key = `${prefix}${kind}|${url}`;
    const existing = this.pending.get(key);
    if (existing) {
      existing.items.push(item);
      return;
    }
    const batch: Batch = { key, url, kind, items: [item], attempts: 0 };
    this.pending.set(key, batch);
    const delay = this.env.settings().deliveryDelayMs + this.faultsValue.extraDelayMs;
    batch.timer = setTimeout(() => this.start(batch), delay);
    batch.timer.unref();
  }

  private start(batch: Batch): void {
    clearTimeout(batch.timer);
    if (this.pending.get(batch.key) === batch) this.pending.delete(batch.key);
    this.retrying.delete(batch);
    const attempt = this.attempt(batch).finally(() => this.inFlight.delete(attempt));
    this.inFlight.add(attempt);
  }

  private async attempt(batch: Batch): Promise<void> {
    batch.firstAttemptAt ??= this.env.now();
    batch.attempts++;
    const delivered = await this.post(batch);
    if (this.closed) return;
    const size = batch.items.length;
    if (delivered) {
      this.env.count(batch.kind === "lifecycle" ? "lifecycle" : "delivered", size);
      return;
    }
    this.env.count("failed", size);
    const settings = this.env.settings();
    if (this.env.now() - batch.firstAttemptAt >= settings.retryWindowMs) {
      this.env.count("dropped", size);
      return;
    }
    const wait = Math.min(settings.retryInitialMs * 2 ** (batch.attempts - 1), settings.retryMaxIntervalMs);
    batch.timer = setTimeout(() => this.start(batch), wait);
    batch.timer.unref();
    this.retrying.add(batch);
  }

  /** One POST; true on a 2xx within the delivery timeout. */
  private async post(batch: Batch): Promise<boolean> {
    try {
      const response = await request(batch.url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify({ value: batch.items }),
        dispatcher: this.env.dispatcher(),
        signal: AbortSignal.timeout(this.env.settings().deliveryTimeoutMs),
      });
      await response.body.dump();
      return response.statusCode >= 200 && response.statusCode < 300;
    } catch {
      // Refused, reset or timed out: Graph treats every such failure alike, as "not delivered, retry".
      return false;
    }
  }
}
