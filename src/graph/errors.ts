/**
 * The connector's closed error taxonomy. Every failure of a Graph or Entra exchange becomes one
 * GraphRequestError here, at the edge, and `decide` is the one place that says retry, reset or fail.
 */

export type GraphErrorKind =
  | "transient"
  | "cursor-invalid"
  | "not-found"
  | "permission"
  | "precondition"
  | "invalid"
  | "unknown";

export interface GraphErrorInit {
  kind: GraphErrorKind;
  /** What was being done, in the caller's words ("list events of adele@contoso.com"). */
  context?: string;
  method: string;
  /** Path of the request, without host or secret-bearing query values (see `safePath`). */
  path: string;
  status?: number;
  code?: string;
  graphMessage?: string;
  requestId?: string;
  retryAfterMs?: number;
  /** A 410 resync answer may name the URL to start over from. */
  resyncLocation?: string;
  /** Overrides the generated message (auth failures explain themselves). */
  message?: string;
  cause?: unknown;
}

export class GraphRequestError extends Error {
  readonly kind: GraphErrorKind;
  readonly context: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly graphMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly resyncLocation: string | undefined;

  constructor(init: GraphErrorInit) {
    super(init.message ?? describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "GraphRequestError";
    this.kind = init.kind;
    this.context = init.context;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.code = init.code;
    this.graphMessage = init.graphMessage;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.resyncLocation = init.resyncLocation;
  }
}

function describe(init: GraphErrorInit): string {
  const outcome =
    init.status === undefined
      ? "failed"
      : `answered ${init.status}${init.code ? ` ${init.code}` : ""}${init.graphMessage ? `: ${init.graphMessage}` : ""}`;
  const request = `${init.method} ${init.path} ${outcome}`;
  const requestId = init.requestId ? ` (request-id ${init.requestId})` : "";
  return `${init.context ? `${init.context}: ` : ""}${request}${requestId} [${init.kind}]`;
}

/** Query parameters whose values are capabilities (paging and delta state) and only make messages long. */
const OPAQUE_PARAMETERS = new Set(["$skiptoken", "$deltatoken", "skiptoken", "deltatoken"]);

/** A request target fit for messages and logs: no origin, and paging/delta tokens elided. */
export function safePath(url: string, graphBaseUrl?: string): string {
  let path = graphBaseUrl && url.startsWith(graphBaseUrl) ? url.slice(graphBaseUrl.length) : url;
  if (/^https?:\/\//i.test(path)) path = path.replace(/^https?:\/\/[^/]+/i, "");
  const queryAt = path.indexOf("?");
  if (queryAt < 0) return path;
  const params = path
    .slice(queryAt + 1)
    .split("&")
    .map((pair) => {
      const name = decodeSafely(pair.split("=")[0] ?? "").toLowerCase();
      return OPAQUE_PARAMETERS.has(name) ? `${pair.split("=")[0]}=…` : pair;
    });
  return `${path.slice(0, queryAt)}?${params.join("&")}`;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Retry-After in milliseconds: delta-seconds (what Graph sends) or an HTTP date. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504, 509]);
// Graph's delta answers: 410 SyncStateNotFound / ResyncRequired, directory delta 400 syncStateNotFound.
const CURSOR_CODES = new Set(["syncstatenotfound", "resyncrequired", "syncstateinvalid"]);

export function kindOfStatus(status: number, code?: string): GraphErrorKind {
  const lowerCode = code?.toLowerCase();
  if (status === 410 || (lowerCode && CURSOR_CODES.has(lowerCode))) return "cursor-invalid";
  if (TRANSIENT_STATUSES.has(status)) return "transient";
  if (status === 404) return "not-found";
  if (status === 401 || status === 403) return "permission";
  if (status === 412 || (status === 409 && lowerCode === "errorirresolvableconflict")) return "precondition";
  if (status >= 400 && status < 500) return "invalid";
  return "unknown";
}

/** Graph's error envelope `{error:{code,message,innerError|innererror:{"request-id"}}}`, if the body is one. */
export function graphErrorOf(body: unknown): { code?: string; message?: string; requestId?: string } {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error !== "object" || error === null) return {};
  const { code, message, innerError, innererror } = error as Record<string, unknown>;
  const inner = (innerError ?? innererror) as Record<string, unknown> | undefined;
  const requestId = inner?.["request-id"];
  return {
    code: typeof code === "string" ? code : undefined,
    message: typeof message === "string" ? message : undefined,
    requestId: typeof requestId === "string" ? requestId : undefined,
  };
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export interface FailedExchange {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The error for a non-2xx answer (also an inner $batch answer). */
export function errorFromResponse(
  response: FailedExchange,
  request: { method: string; path: string; context?: string },
  nowMs: number = Date.now(),
): GraphRequestError {
  const graph = graphErrorOf(response.body);
  const textBody = typeof response.body === "string" ? response.body.slice(0, 200) : undefined;
  return new GraphRequestError({
    kind: kindOfStatus(response.status, graph.code),
    context: request.context,
    method: request.method,
    path: request.path,
    status: response.status,
    code: graph.code,
    graphMessage: graph.message ?? textBody,
    requestId: graph.requestId ?? headerOf(response.headers, "request-id"),
    retryAfterMs: parseRetryAfter(headerOf(response.headers, "retry-after"), nowMs),
    resyncLocation: response.status === 410 ? headerOf(response.headers, "location") : undefined,
  });
}

/** Socket, DNS and timeout failures are worth retrying; a TLS trust failure is a configuration problem. */
export function errorFromNetwork(
  cause: unknown,
  request: { method: string; path: string; context?: string },
): GraphRequestError {
  const code = String((cause as { code?: unknown })?.code ?? "");
  const detail = cause instanceof Error ? cause.message : String(cause);
  const tls = /CERT|TLS|SSL|SELF_SIGNED/i.test(code);
  return new GraphRequestError({
    kind: tls ? "unknown" : "transient",
    context: request.context,
    method: request.method,
    path: request.path,
    code: code || undefined,
    message: `${request.context ? `${request.context}: ` : ""}${request.method} ${request.path} ${
      tls ? "could not establish a trusted TLS connection" : "got no answer"
    }: ${detail}${code ? ` (${code})` : ""} [${tls ? "unknown" : "transient"}]`,
    cause,
  });
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out in-process: the run fails and is rescheduled. */
  maxRetryAfterMs: number;
  /** Source of jitter, injectable for tests. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
  random: Math.random,
});

export type Decision = { action: "retry"; delayMs: number } | { action: "reset" } | { action: "fail" };

/**
 * What to do after `attempt` attempts (1 = the first one failed) ended in `error`: retry transient errors
 * after Retry-After or a jittered exponential backoff, start over from scratch when a cursor is gone,
 * and fail everything else.
 */
export function decide(
  error: GraphRequestError,
  attempt: number,
  policy: Readonly<RetryPolicy> = DEFAULT_RETRY_POLICY,
): Decision {
  if (error.kind === "cursor-invalid") return { action: "reset" };
  if (error.kind !== "transient" || attempt >= policy.maxAttempts) return { action: "fail" };
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs > policy.maxRetryAfterMs
      ? { action: "fail" }
      : { action: "retry", delayMs: error.retryAfterMs };
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  // "Equal jitter": never less than half the step, so retries still back off, but spread out.
  return { action: "retry", delayMs: Math.round(ceiling / 2 + policy.random() * (ceiling / 2)) };
}
