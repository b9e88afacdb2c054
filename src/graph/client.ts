import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { Dispatcher } from "undici";
import type { TokenSource } from "./auth.js";
import { batchEnvelope, batchSlots, checkBatch, innerResponses, sortRound } from "./batch.js";
import type { GraphEndpoints } from "./endpoints.js";
import {
  DEFAULT_RETRY_POLICY,
  decide,
  errorFromNetwork,
  errorFromResponse,
  GraphRequestError,
  type RetryPolicy,
  safePath,
} from "./errors.js";
import { exchange, type HttpResponse, sharedAgent } from "./http.js";
import { mailboxOfPath, normaliseMailbox } from "./mailbox-key.js";
import { MailboxLimiter, type Release } from "./mailbox-limiter.js";
import type { GraphEventListener } from "./metrics.js";
import { followPages } from "./paging.js";
import type {
  BatchItemResponse,
  BatchRequestItem,
  GraphMethod,
  GraphRequester,
  GraphResponse,
} from "./requester.js";
import { rolesOfToken } from "./token-roles.js";

export interface GraphClientOptions {
  endpoints: GraphEndpoints;
  tokens: TokenSource;
  /** Concurrent requests per mailbox (Exchange Online: 4). Ignored when `limiter` is given. */
  concurrencyPerMailbox?: number;
  /** Share one limiter between clients of the same app (the limit is per app and mailbox). */
  limiter?: MailboxLimiter;
  retry?: Partial<RetryPolicy>;
  /** Waits between attempts; tests pass one that does not really wait. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  dispatcher?: Dispatcher;
  /** Per request: time allowed for the answer's headers and, separately, between body chunks. */
  timeoutMs?: number;
  onEvent?: GraphEventListener;
}

/** One request as the retry loop sees it. */
interface Exchange {
  method: string;
  url: string;
  path: string;
  body?: string;
  headers: Record<string, string>;
  context?: string;
  /** Limiter slots to hold per mailbox while the request runs. */
  slots: Map<string, number>;
}

const is2xx = (status: number) => status >= 200 && status < 300;

/**
 * Microsoft Graph over undici: bearer tokens from a TokenSource (one forced refresh after a 401), at most
 * N requests per mailbox in flight, Retry-After and jittered backoff for transient failures, and every
 * other non-2xx thrown as a GraphRequestError.
 */
export class GraphClient implements GraphRequester {
  private readonly base: string;
  private readonly origin: string;
  private readonly limiter: MailboxLimiter;
  private readonly policy: Readonly<RetryPolicy>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;
  private readonly emit: GraphEventListener;
  /** Mailboxes Graph throttled, until when: new requests wait instead of collecting more 429s. */
  private readonly cooldowns = new Map<string, number>();

  constructor(private readonly options: GraphClientOptions) {
    this.base = options.endpoints.graphBaseUrl;
    this.origin = new URL(this.base).origin;
    this.limiter = options.limiter ?? new MailboxLimiter(options.concurrencyPerMailbox ?? 4);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.sleep = options.sleep ?? ((ms) => delay(ms));
    this.now = options.now ?? Date.now;
    this.dispatcher = options.dispatcher ?? sharedAgent();
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.emit = options.onEvent ?? (() => {});
  }

  async request<T>(
    method: GraphMethod,
    path: string,
    options: { mailbox?: string; body?: unknown; headers?: Record<string, string>; context?: string } = {},
  ): Promise<GraphResponse<T>> {
    const url = this.resolve(path, method, options.context);
    const mailbox = options.mailbox ? normaliseMailbox(options.mailbox) : mailboxOfPath(url);
    const response = await this.send({
      method,
      url,
      path: safePath(url, this.base),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      headers: options.headers ?? {},
      context: options.context,
      slots: new Map(mailbox ? [[mailbox, 1]] : []),
    });
    return response as GraphResponse<T>;
  }

  /** The `roles` of the current token (fetched if none is cached); undefined when it cannot be had. */
  async tokenRoles(): Promise<string[] | undefined> {
    try {
      return rolesOfToken(await this.options.tokens.token());
    } catch {
      return undefined;
    }
  }

  async *pages<T>(
    path: string,
    options: { mailbox?: string; headers?: Record<string, string>; context?: string } = {},
  ): AsyncGenerator<{ value: T[]; deltaLink?: string }> {
    // Prefer (odata.maxpagesize, outlook.timezone) is sent again with every page: Graph does not remember it.
    yield* followPages<T>(path, (url) => this.request("GET", url, options), {
      context: options.context,
      path: (url) => safePath(url, this.base),
    });
  }

  async batch(
    requests: BatchRequestItem[],
    options: { mailbox?: string; context?: string } = {},
  ): Promise<BatchItemResponse[]> {
    const { context } = options;
    checkBatch(requests, context);
    const settled = new Map<string, BatchItemResponse>();
    let pending = requests;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const outer = await this.send({
        method: "POST",
        url: `${this.base}/$batch`,
        path: "/$batch",
        body: JSON.stringify(batchEnvelope(pending)),
        headers: {},
        context,
        slots: batchSlots(pending, options.mailbox, this.limiter.limit),
      });
      const round = sortRound(
        pending,
        innerResponses(outer.body, context),
        attempt,
        this.policy,
        context,
        this.now(),
      );
      for (const [id, answer] of round.settled) settled.set(id, answer);
      for (const error of round.retried) this.reportRetry(error, attempt, round.delayMs, options.mailbox);
      if (round.retry.length > 0) await this.sleep(round.delayMs);
      pending = round.retry;
    }
    return requests.map((item) => settled.get(item.id)!);
  }

  isGraphUrl(url: string): boolean {
    return url.startsWith(`${this.origin}/`);
  }

  /** Graph-relative paths get the versioned root; absolute links must stay on the Graph host. */
  private resolve(path: string, method: string, context: string | undefined): string {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(path)) return `${this.base}${path.startsWith("/") ? "" : "/"}${path}`;
    if (this.isGraphUrl(path)) return path;
    // A bearer token for Graph must never be sent to another host, whatever a link says.
    throw new GraphRequestError({
      kind: "invalid",
      context,
      method,
      path: safePath(path),
      message: `${context ? `${context}: ` : ""}refusing to send a Graph token to ${safePath(path)}: not on ${this.origin} [invalid]`,
    });
  }

  /** The retry loop around one exchange. */
  private async send(request: Exchange): Promise<HttpResponse> {
    let refreshedAfter401 = false;
    let rejectedToken: string | undefined;
    for (let attempt = 1; ; attempt++) {
      const { response, error, token } = await this.attempt(request, attempt, rejectedToken);
      if (response && is2xx(response.status)) return response;
      const failure = error ?? errorFromResponse(response!, request, this.now());
      if (failure.status === 401 && !refreshedAfter401) {
        // The token expired (or consent changed) while MSAL still trusted it: one fresh token, then retry.
        refreshedAfter401 = true;
        rejectedToken = token;
        this.emit({ type: "token-refresh", method: request.method, path: request.path });
        attempt--;
        continue;
      }
      const decision = decide(failure, attempt, this.policy);
      if (decision.action !== "retry") throw failure;
      const mailbox = [...request.slots.keys()][0];
      this.reportRetry(failure, attempt, decision.delayMs, mailbox);
      if (failure.status === 429) this.coolDown(request.slots, decision.delayMs);
      await this.sleep(decision.delayMs);
    }
  }

  /** One attempt: a token, the mailbox slots, the exchange. Failures come back as values to decide on. */
  private async attempt(
    request: Exchange,
    attempt: number,
    rejectedToken: string | undefined,
  ): Promise<{ response?: HttpResponse; error?: GraphRequestError; token?: string }> {
    let token: string;
    try {
      token = await this.options.tokens.token(
        rejectedToken === undefined ? {} : { forceRefresh: true, rejected: rejectedToken },
      );
    } catch (error) {
      if (error instanceof GraphRequestError) return { error };
      throw error;
    }
    await this.waitOutCooldowns(request.slots);
    const release = await this.acquire(request.slots);
    const started = this.now();
    try {
      const response = await exchange(this.dispatcher, {
        method: request.method,
        url: request.url,
        headers: this.headersFor(request, token),
        body: request.body,
        timeoutMs: this.timeoutMs,
      });
      this.reportExchange(request, attempt, started, response);
      return { response, token };
    } catch (cause) {
      this.reportExchange(request, attempt, started, undefined);
      return { error: errorFromNetwork(cause, request), token };
    } finally {
      release();
    }
  }

  private headersFor(request: Exchange, token: string): Record<string, string> {
    return {
      accept: "application/json",
      ...(request.body === undefined ? {} : { "content-type": "application/json" }),
      // Correlates our logs with Graph's; Graph echoes it as client-request-id.
      "client-request-id": randomUUID(),
      ...request.headers,
      authorization: `Bearer ${token}`,
    };
  }

  /** Takes every mailbox's slots in name order, so two multi-mailbox batches can never wait on each other. */
  private async acquire(slots: Map<string, number>): Promise<Release> {
    const releases: Release[] = [];
    try {
      for (const mailbox of [...slots.keys()].sort()) {
        releases.push(await this.limiter.acquire(mailbox, slots.get(mailbox)));
      }
    } catch (error) {
      for (const release of releases) release();
      throw error;
    }
    return () => {
      for (const release of releases) release();
    };
  }

  private async waitOutCooldowns(slots: Map<string, number>): Promise<void> {
    for (const mailbox of slots.keys()) {
      const until = this.cooldowns.get(mailbox);
      if (until === undefined) continue;
      const wait = until - this.now();
      if (wait > 0) await this.sleep(wait);
      if ((this.cooldowns.get(mailbox) ?? 0) <= this.now()) this.cooldowns.delete(mailbox);
    }
  }

  private coolDown(slots: Map<string, number>, ms: number): void {
    const until = this.now() + ms;
    for (const mailbox of slots.keys()) {
      this.cooldowns.set(mailbox, Math.max(until, this.cooldowns.get(mailbox) ?? 0));
    }
    // Forget mailboxes whose pause is over, so the map only holds currently throttled ones.
    for (const [mailbox, end] of this.cooldowns) if (end <= this.now()) this.cooldowns.delete(mailbox);
  }

  private reportExchange(
    request: Exchange,
    attempt: number,
    started: number,
    response: HttpResponse | undefined,
  ) {
    const mailbox = [...request.slots.keys()][0];
    const common = { method: request.method, path: request.path, ...(mailbox ? { mailbox } : {}) };
    this.emit({
      type: "request",
      ...common,
      status: response?.status,
      attempt,
      durationMs: this.now() - started,
    });
    if (response?.status === 429) {
      const error = errorFromResponse(response, request, this.now());
      this.emit({ type: "throttled", ...common, retryAfterMs: error.retryAfterMs });
    }
    if (request.path === "/$batch" && response && is2xx(response.status))
      this.reportInnerThrottles(response, mailbox);
  }

  private reportInnerThrottles(response: HttpResponse, mailbox: string | undefined) {
    const answers =
      (response.body as { responses?: Array<{ status?: number; url?: string }> })?.responses ?? [];
    for (const answer of answers) {
      if (answer.status !== 429) continue;
      this.emit({ type: "throttled", method: "POST", path: "/$batch", ...(mailbox ? { mailbox } : {}) });
    }
  }

  private reportRetry(
    error: GraphRequestError,
    attempt: number,
    delayMs: number,
    mailbox: string | undefined,
  ) {
    this.emit({
      type: "retry",
      method: error.method,
      path: error.path,
      ...(mailbox ? { mailbox } : {}),
      attempt,
      delayMs,
      kind: error.kind,
      status: error.status,
    });
  }
}
