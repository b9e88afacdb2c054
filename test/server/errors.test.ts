import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { adminSession, PASSWORD, USERNAME, useServer } from "./fixture.js";

const ERROR_SHAPE = { error: { code: expect.any(String), message: expect.any(String) } };

describe("errors", () => {
  const ctx = useServer("sqlite", { bodyLimit: 2048 });

  it("answers malformed JSON with 400 invalid_json", async () => {
    const signedIn = await adminSession(ctx);
    const response = await ctx.app().inject({
      method: "POST",
      url: "/api/tokens",
      headers: { ...signedIn.headers, "content-type": "application/json" },
      payload: '{"name": "ci",',
    });
    expect([response.statusCode, response.json()]).toEqual([
      400,
      { error: { code: "invalid_json", message: "the request body is not valid JSON" } },
    ]);
  });

  it("answers an oversize body with 413 before reading it all, and creates nothing", async () => {
    const signedIn = await adminSession(ctx);
    const response = await ctx.app().inject({
      method: "POST",
      url: "/api/tokens",
      headers: signedIn.headers,
      payload: { name: "x".repeat(4096) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: "payload_too_large" } });
    expect(await ctx.db().selectFrom("apiTokens").selectAll().execute()).toEqual([]);
  });

  it("names the invalid field", async () => {
    const signedIn = await adminSession(ctx);
    const missing = await ctx
      .app()
      .inject({ method: "POST", url: "/api/tokens", headers: signedIn.headers, payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: "invalid_request", field: "body/name" });
    const badQuery = await ctx
      .app()
      .inject({ method: "GET", url: "/api/audit?limit=1000", headers: signedIn.headers });
    expect(badQuery.json().error).toMatchObject({ code: "invalid_request", field: "querystring/limit" });
  });

  it("refuses a field the route does not know instead of dropping it, and writes nothing", async () => {
    const signedIn = await adminSession(ctx);
    const response = await ctx.app().inject({
      method: "POST",
      url: "/api/profiles/actions",
      headers: signedIn.headers,
      payload: { action: "pause", ids: ["p-1"], reasn: "typo" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/additional properties|reasn/);
  });

  it("answers an unsupported content type with 415", async () => {
    const signedIn = await adminSession(ctx);
    const response = await ctx.app().inject({
      method: "POST",
      url: "/api/tokens",
      headers: { ...signedIn.headers, "content-type": "text/plain" },
      payload: "name=ci",
    });
    expect([response.statusCode, response.json().error.code]).toEqual([415, "unsupported_media_type"]);
  });

  it("answers unknown routes with 404 in the same shape, without repeating the address", async () => {
    const response = await ctx.app().inject({ method: "GET", url: "/api/nothing-here?x=1" });
    expect([response.statusCode, response.json()]).toEqual([
      404,
      { error: { code: "not_found", message: "no such route: the API's routes are listed at /docs" } },
    ]);
  });

  it("answers an overlong path parameter with 414 in the same shape, without repeating the address", async () => {
    const response = await ctx.app().inject({
      method: "GET",
      url: `/api/profiles/${"a".repeat(1100)}%3Cscript%3E`,
    });
    expectFrameworkAnswer(response, 414, {
      code: "url_too_long",
      message: "a part of the address is too long (1024 characters at most)",
    });
  });

  it("takes a Graph event id longer than Fastify's default parameter limit (100)", async () => {
    const signedIn = await adminSession(ctx);
    const eventId = encodeURIComponent(`AAMkAD${"Q0ZjY4ODQ5LTM5NjUtNGE2NS1iY2Y1".repeat(5)}/+AAA=`);
    const response = await ctx.app().inject({
      method: "GET",
      url: `/api/events/${eventId}/why?profile=nobody`,
      headers: signedIn.headers,
    });
    expect(eventId.length).toBeGreaterThan(150);
    expect([response.statusCode, response.json().error.code]).toEqual([404, "profile_not_found"]);
  });

  it("answers malformed percent-encoding with 400 in the same shape, without repeating the address", async () => {
    for (const url of ["/api/profiles/%E0%A4%A", "/%3Cscript%3E/%E0%A4%A", "/healthz/%ZZ"]) {
      const response = await ctx.app().inject({ method: "GET", url });
      expectFrameworkAnswer(response, 400, {
        code: "invalid_url",
        message: "the address is not valid: a percent sign must start a valid UTF-8 escape such as %20",
      });
    }
  });

  it("hides the inside of a server error: no stack, no message, logged instead", async () => {
    const signedIn = await adminSession(ctx);
    // The store closed under the app: every query fails as an unexpected error would.
    const broken = await ctx.rebuild({ db: brokenStore(ctx) });
    const response = await broken.inject({
      method: "GET",
      url: "/api/tokens",
      headers: { authorization: "Bearer cct_x" },
    });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: { code: "internal_error", message: "internal error; the service log has the details" },
    });
    expect(response.body).not.toMatch(/at |\.ts|boom/);
    expect(ctx.log.text).toContain("boom");
    expect(signedIn).toBeDefined();
  });

  it("gives every error the one shape", async () => {
    const responses = await Promise.all([
      ctx.app().inject({ method: "GET", url: "/api/tokens" }),
      ctx.app().inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: USERNAME, password: PASSWORD },
      }),
      ctx.app().inject({ method: "POST", url: "/api/setup", payload: {} }),
    ]);
    for (const response of responses) {
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.json()).toEqual(
        expect.objectContaining({ error: expect.objectContaining(ERROR_SHAPE.error) }),
      );
    }
  });
});

describe("security headers", () => {
  const ctx = useServer();

  it("marks every answer nosniff, and every /api answer no-store; /docs assets stay cacheable", async () => {
    const signedIn = await adminSession(ctx);
    const get = (url: string, headers: Record<string, string> = {}) =>
      ctx.app().inject({ method: "GET", url, headers });
    const answers = {
      "api success": await get("/api/tokens", signedIn.headers),
      "api validation error": await get("/api/audit?limit=1000", signedIn.headers),
      "api unauthenticated": await get("/api/tokens"),
      "api not found": await get("/api/nothing-here"),
      "api router error": await get("/api/profiles/%E0%A4%A"),
      // Graph's handshake: the token comes back as text, which must never be sniffed as a page.
      "validation token echo": await ctx.app().inject({
        method: "POST",
        url: `/api/webhooks/graph?validationToken=${encodeURIComponent("<html><script>alert(1)</script>")}`,
      }),
      "openapi document": await get("/docs/json"),
      "docs asset": await get("/docs/static/index.css"),
      "health probe": await get("/healthz"),
      "not found outside /api": await get("/nothing-here"),
    };
    const seen = Object.entries(answers).map(([name, response]) => [
      name,
      response.headers["x-content-type-options"],
      response.headers["cache-control"],
    ]);
    expect(seen).toEqual([
      ["api success", "nosniff", "no-store"],
      ["api validation error", "nosniff", "no-store"],
      ["api unauthenticated", "nosniff", "no-store"],
      ["api not found", "nosniff", "no-store"],
      ["api router error", "nosniff", "no-store"],
      ["validation token echo", "nosniff", "no-store"],
      ["openapi document", "nosniff", undefined],
      ["docs asset", "nosniff", "public, max-age=0"],
      ["health probe", "nosniff", undefined],
      ["not found outside /api", "nosniff", undefined],
    ]);
    expect(answers["validation token echo"].headers["content-type"]).toBe("text/plain; charset=utf-8");
  });

  it("hides a server error's inside and still sends the headers", async () => {
    const broken = await ctx.rebuild({ db: brokenStore(ctx) });
    const response = await broken.inject({
      method: "GET",
      url: "/api/tokens",
      headers: { authorization: "Bearer cct_x" },
    });
    expect([response.statusCode, response.headers["x-content-type-options"]]).toEqual([500, "nosniff"]);
    expect(response.headers["cache-control"]).toBe("no-store");
  });
});

describe("requests Node's HTTP parser refuses", () => {
  const ctx = useServer();

  /** Sends raw bytes to the listening app and reads everything until the server closes the connection. */
  async function rawExchange(
    request: string,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const address = await ctx.app().listen({ port: 0, host: "127.0.0.1" });
    const { port } = new URL(address);
    const socket = connect(Number(port), "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.write(request);
    await new Promise((resolve) => socket.once("close", resolve));
    const text = Buffer.concat(chunks).toString("utf8");
    const [head = "", body = ""] = text.split("\r\n\r\n");
    const [statusLine = "", ...lines] = head.split("\r\n");
    const headers = Object.fromEntries(
      lines.map((line) => [
        line.slice(0, line.indexOf(":")).toLowerCase(),
        line.slice(line.indexOf(":") + 1).trim(),
      ]),
    );
    return { status: Number(statusLine.split(" ")[1]), headers, body };
  }

  const cases = [
    {
      name: "headers over Node's 16 KiB",
      request: `GET /api/tokens HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${"<script>".repeat(3000)}\r\n\r\n`,
      status: 431,
      code: "headers_too_large",
    },
    {
      name: "a request line over Node's 16 KiB",
      request: `GET /api/${"<script>".repeat(3000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
      status: 431,
      code: "headers_too_large",
    },
    {
      name: "a request that is not HTTP",
      request: "<script>alert(1)</script>\r\n\r\n",
      status: 400,
      code: "bad_request",
    },
  ];

  for (const { name, request, status, code } of cases) {
    it(`answers ${name} with ${status} in the one shape, nosniff, without repeating it`, async () => {
      const response = await rawExchange(request);
      expect([response.status, JSON.parse(response.body)]).toEqual([
        status,
        { error: { code, message: expect.any(String) } },
      ]);
      expect(response.headers).toMatchObject({
        "content-type": "application/json; charset=utf-8",
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
        "content-length": String(Buffer.byteLength(response.body)),
      });
      expect(response.body).not.toMatch(/script/);
    });
  }
});

/** An answer Fastify gives before any route: the one shape, JSON, the security headers, no echo. */
function expectFrameworkAnswer(
  response: { statusCode: number; headers: Record<string, unknown>; body: string; json(): unknown },
  status: number,
  error: { code: string; message: string },
) {
  expect([response.statusCode, response.json()]).toEqual([status, { error }]);
  expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
  expect(response.body).not.toMatch(/aaaa|script|%E0|%ZZ/i);
}

/** A store whose every query throws "boom". */
function brokenStore(ctx: { db(): import("../../src/store/database.js").Store }) {
  return new Proxy(ctx.db(), {
    get(target, property, receiver) {
      if (property === "selectFrom") {
        return () => {
          throw new Error("boom: database file is corrupt");
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
