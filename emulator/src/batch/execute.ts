import type { FastifyInstance, HTTPMethods } from "fastify";
import type { EmulatorContext } from "../context.js";
import { graphErrorBody } from "../graph/errors.js";
import type { GraphPrincipal } from "../graph/principal.js";
import { addressedMailbox } from "../throttle/mailbox-lookup.js";
import type { BatchItem } from "./envelope.js";
import { KeyedLimiter } from "./limiter.js";

export interface BatchResponseItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Connection-level headers that describe the outer HTTP exchange, not an inner response. */
const DROPPED_HEADERS = new Set(["content-length", "connection", "keep-alive", "transfer-encoding", "date"]);
const HEADER_NAMES: Record<string, string> = { etag: "ETag", "odata-version": "OData-Version" };

/** Graph writes inner header names in their usual casing, and the JS SDK reads `Content-Type` exactly. */
function canonicalHeaderName(name: string): string {
  return (
    HEADER_NAMES[name] ??
    name
      .split("-")
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join("-")
  );
}

function innerHeaders(raw: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || DROPPED_HEADERS.has(name.toLowerCase())) continue;
    headers[canonicalHeaderName(name.toLowerCase())] = Array.isArray(value)
      ? value.join(", ")
      : String(value);
  }
  return headers;
}

/** Inner bodies follow OData JSON batching: JSON as JSON, text as a string, anything else base64. */
function innerBody(contentType: string | undefined, payload: Buffer): unknown {
  if (payload.length === 0) return undefined;
  const text = payload.toString("utf8");
  if (contentType?.includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (!contentType || contentType.startsWith("text/")) return text;
  return payload.toString("base64");
}

/** Inner headers minus those the outer request owns (the token) or the transport recomputes. */
function forwardedHeaders(item: BatchItem, authorization: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(item.headers)) {
    const lower = name.toLowerCase();
    if (lower !== "authorization" && lower !== "content-length" && lower !== "host") headers[lower] = value;
  }
  headers.authorization = authorization;
  return headers;
}

function requestPayload(item: BatchItem): string | undefined {
  if (item.body === undefined) return undefined;
  return typeof item.body === "string" ? item.body : JSON.stringify(item.body);
}

function failedDependency(item: BatchItem, dependencyId: string, now: Date): BatchResponseItem {
  return {
    id: item.id,
    status: 424,
    headers: { "Content-Type": "application/json" },
    body: graphErrorBody(
      "FailedDependency",
      `The request depends on request '${dependencyId}', which failed.`,
      now,
    ),
  };
}

/** Runs the inner requests of one batch and returns their responses in completion order. */
export class BatchRun {
  private readonly byId: Map<string, BatchItem>;
  private readonly outcomes = new Map<string, Promise<BatchResponseItem>>();
  private readonly responses: BatchResponseItem[] = [];
  // Exchange works on at most this many unordered requests of one batch per mailbox at a time.
  private readonly limiter: KeyedLimiter;

  constructor(
    private readonly app: FastifyInstance,
    private readonly ctx: EmulatorContext,
    private readonly principal: GraphPrincipal,
    private readonly authorization: string,
    private readonly items: BatchItem[],
  ) {
    this.byId = new Map(items.map((item) => [item.id, item]));
    this.limiter = new KeyedLimiter(ctx.traffic.limits.concurrentPerMailbox);
  }

  async execute(): Promise<BatchResponseItem[]> {
    await Promise.all(this.items.map((item) => this.outcome(item)));
    return this.responses;
  }

  private outcome(item: BatchItem): Promise<BatchResponseItem> {
    let outcome = this.outcomes.get(item.id);
    if (!outcome) {
      outcome = this.settle(item);
      this.outcomes.set(item.id, outcome);
    }
    return outcome;
  }

  private async settle(item: BatchItem): Promise<BatchResponseItem> {
    const dependencies = await Promise.all(item.dependsOn.map((id) => this.outcome(this.byId.get(id)!)));
    const failed = dependencies.find((response) => response.status < 200 || response.status >= 300);
    const response = failed
      ? failedDependency(item, failed.id, this.ctx.clock.nowDate())
      : await this.limiter.run(this.limiterKey(item), () => this.inject(item));
    this.responses.push(response);
    return response;
  }

  /** Requests to one mailbox share a key; any other request gets its own, so it is never held back. */
  private limiterKey(item: BatchItem): string {
    const mailbox = addressedMailbox(this.ctx, this.principal, `/v1.0/${item.url}`);
    return mailbox ? `mailbox:${mailbox.id}` : `request:${item.id}`;
  }

  private async inject(item: BatchItem): Promise<BatchResponseItem> {
    const response = await this.app.inject({
      method: item.method as HTTPMethods,
      url: `/v1.0/${item.url}`,
      headers: forwardedHeaders(item, this.authorization),
      payload: requestPayload(item),
    });
    const headers = innerHeaders(response.headers);
    const contentType = response.headers["content-type"];
    const body = innerBody(typeof contentType === "string" ? contentType : undefined, response.rawPayload);
    return body === undefined
      ? { id: item.id, status: response.statusCode, headers }
      : { id: item.id, status: response.statusCode, headers, body };
  }
}
