import { randomUUID } from "node:crypto";
import { type Dispatcher, errors, request } from "undici";
import { GraphError } from "../graph/errors.js";

const TIMED_OUT = "Subscription validation request timed out.";
const NOT_200 =
  "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.";
const WRONG_ECHO =
  "Subscription validation request failed. Response must exactly match validationToken query parameter.";

const failed = (message: string) => new GraphError(400, "InvalidRequest", message);

/**
 * A validation token. Graph's tokens are readable text with spaces and colons, so they only survive the
 * round trip if the endpoint URL-decodes the query parameter before echoing it.
 */
export function newValidationToken(): string {
  return `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
}

/** `url` with `validationToken` appended to whatever query it already has. */
export function validationUrl(url: string, token: string): string {
  const hashAt = url.indexOf("#");
  const base = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const separator = base.includes("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
  return `${base}${separator}validationToken=${encodeURIComponent(token)}`;
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return (
    name === "TimeoutError" ||
    name === "AbortError" ||
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError
  );
}

/**
 * Graph's validation handshake: POST `?validationToken=` with an empty text/plain body; the endpoint must
 * answer 200, text/plain, with the decoded token, within the timeout. Throws Graph's 400 otherwise.
 */
export async function validateEndpoint(
  dispatcher: Dispatcher,
  url: string,
  timeoutMs: number,
): Promise<void> {
  const token = newValidationToken();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await request(validationUrl(url, token), {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: "",
      dispatcher,
      signal,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw failed(NOT_200);
    const contentType = String(response.headers["content-type"] ?? "");
    if (!/^text\/plain\b/i.test(contentType) || text !== token) throw failed(WRONG_ECHO);
  } catch (error) {
    if (error instanceof GraphError) throw error;
    if (isTimeout(error) || signal.aborted) throw failed(TIMED_OUT);
    throw failed(NOT_200);
  }
}
