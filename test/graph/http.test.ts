import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange } from "../../src/graph/http.js";

/** A plain HTTP server answering by path: what exchange must read, whatever the TLS in front of it. */
function answer(path: string, response: import("node:http").ServerResponse, body: string) {
  switch (path) {
    case "/json":
      response.writeHead(201, { "Content-Type": "application/json", "X-Seen": body });
      response.end(JSON.stringify({ hello: "wörld" }));
      return;
    case "/bom":
      response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      response.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]));
      return;
    case "/broken-json":
      response.writeHead(502, { "content-type": "application/json" });
      response.end("<html>gateway</html>");
      return;
    case "/empty":
      response.writeHead(204);
      response.end();
      return;
    case "/twice":
      response.setHeader("set-cookie", ["a=1", "b=2"]);
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("plain");
      return;
    case "/hints":
      response.writeEarlyHints({ link: "</style.css>; rel=preload" });
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("after hints");
      return;
    case "/slow":
      return; // never answers: the headers timeout must end the exchange
    default:
      response.writeHead(404);
      response.end();
  }
}

describe("one HTTP exchange", () => {
  let server: Server;
  let base: string;
  const agent = new Agent();
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () =>
        answer(request.url!.split("?")[0]!, response, `${request.method} ${request.url} ${body}`),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await agent.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (path: string, extra: { method?: string; body?: string; timeoutMs?: number } = {}) =>
    exchange(agent, {
      method: extra.method ?? "GET",
      url: `${base}${path}`,
      headers: { accept: "application/json" },
      ...(extra.body === undefined ? {} : { body: extra.body }),
      timeoutMs: extra.timeoutMs ?? 5_000,
    });

  it("sends method, query and body; returns the status, lower-case headers and parsed JSON", async () => {
    const response = await send("/json?$top=2", { method: "POST", body: '{"x":1}' });
    expect(response).toEqual({
      status: 201,
      headers: expect.objectContaining({
        "content-type": "application/json",
        "x-seen": 'POST /json?$top=2 {"x":1}',
      }),
      body: { hello: "wörld" },
    });
  });

  it("skips a byte-order mark, and returns a broken JSON body as text", async () => {
    expect((await send("/bom")).body).toEqual({ a: 1 });
    expect(await send("/broken-json")).toMatchObject({ status: 502, body: "<html>gateway</html>" });
  });

  it("returns no body for an empty answer, text for others, and joins repeated headers", async () => {
    expect(await send("/empty")).toMatchObject({ status: 204, body: undefined });
    expect(await send("/twice")).toMatchObject({ body: "plain", headers: { "set-cookie": "a=1, b=2" } });
  });

  it("waits past interim 1xx answers for the final one", async () => {
    expect(await send("/hints")).toMatchObject({ status: 200, body: "after hints" });
  });

  it("throws undici's error when no answer comes in time, and for a host that does not listen", async () => {
    await expect(send("/slow", { timeoutMs: 200 })).rejects.toMatchObject({
      code: "UND_ERR_HEADERS_TIMEOUT",
    });
    await expect(
      exchange(agent, { method: "GET", url: "http://127.0.0.1:1/", headers: {}, timeoutMs: 1_000 }),
    ).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});
