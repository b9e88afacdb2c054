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

  it("answers unknown routes with 404 in the same shape", async () => {
    const response = await ctx.app().inject({ method: "GET", url: "/api/nothing-here?x=1" });
    expect([response.statusCode, response.json()]).toEqual([
      404,
      { error: { code: "not_found", message: "no route GET /api/nothing-here" } },
    ]);
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
