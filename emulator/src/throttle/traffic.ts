import type { EmulatorContext } from "../context.js";
import { badRequest } from "../graph/errors.js";
import {
  createFaultRule,
  type FaultInput,
  type FaultRule,
  type FaultStatus,
  type FaultTarget,
  faultMatches,
} from "./faults.js";
import { safeDecode } from "./mailbox-path.js";
import { SlidingWindow } from "./window.js";

/** Exchange Online's limits per (app, mailbox); tests scale them down. */
export interface TrafficLimits {
  requestsPerWindow: number;
  windowSeconds: number;
  concurrentPerMailbox: number;
  /** Retry-After sent with a MailboxConcurrency 429. */
  concurrencyRetryAfterSeconds: number;
}

export const OUTLOOK_LIMITS: Readonly<TrafficLimits> = Object.freeze({
  requestsPerWindow: 10_000,
  windowSeconds: 600,
  concurrentPerMailbox: 4,
  concurrencyRetryAfterSeconds: 1,
});

export type Admission =
  | { ok: true; release: () => void }
  | { ok: false; reason: "rate" | "concurrency"; retryAfterSeconds: number };

/** The faults picked for one request: added latency, then possibly an error. */
export interface FaultPick {
  latencyMs: number;
  error?: FaultRule & { status: FaultStatus };
}

function positiveInteger(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw badRequest(`${name} must be a positive integer`);
  }
  return value;
}

/** Per (app, mailbox) throttling and fault injection, on `ctx.traffic`. */
export class TrafficControl {
  private current: TrafficLimits = { ...OUTLOOK_LIMITS };
  private windows = new Map<string, SlidingWindow>();
  private inFlight = new Map<string, number>();
  private rules: FaultRule[] = [];
  private globalLatencyMs = 0;

  constructor(readonly ctx: EmulatorContext) {}

  get limits(): TrafficLimits {
    return { ...this.current };
  }

  /** Changes some limits. A new window length starts every window afresh. */
  setLimits(input: Partial<TrafficLimits>): TrafficLimits {
    const next = { ...this.current };
    for (const key of Object.keys(OUTLOOK_LIMITS) as (keyof TrafficLimits)[]) {
      if (input?.[key] !== undefined) next[key] = positiveInteger(input[key], key);
    }
    if (next.windowSeconds !== this.current.windowSeconds) this.windows = new Map();
    this.current = next;
    return this.limits;
  }

  get latencyMs(): number {
    return this.globalLatencyMs;
  }

  /** Latency added to every Graph request (benchmarks); 0 turns it off. */
  setLatency(ms: number): void {
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > 600_000) {
      throw badRequest("ms must be a number between 0 and 600000");
    }
    this.globalLatencyMs = ms;
  }

  /**
   * Counts one request of `clientId` to a mailbox and, unless a limit is exceeded, takes one of the
   * mailbox's concurrency slots; `release` (idempotent) gives it back. Throttled requests still count.
   */
  admit(clientId: string, mailboxId: string): Admission {
    const key = `${clientId}|${mailboxId}`;
    const now = this.ctx.clock.now();
    const limits = this.current;
    let window = this.windows.get(key);
    if (!window) {
      window = new SlidingWindow(limits.windowSeconds * 1000);
      this.windows.set(key, window);
    }
    if (window.hit(now) > limits.requestsPerWindow) {
      const waitMs = window.msUntilBelow(limits.requestsPerWindow, now);
      return { ok: false, reason: "rate", retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    const inFlight = this.inFlight;
    const busy = inFlight.get(key) ?? 0;
    if (busy >= limits.concurrentPerMailbox) {
      return { ok: false, reason: "concurrency", retryAfterSeconds: limits.concurrencyRetryAfterSeconds };
    }
    inFlight.set(key, busy + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (inFlight.get(key) ?? 1) - 1;
      if (left > 0) inFlight.set(key, left);
      else inFlight.delete(key);
    };
    return { ok: true, release };
  }

  /** Requests of `clientId` to a mailbox now being processed. */
  inFlightCount(clientId: string, mailboxId: string): number {
    return this.inFlight.get(`${clientId}|${mailboxId}`) ?? 0;
  }

  /** Requests of `clientId` to a mailbox counted in the current window. */
  windowCount(clientId: string, mailboxId: string): number {
    return this.windows.get(`${clientId}|${mailboxId}`)?.count(this.ctx.clock.now()) ?? 0;
  }

  addFault(input: FaultInput): FaultRule {
    const rule = createFaultRule(input);
    this.rules.push(rule);
    return { ...rule };
  }

  get faults(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  removeFault(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  clearFaults(): void {
    this.rules = [];
  }

  /**
   * The faults one request gets: every matching latency adds up; the first matching error wins and later
   * error rules are left for other requests. Each applied rule is counted as a fault.
   */
  pickFaults(target: FaultTarget): FaultPick {
    const pick: FaultPick = { latencyMs: 0 };
    if (this.rules.length === 0) return pick;
    // Rules name paths as people write them (`adele@contoso.test`), whatever a client percent-encoded.
    target = { ...target, path: safeDecode(target.path) };
    for (const rule of this.rules) {
      if (pick.error && rule.status !== undefined && rule.latencyMs === undefined) continue;
      if (!faultMatches(rule, target)) continue;
      if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
      if (rule.remaining !== undefined) rule.remaining--;
      rule.applied++;
      this.ctx.stats.countFault();
      pick.latencyMs += rule.latencyMs ?? 0;
      if (rule.status !== undefined && !pick.error) pick.error = rule as FaultRule & { status: FaultStatus };
    }
    this.rules = this.rules.filter((rule) => rule.remaining === undefined || rule.remaining > 0);
    return pick;
  }

  /** Back to Outlook's limits, no faults, no latency, empty windows and no slots taken. */
  reset(): void {
    this.current = { ...OUTLOOK_LIMITS };
    this.windows = new Map();
    this.inFlight = new Map();
    this.rules = [];
    this.globalLatencyMs = 0;
  }
}
