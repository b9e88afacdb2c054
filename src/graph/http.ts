import { Agent, type Dispatcher } from "undici";

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

/** The body as text, decoded as undici's `body.text()` does (UTF-8, a byte-order mark skipped). */
function decodeBody(chunks: Buffer[]): string {
  if (chunks.length === 0) return "";
  const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  const bom = buffer.length > 2 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  return buffer.toString("utf8", bom ? 3 : 0);
}

/**
 * One HTTP exchange; network failures and timeouts throw undici's errors, any status is returned.
 *
 * Through undici's dispatcher API rather than `request()`: that wraps every answer in a Node stream and
 * converts the headers twice, which cost a fifth of the client's CPU per request; the body is small JSON
 * we read whole anyway. Timeouts, connection reuse and errors are the dispatcher's, as with `request()`.
 */
export function exchange(dispatcher: Dispatcher, http: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let status = 0;
    let headers: Record<string, string> = {};
    const handler: Dispatcher.DispatchHandler = {
      // undici tells the handler APIs apart by this method, even when it has nothing to do.
      onRequestStart() {},
      onResponseStart(_controller, statusCode, responseHeaders) {
        // 1xx answers are interim; the final one follows.
        if (statusCode < 200) return;
        status = statusCode;
        headers = flatHeaders(responseHeaders);
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        try {
          resolve({ status, headers, body: parseBody(decodeBody(chunks), headers["content-type"]) });
        } catch (error) {
          reject(error);
        }
      },
      onResponseError(_controller, error) {
        reject(error);
      },
    };
    try {
      const url = new URL(http.url);
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: http.method as Dispatcher.HttpMethod,
          headers: http.headers,
          body: http.body,
          headersTimeout: http.timeoutMs,
          bodyTimeout: http.timeoutMs,
        },
        handler,
      );
    } catch (error) {
      reject(error);
    }
  });
}
