import { describe, expect, it } from "vitest";
import { adminSession, useServer } from "./fixture.js";

interface Operation {
  method: string;
  path: string;
  security?: unknown[];
}

const PUBLIC = [
  "GET /healthz",
  "GET /readyz",
  "POST /api/auth/login",
  "GET /api/setup",
  "POST /api/setup",
  "GET /api/connections/consent",
  "POST /api/webhooks/graph",
  "POST /api/webhooks/graph/lifecycle",
];
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A concrete URL for an OpenAPI path: parameters filled with something plausible. */
const urlOf = (path: string) => path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");

describe("the OpenAPI document", () => {
  const ctx = useServer();

  async function operations(): Promise<Operation[]> {
    const response = await ctx.app().inject({ method: "GET", url: "/docs/json" });
    expect(response.statusCode).toBe(200);
    const document = response.json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    return Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        ...(operation.security ? { security: operation.security } : {}),
      })),
    );
  }

  const isPublic = (operation: Operation) => operation.security?.length === 0;

  it("is served at /docs/json and its UI at /docs, without authentication", async () => {
    const ui = await ctx.app().inject({ method: "GET", url: "/docs/" });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers["content-type"]).toMatch(/text\/html/);
    const ops = await operations();
    expect(ops.length).toBeGreaterThanOrEqual(10);
  });

  it("marks exactly the health probes, setup, login and Graph's webhooks as public", async () => {
    const publicOps = (await operations()).filter(isPublic).map((op) => `${op.method} ${op.path}`);
    expect(publicOps.sort()).toEqual([...PUBLIC].sort());
  });

  it("describes every response of every route, errors in the one error shape", async () => {
    const response = await ctx.app().inject({ method: "GET", url: "/docs/json" });
    const document = response.json();
    for (const [path, methods] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(
      document.paths,
    )) {
      for (const [method, operation] of Object.entries(methods)) {
        const codes = Object.keys(operation.responses);
        expect(
          codes.some((code) => code.startsWith("2")),
          `${method} ${path}`,
        ).toBe(true);
        expect(codes, `${method} ${path}`).toContain("5XX");
        if (!PUBLIC.includes(`${method.toUpperCase()} ${path}`))
          expect(codes, `${method} ${path}`).toContain("401");
      }
    }
  });

  it("every non-public route refuses anonymous requests with 401", async () => {
    const guarded = (await operations()).filter((op) => !isPublic(op));
    expect(guarded.length).toBeGreaterThanOrEqual(6);
    for (const op of guarded) {
      const response = await ctx.app().inject({
        method: op.method as "GET",
        url: urlOf(op.path),
        ...(UNSAFE.has(op.method) ? { payload: { name: "x" } } : {}),
      });
      expect([op.method, op.path, response.statusCode, response.json().error.code]).toEqual([
        op.method,
        op.path,
        401,
        "unauthenticated",
      ]);
    }
  });

  it("every route that changes state refuses a cross-site form post with 403, even with the session cookie", async () => {
    const signedIn = await adminSession(ctx);
    const unsafe = (await operations()).filter((op) => UNSAFE.has(op.method));
    expect(unsafe.length).toBeGreaterThanOrEqual(5);
    for (const op of unsafe) {
      // What a page on another site submitting a form to us makes the browser send.
      const response = await ctx.app().inject({
        method: op.method as "POST",
        url: urlOf(op.path),
        headers: {
          cookie: signedIn.cookie,
          origin: "https://attacker.example",
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: "name=x&username=admin&password=whatever-long-enough",
      });
      expect([op.method, op.path, response.statusCode]).toEqual([op.method, op.path, 403]);
      expect(response.json().error.code).toBe("cross_origin_request");
      if (isPublic(op)) continue;
      // A browser that sends no Origin (or a proxy that strips it): the missing CSRF token still refuses.
      const noOrigin = await ctx.app().inject({
        method: op.method as "POST",
        url: urlOf(op.path),
        headers: { cookie: signedIn.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: "name=x",
      });
      expect([op.method, op.path, noOrigin.statusCode, noOrigin.json().error.code]).toEqual([
        op.method,
        op.path,
        403,
        "csrf_token_missing",
      ]);
    }
    // Nothing was done on the attacker's behalf.
    expect(await ctx.db().selectFrom("apiTokens").selectAll().execute()).toEqual([]);
  });
});

describe("CSRF protection", () => {
  const ctx = useServer();
  const createToken = (headers: Record<string, string>) =>
    ctx.app().inject({ method: "POST", url: "/api/tokens", headers, payload: { name: "ci", scope: "read" } });

  it("requires the session's token in X-CSRF-Token on unsafe requests authenticated by cookie", async () => {
    const signedIn = await adminSession(ctx);
    const missing = await createToken({ cookie: signedIn.cookie });
    const wrong = await createToken({ cookie: signedIn.cookie, "x-csrf-token": "not-the-token" });
    const right = await createToken(signedIn.headers);
    expect(
      [missing, wrong, right].map((r) => [r.statusCode, r.statusCode === 201 ? "" : r.json().error.code]),
    ).toEqual([
      [403, "csrf_token_missing"],
      [403, "csrf_token_invalid"],
      [201, ""],
    ]);
  });

  it("accepts the service's own Origin or Referer and refuses other ones, even with the token", async () => {
    const signedIn = await adminSession(ctx);
    const own = await createToken({ ...signedIn.headers, origin: "http://localhost:80" });
    const ownReferer = await createToken({ ...signedIn.headers, referer: "http://localhost:80/dashboard" });
    const other = await createToken({ ...signedIn.headers, origin: "http://localhost.attacker.example" });
    const otherReferer = await createToken({ ...signedIn.headers, referer: "https://attacker.example/page" });
    const opaque = await createToken({ ...signedIn.headers, origin: "null" });
    expect([own, ownReferer, other, otherReferer, opaque].map((r) => r.statusCode)).toEqual([
      201, 201, 403, 403, 403,
    ]);
  });

  it("lets reads through without the token (GET changes nothing)", async () => {
    const signedIn = await adminSession(ctx);
    const response = await ctx
      .app()
      .inject({ method: "GET", url: "/api/tokens", headers: { cookie: signedIn.cookie } });
    expect(response.statusCode).toBe(200);
  });

  it("refuses a login posted from another site", async () => {
    const response = await ctx.app().inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { origin: "https://attacker.example" },
      payload: { username: "admin", password: "whatever" },
    });
    expect([response.statusCode, response.json().error.code]).toEqual([403, "cross_origin_request"]);
  });
});
