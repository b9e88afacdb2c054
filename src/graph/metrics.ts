import type { GraphErrorKind } from "./errors.js";

/**
 * What the Graph client reports as it works, for the engine's metrics and logs. Paths are `safePath`s
 * (no host, no delta tokens) and nothing carries a token or secret.
 */
export type GraphEvent =
  /** One HTTP exchange finished (any status) or failed without an answer (no status). */
  | {
      type: "request";
      method: string;
      path: string;
      mailbox?: string;
      status?: number;
      attempt: number;
      durationMs: number;
    }
  /** Graph answered 429 (to a request, or to an inner request of a batch). */
  | { type: "throttled"; method: string; path: string; mailbox?: string; retryAfterMs?: number }
  /** A failed attempt will be repeated after `delayMs`. */
  | {
      type: "retry";
      method: string;
      path: string;
      mailbox?: string;
      attempt: number;
      delayMs: number;
      kind: GraphErrorKind;
      status?: number;
    }
  /** Graph rejected the token (401) and a fresh one is being fetched. */
  | { type: "token-refresh"; method: string; path: string };

/** Receives events synchronously; it must not throw (it runs inside the request path). */
export type GraphEventListener = (event: GraphEvent) => void;

export interface GraphCounterSnapshot {
  requests: number;
  throttled: number;
  retries: number;
  tokenRefreshes: number;
}

/** Plain counters over the events, for tests, benchmarks and a status line. */
export function createGraphCounters(): { listener: GraphEventListener; snapshot(): GraphCounterSnapshot } {
  const counts: GraphCounterSnapshot = { requests: 0, throttled: 0, retries: 0, tokenRefreshes: 0 };
  const field = {
    request: "requests",
    throttled: "throttled",
    retry: "retries",
    "token-refresh": "tokenRefreshes",
  } as const;
  return {
    listener: (event) => {
      counts[field[event.type]]++;
    },
    snapshot: () => ({ ...counts }),
  };
}

/** Several listeners as one. */
export function fanOut(...listeners: (GraphEventListener | undefined)[]): GraphEventListener {
  const present = listeners.filter((listener): listener is GraphEventListener => listener !== undefined);
  return (event) => {
    for (const listener of present) listener(event);
  };
}
