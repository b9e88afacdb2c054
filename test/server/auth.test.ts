import { describe, expect, it } from "vitest";
import { postgresContext } from "../helpers/postgres.js";
import type { Dialect } from "../store/targets.js";
import {
  adminSession,
  createApiToken,
  PASSWORD,
  setUpAdmin,
  signIn,
  USERNAME,
  useServer,
} from "./fixture.js";

const HOUR = 60 * 60_000;

for (const dialect of ["sqlite", "postgres"] as const satisfies Dialect[]) {
  const skipReason = dialect === "postgres" ? postgresContext().skipReason : undefined;
  describe.skipIf(skipReason !== undefined)(
    `sign-in and sessions [${dialect}]${skipReason ? ` skipped: ${skipReason}` : ""}`,
    () => {
      const ctx = useServer(dialect, { session: { idleMs: 2 * HOUR, absoluteMs: 12 * HOUR } });
      const me = (headers: Record<string, string>) =>
        ctx.app().inject({ method: "GET", url: "/api/auth/me", headers });

      it("sets an httpOnly, SameSite=Strict session cookie and returns the CSRF token", async () => {
        await setUpAdmin(ctx);
        const response = await ctx.app().inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { username: USERNAME, password: PASSWORD },
        });

        expect(response.statusCode).toBe(200);
        const cookie = response.cookies.find((c) => c.name === "crosscal_session");
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/", maxAge: 12 * 3600 });
        expect(cookie?.secure).toBeUndefined();
        const body = response.json();
        expect(body).toEqual({
          username: USERNAME,
          csrfToken: expect.any(String),
          expiresAt: "2025-03-01T21:00:00.000Z",
        });
        // Only the hash of the session id is stored.
        const stored = JSON.stringify(await ctx.db().selectFrom("adminSessions").selectAll().execute());
        expect(stored).not.toContain(cookie!.value);
      });

      it("marks the cookie Secure when the request came over https through a trusted proxy", async () => {
        await setUpAdmin(ctx);
        const app = await ctx.rebuild({ trustProxy: true });
        const response = await app.inject({
          method: "POST",
          url: "/api/auth/login",
          headers: { "x-forwarded-proto": "https" },
          payload: { username: USERNAME, password: PASSWORD },
        });
        expect(response.cookies.find((c) => c.name === "crosscal_session")?.secure).toBe(true);
      });

      it("refuses a wrong password and an unknown user alike", async () => {
        await setUpAdmin(ctx);
        const attempts = await Promise.all(
          [
            { username: USERNAME, password: "wrong password!" },
            { username: "nobody", password: PASSWORD },
          ].map((payload) => ctx.app().inject({ method: "POST", url: "/api/auth/login", payload })),
        );
        for (const response of attempts) {
          expect([response.statusCode, response.json()]).toEqual([
            401,
            { error: { code: "invalid_credentials", message: "wrong username or password" } },
          ]);
          expect(response.cookies).toEqual([]);
        }
      });

      it("answers /me for the session, with its CSRF token", async () => {
        const signedIn = await adminSession(ctx);
        const response = await me({ cookie: signedIn.cookie });
        expect(response.json()).toEqual({
          username: USERNAME,
          via: "session",
          csrfToken: signedIn.csrfToken,
          expiresAt: "2025-03-01T21:00:00.000Z",
        });
      });

      it("ends a session left idle too long with 401 session_expired", async () => {
        const signedIn = await adminSession(ctx);
        ctx.clock.advance(HOUR + 30 * 60_000);
        expect((await me({ cookie: signedIn.cookie })).statusCode).toBe(200); // activity renews the idle time
        ctx.clock.advance(HOUR + 30 * 60_000);
        expect((await me({ cookie: signedIn.cookie })).statusCode).toBe(200);
        ctx.clock.advance(2 * HOUR);

        const expired = await me({ cookie: signedIn.cookie });
        expect([expired.statusCode, expired.json().error.code]).toEqual([401, "session_expired"]);
        expect(expired.cookies.find((c) => c.name === "crosscal_session")?.value).toBe("");
        // The row is gone: the same cookie is now simply unknown.
        expect((await me({ cookie: signedIn.cookie })).json().error.code).toBe("session_invalid");
      });

      it("ends an active session at its absolute end", async () => {
        const signedIn = await adminSession(ctx);
        for (let hour = 1; hour < 12; hour++) {
          ctx.clock.advance(HOUR);
          expect((await me({ cookie: signedIn.cookie })).statusCode).toBe(200);
        }
        ctx.clock.advance(HOUR);
        const expired = await me({ cookie: signedIn.cookie });
        expect([expired.statusCode, expired.json().error.code]).toEqual([401, "session_expired"]);
      });

      it("sweeps away ended sessions at the next login", async () => {
        await adminSession(ctx);
        await signIn(ctx.app());
        ctx.clock.advance(3 * HOUR);
        await signIn(ctx.app());
        expect(await ctx.db().selectFrom("adminSessions").selectAll().execute()).toHaveLength(1);
      });

      it("logs out: the cookie stops working and is cleared", async () => {
        const signedIn = await adminSession(ctx);
        const response = await ctx
          .app()
          .inject({ method: "POST", url: "/api/auth/logout", headers: signedIn.headers });
        expect(response.statusCode).toBe(204);
        expect(response.cookies.find((c) => c.name === "crosscal_session")?.value).toBe("");
        expect((await me({ cookie: signedIn.cookie })).json().error.code).toBe("session_invalid");
      });

      it("authenticates API tokens by Bearer until they are deleted", async () => {
        const signedIn = await adminSession(ctx);
        const token = await createApiToken(ctx, signedIn, "monitoring");
        expect(token).toMatch(/^cct_/);
        const bearer = { authorization: `Bearer ${token}` };
        expect((await me(bearer)).json()).toEqual({
          username: USERNAME,
          via: "token",
          csrfToken: null,
          expiresAt: null,
        });

        const listed = await ctx.app().inject({ method: "GET", url: "/api/tokens", headers: bearer });
        const tokens = listed.json().tokens;
        expect(tokens).toEqual([
          {
            id: expect.any(String),
            name: "monitoring",
            createdBy: USERNAME,
            createdAt: expect.any(String),
            lastUsedAt: expect.any(String),
          },
        ]);
        expect(listed.body).not.toContain(token);
        const stored = JSON.stringify(await ctx.db().selectFrom("apiTokens").selectAll().execute());
        expect(stored).not.toContain(token);

        // No CSRF token needed: a bearer token is not sent by browsers on their own.
        const deleted = await ctx
          .app()
          .inject({ method: "DELETE", url: `/api/tokens/${tokens[0].id}`, headers: bearer });
        expect(deleted.statusCode).toBe(204);
        const after = await me(bearer);
        expect([after.statusCode, after.json().error.code]).toEqual([401, "token_invalid"]);
        const again = await ctx
          .app()
          .inject({ method: "DELETE", url: `/api/tokens/${tokens[0].id}`, headers: signedIn.headers });
        expect([again.statusCode, again.json().error.code]).toEqual([404, "token_not_found"]);
      });

      it("refuses a malformed Authorization header", async () => {
        const response = await me({ authorization: "Basic YWRtaW46cGFzcw==" });
        expect([response.statusCode, response.json().error.code]).toEqual([401, "token_invalid"]);
      });
    },
  );
}

describe("login rate limits", () => {
  const ctx = useServer("sqlite", { loginLimits: { perIp: 4, perUsername: 3, windowMs: 60_000 } });
  const login = (username: string, ip: string, password = "wrong password!") =>
    ctx
      .app()
      .inject({ method: "POST", url: "/api/auth/login", remoteAddress: ip, payload: { username, password } });

  it("limits attempts per username whatever the address", async () => {
    await setUpAdmin(ctx);
    const codes = [];
    for (const ip of ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"])
      codes.push((await login(USERNAME, ip)).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const limited = await login(USERNAME, "10.0.0.5", PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toEqual({
      code: "rate_limited",
      message: expect.stringContaining("for this username"),
    });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("limits attempts per address whatever the username", async () => {
    const codes = [];
    for (const name of ["a", "b", "c", "d", "e"]) codes.push((await login(name, "10.0.0.9")).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    expect((await login("f", "10.0.0.10")).statusCode).toBe(401);
  });

  it("counts in the audit log every failed attempt that got through", async () => {
    await setUpAdmin(ctx);
    await login(USERNAME, "10.0.0.1");
    await signIn(ctx.app());
    const actions = (
      await ctx.db().selectFrom("auditLog").select(["action", "actor", "ip"]).orderBy("at").execute()
    ).map((row) => row.action);
    expect(actions.sort()).toEqual(["login", "login_failed", "setup"]);
  });
});
