import { beforeEach, describe, expect, it } from "vitest";
import { adminSession, createApiToken, type SignedIn, USERNAME, useServer } from "./fixture.js";

const DAY = 24 * 3600_000;

describe("API tokens", () => {
  const ctx = useServer();
  let admin: SignedIn;

  beforeEach(async () => {
    admin = await adminSession(ctx);
  });

  const mint = (payload: object, headers: Record<string, string> = admin.headers) =>
    ctx.app().inject({ method: "POST", url: "/api/tokens", headers, payload });
  const me = (authorization: string) =>
    ctx.app().inject({ method: "GET", url: "/api/auth/me", headers: { authorization } });

  it("needs a scope: read tokens read, admin tokens do everything", async () => {
    const missing = await mint({ name: "no scope" });
    expect([missing.statusCode, missing.json().error.field]).toEqual([400, "body/scope"]);

    const read = await createApiToken(ctx, admin, "grafana", "read");
    expect((await me(`Bearer ${read}`)).statusCode).toBe(200);
    const refused = await mint({ name: "escalated", scope: "admin" }, { authorization: `Bearer ${read}` });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, "token_read_only"]);

    const admin2 = await createApiToken(ctx, admin, "terraform", "admin");
    const minted = await mint({ name: "child", scope: "read" }, { authorization: `Bearer ${admin2}` });
    expect([minted.statusCode, minted.json().scope]).toEqual([201, "read"]);
  });

  it("stops a token at its expiry, and a token cannot mint one that outlives it", async () => {
    const expiresAt = new Date(ctx.clock.now().getTime() + DAY).toISOString();
    const created = await mint({ name: "ci", scope: "admin", expiresAt });
    expect(created.json()).toMatchObject({ scope: "admin", expiresAt });
    const bearer = { authorization: `Bearer ${created.json().token}` };

    const longer = await mint({ name: "forever", scope: "read" }, bearer);
    expect([longer.statusCode, longer.json().error.field]).toEqual([400, "body/expiresAt"]);
    const shorter = await mint(
      {
        name: "hour",
        scope: "read",
        expiresAt: new Date(ctx.clock.now().getTime() + 3600_000).toISOString(),
      },
      bearer,
    );
    expect(shorter.statusCode).toBe(201);
    const past = await mint({ name: "past", scope: "read", expiresAt: "2000-01-01T00:00:00Z" });
    expect([past.statusCode, past.json().error.field]).toEqual([400, "body/expiresAt"]);

    ctx.clock.advance(DAY);
    const expired = await me(bearer.authorization);
    expect([expired.statusCode, expired.json().error.code]).toEqual([401, "token_expired"]);
  });

  it("accepts exactly `Bearer <token>`", async () => {
    const token = await createApiToken(ctx, admin, "strict", "read");
    expect((await me(`bearer ${token}`)).statusCode).toBe(200);
    for (const header of [
      `Bearer ${token} junk`,
      `Bearer  ${token}`,
      `Bearer ${token}\t`,
      `Token ${token}`,
      "Bearer",
    ]) {
      const response = await me(header);
      expect([header, response.statusCode, response.json().error.code]).toEqual([
        header,
        401,
        "token_invalid",
      ]);
    }
  });

  it("records every use of a token, reads included, with the route and the answer", async () => {
    const token = await createApiToken(ctx, admin, "audited", "read");
    await me(`Bearer ${token}`);
    await ctx
      .app()
      .inject({ method: "GET", url: "/api/connections/nope", headers: { authorization: `Bearer ${token}` } });
    const uses = await ctx
      .db()
      .selectFrom("auditLog")
      .select(["actor", "detail"])
      .where("action", "=", "token_used")
      .orderBy("id")
      .execute();
    expect(uses.map((use) => [use.actor, JSON.parse(use.detail!)])).toEqual([
      [
        `${USERNAME} (token "audited")`,
        { tokenId: expect.any(String), method: "GET", route: "/api/auth/me", status: 200 },
      ],
      [
        `${USERNAME} (token "audited")`,
        { tokenId: expect.any(String), method: "GET", route: "/api/connections/:id", status: 404 },
      ],
    ]);
  });

  it("refuses names with control characters or lone surrogates instead of storing them changed", async () => {
    for (const name of ["nul\u0000name", "bell\u0007", "lone \ud800 surrogate", "line\nbreak"]) {
      const response = await ctx.app().inject({
        method: "POST",
        url: "/api/tokens",
        headers: { ...admin.headers, "content-type": "application/json" },
        payload: JSON.stringify({ name, scope: "read" }),
      });
      expect([JSON.stringify(name), response.statusCode, response.json().error.field]).toEqual([
        JSON.stringify(name),
        400,
        "body/name",
      ]);
    }
    const emoji = await mint({ name: "déploiement 🚀", scope: "read" });
    expect(emoji.json().name).toBe("déploiement 🚀");
    expect(await ctx.db().selectFrom("apiTokens").select("name").execute()).toEqual([
      { name: "déploiement 🚀" },
    ]);
  });
});
