import type { GraphRequestError } from "./errors.js";

/**
 * The Graph transport the rest of src/graph builds on (the CalendarPort implementation, subscriptions,
 * directory reads). `GraphClient` implements it over HTTPS; non-2xx answers throw `GraphRequestError`.
 */

export interface GraphResponse<T = unknown> {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: T;
}

export type GraphMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface BatchRequestItem {
  id: string;
  method: string;
  /** Relative to the version root: "/users/x/events". */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  dependsOn?: string[];
}

/** One inner answer; `error` is set for a non-2xx answer that was not (or no longer) worth retrying. */
export type BatchItemResponse = GraphResponse & { id: string; error?: GraphRequestError };

export interface GraphRequester {
  /** Whether an absolute link is on this client's Graph host: the only host its token may go to. */
  isGraphUrl(url: string): boolean;
  /** One request; path relative to `{graphHost}/v1.0` ("/users/x/events") or an absolute nextLink/deltaLink. */
  request<T>(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    options?: { mailbox?: string; body?: unknown; headers?: Record<string, string>; context?: string },
  ): Promise<GraphResponse<T>>;
  /** Follows @odata.nextLink until the end, yielding each page's value[] (and the final page's deltaLink if any). */
  pages<T>(
    path: string,
    options?: { mailbox?: string; headers?: Record<string, string>; context?: string },
  ): AsyncGenerator<{ value: T[]; deltaLink?: string }>;
  /** Up to 20 requests in one $batch; inner 429/5xx retried per policy; returns responses by id in input order. */
  batch(
    requests: Array<{
      id: string;
      method: string;
      url: string;
      body?: unknown;
      headers?: Record<string, string>;
      dependsOn?: string[];
    }>,
    options?: { mailbox?: string; context?: string },
  ): Promise<Array<GraphResponse & { id: string }>>;
  /**
   * The application permissions in the token this client sends (its `roles` claim), to explain a refusal;
   * `undefined` when unknown. Optional: transports without an Entra ID token have none to tell.
   */
  tokenRoles?(): Promise<string[] | undefined>;
}

/** The error of a failed inner batch answer, if it failed: never let a non-2xx pass unnoticed. */
export function batchItemError(response: GraphResponse & { id: string }): GraphRequestError | undefined {
  return (response as BatchItemResponse).error;
}

export { GraphClient, type GraphClientOptions } from "./client.js";
