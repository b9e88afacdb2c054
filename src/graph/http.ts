import { Agent, type Dispatcher, request } from "undici";

let agent: Agent | undefined;

/**
 * One keep-alive connection pool for every connection of the process: Graph is a handful of hosts, and
 * re-using TLS sessions matters more than isolation. Node's TLS trusts NODE_EXTRA_CA_CERTS (the emulator).
 */
export function sharedAgent(): Agent {
  agent ??= new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 128 });
  return agent;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Time allowed for the response headers and, separately, between body chunks. */
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON for JSON answers, text for others, undefined when empty. */
  body: unknown;
}

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === "") return undefined;
  if (!contentType?.includes("json")) return text;
  try {
    return JSON.parse(text);
  } catch {
    // A JSON content type with a broken body is reported as text; the caller decides what that means.
    return text;
  }
}

/** One HTTP exchange; network failures and timeouts throw undici's errors, any status is returned. */
export async function exchange(dispatcher: Dispatcher, http: HttpRequest): Promise<HttpResponse> {
  const response = await request(http.url, {
    method: http.method as Dispatcher.HttpMethod,
    headers: http.headers,
    body: http.body,
    dispatcher,
    headersTimeout: http.timeoutMs,
    bodyTimeout: http.timeoutMs,
  });
  const headers = flatHeaders(response.headers);
  const text = await response.body.text();
  return { status: response.statusCode, headers, body: parseBody(text, headers["content-type"]) };
}
