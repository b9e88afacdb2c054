import { describe, expect, it } from "vitest";
import { adminSession, createApiToken, PASSWORD, USERNAME, useServer } from "./fixture.js";

describe("audit log", () => {
  const ctx = useServer();

  it("records setup, logins, logout and token changes, newest first, in pages", async () => {
    const signedIn = await adminSession(ctx);
    ctx.clock.advance(1000);
    await ctx.app().inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: USERNAME, password: "not it at all" },
    });
    ctx.clock.advance(1000);
    const token = await createApiToken(ctx, signedIn, "backup");
    const tokenId = (await ctx.db().selectFrom("apiTokens").select("id").executeTakeFirstOrThrow()).id;
    ctx.clock.advance(1000);
    await ctx.app().inject({ method: "DELETE", url: `/api/tokens/${tokenId}`, headers: signedIn.headers });
    ctx.clock.advance(1000);
    await ctx.app().inject({ method: "POST", url: "/api/auth/logout", headers: signedIn.headers });

    const second = await ctx.app().inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: USERNAME, password: PASSWORD },
    });
    const cookie = `crosscal_session=${second.cookies[0]!.value}`;
    const pages: { action: string; actor: string | null; detail: unknown }[][] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/audit?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const response = await ctx.app().inject({ method: "GET", url, headers: { cookie } });
      expect(response.statusCode).toBe(200);
      const body = response.json() as {
        entries: { action: string; actor: string | null; detail: unknown }[];
        nextCursor: string | null;
      };
      pages.push(body.entries);
      cursor = body.nextCursor;
    } while (cursor);

    expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 1]);
    const entries = pages.flat().map(({ action, actor, detail }) => ({ action, actor, detail }));
    expect(entries.slice(0, 5)).toEqual([
      { action: "login", actor: USERNAME, detail: null },
      { action: "logout", actor: USERNAME, detail: null },
      { action: "token_deleted", actor: USERNAME, detail: { tokenId, name: "backup" } },
      {
        action: "token_created",
        actor: USERNAME,
        detail: { tokenId, name: "backup", scope: "admin", expiresAt: null },
      },
      { action: "login_failed", actor: USERNAME, detail: null },
    ]);
    // Setup and the first login happened at the same instant: their order is the id's.
    expect(
      entries
        .slice(5)
        .map((entry) => entry.action)
        .sort(),
    ).toEqual(["login", "setup"]);
    const everything = JSON.stringify(await ctx.db().selectFrom("auditLog").selectAll().execute());
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(PASSWORD);
  });

  it("names the token that acted", async () => {
    const token = await createApiToken(ctx, await adminSession(ctx), "terraform");
    const created = await ctx.app().inject({
      method: "POST",
      url: "/api/tokens",
      headers: { authorization: `Bearer ${token}` },
      payload: { name: "made by terraform", scope: "admin" },
    });
    expect(created.statusCode).toBe(201);
    const entries = (
      await ctx
        .app()
        .inject({ method: "GET", url: "/api/audit?limit=3", headers: { authorization: `Bearer ${token}` } })
    ).json().entries;
    const actor = `${USERNAME} (token "terraform")`;
    expect(entries.map((entry: { action: string; actor: string }) => [entry.action, entry.actor])).toEqual([
      ["token_used", actor],
      ["token_created", actor],
      ["token_created", USERNAME],
    ]);
  });

  it("refuses a cursor it did not make", async () => {
    const signedIn = await adminSession(ctx);
    const response = await ctx
      .app()
      .inject({ method: "GET", url: "/api/audit?cursor=bm9wZQ", headers: { cookie: signedIn.cookie } });
    expect([response.statusCode, response.json().error]).toEqual([
      400,
      {
        code: "invalid_cursor",
        message: "the cursor is not one this API returned",
        field: "querystring/cursor",
      },
    ]);
  });
});

describe("logs", () => {
  const ctx = useServer();

  it("never contain a password, a session id, a CSRF token or an API token", async () => {
    const signedIn = await adminSession(ctx);
    const token = await createApiToken(ctx, signedIn);
    await ctx
      .app()
      .inject({ method: "GET", url: "/api/auth/me", headers: { authorization: `Bearer ${token}` } });
    ctx.app().log.info(
      {
        headers: {
          authorization: `Bearer ${token}`,
          cookie: signedIn.cookie,
          "x-csrf-token": signedIn.csrfToken,
        },
        body: { password: PASSWORD, setupToken: "ccsetup_probe-secret", csrfToken: signedIn.csrfToken },
      },
      "probe",
    );

    expect(ctx.log.text).toContain('"msg":"probe"');
    expect(ctx.log.text).toContain("/api/auth/me");
    for (const secret of [
      PASSWORD,
      token,
      signedIn.cookie.split("=")[1]!,
      signedIn.csrfToken,
      "probe-secret",
    ]) {
      expect(ctx.log.text).not.toContain(secret);
    }
  });
});
