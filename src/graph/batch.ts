import { type Decision, decide, errorFromResponse, GraphRequestError, type RetryPolicy } from "./errors.js";
import { mailboxOfPath, normaliseMailbox } from "./mailbox-key.js";
import type { BatchItemResponse, BatchRequestItem } from "./requester.js";

/** Graph's cap on requests in one JSON batch. */
export const MAX_BATCH_REQUESTS = 20;

/**
 * How a batch counts against the per-mailbox limit (our choice, see GRAPH-NOTES §5): Exchange runs the
 * unordered requests of a batch at most 4 at a time per mailbox, so a batch reserves, for its whole
 * duration, as many slots of each mailbox it addresses as it can use there: min(limit, its requests to
 * that mailbox), or 1 for a `dependsOn` chain, which runs one request at a time. Batches of up to 20
 * items therefore stay allowed and never push a mailbox past its limit. Items are attributed to the
 * mailbox in their URL, else to `fallbackMailbox`; items addressing no mailbox reserve nothing.
 */
export function batchSlots(
  requests: BatchRequestItem[],
  fallbackMailbox: string | undefined,
  limit: number,
): Map<string, number> {
  const groups = new Map<string, BatchRequestItem[]>();
  for (const item of requests) {
    const mailbox = mailboxOfPath(item.url) ?? (fallbackMailbox && normaliseMailbox(fallbackMailbox));
    if (!mailbox) continue;
    groups.set(mailbox, [...(groups.get(mailbox) ?? []), item]);
  }
  const slots = new Map<string, number>();
  for (const [mailbox, items] of groups)
    slots.set(mailbox, isChain(items) ? 1 : Math.min(limit, items.length));
  return slots;
}

function isChain(items: BatchRequestItem[]): boolean {
  return items.every((item, index) => index === 0 || (item.dependsOn ?? []).includes(items[index - 1]!.id));
}

/** Checks what Graph would refuse as a whole (400), before spending a request on it. */
export function checkBatch(requests: BatchRequestItem[], context: string | undefined): void {
  const fail = (problem: string) =>
    new GraphRequestError({
      kind: "invalid",
      context,
      method: "POST",
      path: "/$batch",
      message: `${context ? `${context}: ` : ""}POST /$batch not sent: ${problem} [invalid]`,
    });
  if (requests.length === 0) throw fail("a batch needs at least one request");
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw fail(`${requests.length} requests, more than Graph's ${MAX_BATCH_REQUESTS}`);
  }
  const ids = new Set<string>();
  for (const item of requests) {
    // Graph compares batch ids case-insensitively.
    if (ids.has(item.id.toLowerCase())) throw fail(`request id "${item.id}" is used twice`);
    ids.add(item.id.toLowerCase());
  }
  for (const item of requests) {
    for (const dependency of item.dependsOn ?? []) {
      if (!ids.has(dependency.toLowerCase()))
        throw fail(`request "${item.id}" depends on unknown "${dependency}"`);
    }
  }
}

/** The `$batch` body: relative URLs, and the Content-Type Graph requires next to every body. */
export function batchEnvelope(requests: BatchRequestItem[]) {
  return {
    requests: requests.map((item) => {
      const headers = { ...(item.headers ?? {}) };
      const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === "content-type");
      if (item.body !== undefined && !hasContentType) headers["Content-Type"] = "application/json";
      return {
        id: item.id,
        method: item.method.toUpperCase(),
        url: item.url.startsWith("/") ? item.url : `/${item.url}`,
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
        ...(item.body === undefined ? {} : { body: item.body }),
        ...(item.dependsOn?.length ? { dependsOn: item.dependsOn } : {}),
      };
    }),
  };
}

/** Inner answers as a map, headers lower-cased like every other response of the client. */
export function innerResponses(body: unknown, context: string | undefined): Map<string, BatchItemResponse> {
  const responses = (body as { responses?: unknown } | undefined)?.responses;
  if (!Array.isArray(responses)) {
    throw new GraphRequestError({
      kind: "unknown",
      context,
      method: "POST",
      path: "/$batch",
      message: `${context ? `${context}: ` : ""}POST /$batch answered without a responses array [unknown]`,
    });
  }
  const byId = new Map<string, BatchItemResponse>();
  for (const raw of responses as Array<Record<string, unknown>>) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries((raw.headers ?? {}) as Record<string, unknown>)) {
      headers[name.toLowerCase()] = String(value);
    }
    byId.set(String(raw.id).toLowerCase(), {
      id: String(raw.id),
      status: Number(raw.status),
      headers,
      body: raw.body,
    });
  }
  return byId;
}

export interface BatchRound {
  /** Final answers (successes, and failures not worth retrying, with their error). */
  settled: Map<string, BatchItemResponse>;
  /** Requests to send again, and after how long. */
  retry: BatchRequestItem[];
  delayMs: number;
  /** The inner errors that are being retried, for metrics. */
  retried: GraphRequestError[];
}

const ok = (status: number) => status >= 200 && status < 400;

/**
 * Sorts one round's answers: inner 429/5xx are retried per `decide` (the longest wait among them is
 * kept), and a request that failed only because its dependency is retried (424) is retried with it.
 */
export function sortRound(
  sent: BatchRequestItem[],
  answers: Map<string, BatchItemResponse>,
  attempt: number,
  policy: Readonly<RetryPolicy>,
  context: string | undefined,
  nowMs: number,
): BatchRound {
  const settled = new Map<string, BatchItemResponse>();
  const retryIds = new Set<string>();
  const retried: GraphRequestError[] = [];
  let delayMs = 0;
  const dependencyFailures: BatchRequestItem[] = [];
  for (const item of sent) {
    const answer = answers.get(item.id.toLowerCase()) ?? missingAnswer(item);
    if (ok(answer.status)) {
      settled.set(item.id, answer);
      continue;
    }
    if (answer.status === 424) {
      dependencyFailures.push(item);
      continue;
    }
    const error = innerError(answer, item, context, nowMs);
    const decision: Decision = decide(error, attempt, policy);
    if (decision.action === "retry") {
      retryIds.add(item.id);
      retried.push(error);
      delayMs = Math.max(delayMs, decision.delayMs);
    } else {
      settled.set(item.id, { ...answer, error });
    }
  }
  // A dependant of a retried request is retried with it; transitively, as chains fail in one go.
  for (let grew = true; grew; ) {
    grew = false;
    for (const item of dependencyFailures) {
      if (!retryIds.has(item.id) && (item.dependsOn ?? []).some((id) => retryIds.has(id))) {
        retryIds.add(item.id);
        grew = true;
      }
    }
  }
  for (const item of dependencyFailures) {
    if (retryIds.has(item.id)) continue;
    const answer = answers.get(item.id.toLowerCase())!;
    settled.set(item.id, { ...answer, error: innerError(answer, item, context, nowMs) });
  }
  const retry = sent
    .filter((item) => retryIds.has(item.id))
    .map((item) => ({ ...item, dependsOn: (item.dependsOn ?? []).filter((id) => retryIds.has(id)) }));
  return { settled, retry, delayMs, retried };
}

/** The taxonomy error of a failed inner answer. */
export function innerError(
  answer: BatchItemResponse,
  item: BatchRequestItem,
  context: string | undefined,
  nowMs: number,
): GraphRequestError {
  const path = item.url.split("?")[0] ?? item.url;
  return errorFromResponse(
    answer,
    { method: item.method.toUpperCase(), path: path.startsWith("/") ? path : `/${path}`, context },
    nowMs,
  );
}

function missingAnswer(item: BatchRequestItem): BatchItemResponse {
  // Graph answers every request of a parsed batch; a missing one is a server fault, so retry it.
  return {
    id: item.id,
    status: 503,
    headers: {},
    body: {
      error: { code: "MissingBatchResponse", message: "the batch answer had no response for this request" },
    },
  };
}
