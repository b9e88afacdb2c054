import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { RunningEmulator } from "m365-emulator";
import { issueServerCertificate } from "m365-emulator/tls";

export interface Received {
  path: string;
  query: URLSearchParams;
  contentType: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** How the receiver answers one request; "hang" never answers. */
export type Answer = { status: number; body?: string; contentType?: string } | "hang";
export type Handler = (request: Received) => Answer;

/** Graph's contract: echo the decoded validation token as text/plain, accept notifications with 202. */
export const wellBehaved: Handler = (request) => {
  const token = request.query.get("validationToken");
  if (token !== null) return { status: 200, body: token, contentType: "text/plain; charset=utf-8" };
  return { status: 202 };
};

interface Waiter {
  predicate: (request: Received) => boolean;
  resolve: (request: Received) => void;
}

/**
 * A local HTTPS webhook endpoint with a certificate from the emulator's CA. Tests await `next()` for the
 * next request matching a predicate, so nothing sleeps.
 */
export class Receiver {
  readonly requests: Received[] = [];
  handler: Handler = wellBehaved;
  private unclaimed: Received[] = [];
  private waiters: Waiter[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  /** An HTTPS receiver (or a plain HTTP one, for emulators that allow http notification URLs). */
  static async start(
    emulator: RunningEmulator,
    options: { plainHttp?: boolean; port?: number } = {},
  ): Promise<Receiver> {
    let server: http.Server;
    if (options.plainHttp) {
      server = http.createServer();
    } else {
      const certificate = await issueServerCertificate(emulator.ctx.tls.ca);
      server = https.createServer({ key: certificate.keyPem, cert: certificate.certPem });
    }
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const scheme = options.plainHttp ? "http" : "https";
    const receiver = new Receiver(server, `${scheme}://127.0.0.1:${port}`);
    server.on("request", (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", receiver.url);
        const received: Received = {
          path: url.pathname,
          query: url.searchParams,
          contentType: String(req.headers["content-type"] ?? ""),
          body: Buffer.concat(chunks).toString("utf8"),
          headers: req.headers,
        };
        const answer = receiver.handler(received);
        receiver.record(received);
        if (answer === "hang") return;
        res.writeHead(answer.status, answer.contentType ? { "content-type": answer.contentType } : {});
        res.end(answer.body ?? "");
      });
    });
    return receiver;
  }

  /** The next request (already received and not yet claimed, or still to come) matching `predicate`. */
  next(predicate: (request: Received) => boolean = () => true): Promise<Received> {
    const index = this.unclaimed.findIndex(predicate);
    if (index >= 0) return Promise.resolve(this.unclaimed.splice(index, 1)[0]!);
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }

  /** The notifications posted to `path` so far (validation requests excluded), flattened. */
  notifications(path: string): Record<string, unknown>[] {
    return this.requests
      .filter((request) => request.path === path && !request.query.has("validationToken"))
      .flatMap((request) => (JSON.parse(request.body) as { value: Record<string, unknown>[] }).value);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private record(request: Received): void {
    this.requests.push(request);
    const index = this.waiters.findIndex((waiter) => waiter.predicate(request));
    if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(request);
    else this.unclaimed.push(request);
  }
}

export const isNotificationTo = (path: string) => (request: Received) =>
  request.path === path && !request.query.has("validationToken");
