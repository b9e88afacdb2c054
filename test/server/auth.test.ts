import { beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../src/server/app.js";
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
            scope: "admin",
            createdBy: USERNAME,
            createdAt: expect.any(String),
            expiresAt: null,
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

for (const dialect of ["sqlite", "postgres"] as const satisfies Dialect[]) {
  const skipReason = dialect === "postgres" ? postgresContext().skipReason : undefined;
  describe.skipIf(skipReason !== undefined)(
    `sign-in throttling [${dialect}]${skipReason ? ` skipped: ${skipReason}` : ""}`,
    () => {
      // The defaults: 5 free failures per username at one address, 20 per address, then 1 s doubling to 15 min.
      const ctx = useServer(dialect);
      beforeEach(async () => {
        await ctx.db().deleteFrom("signInFailures").execute();
      });
      const A = "203.0.113.7";
      const B = "198.51.100.20";
      const login = (username: string, address: string, password = "wrong password!", app = ctx.app()) =>
        app.inject({
          method: "POST",
          url: "/api/auth/login",
          remoteAddress: address,
          payload: { username, password },
        });
      const failTimes = async (times: number, username = USERNAME, address = A) => {
        const codes = [];
        for (let i = 0; i < times; i++) codes.push((await login(username, address)).statusCode);
        return codes;
      };
      /** The ISO time `ms` after `from`. */
      const later = (from: Date, ms: number) => new Date(from.getTime() + ms).toISOString();
      const auditActions = async () =>
        (await ctx.db().selectFrom("auditLog").select("action").orderBy("id").execute()).map(
          (row) => row.action,
        );

      it("lets the administrator sign in from another address after 50 failed attempts from one", async () => {
        await setUpAdmin(ctx);
        const fromA = [];
        for (let i = 0; i < 50; i++) {
          fromA.push((await login(USERNAME, A)).statusCode);
          ctx.clock.advance(15 * 60_000); // each attempt waits out the longest delay, so every one is judged
        }
        const fromAgain = [
          (await login(USERNAME, A)).statusCode,
          (await login(USERNAME, A, PASSWORD)).statusCode,
        ];

        expect((await login(USERNAME, B, PASSWORD)).statusCode).toBe(200);
        expect(fromA).toEqual(Array(50).fill(401));
        expect(fromAgain).toEqual([401, 429]); // A itself is held back: the 51st failure started a delay
      });

      it("delays further attempts from the address with a doubling Retry-After", async () => {
        await setUpAdmin(ctx);
        const start = ctx.clock.now();
        expect(await failTimes(6)).toEqual([401, 401, 401, 401, 401, 401]);
        const retryAfters = [];
        for (const wait of [1_000, 2_000, 4_000]) {
          const refused = await login(USERNAME, A);
          expect(refused.statusCode).toBe(429);
          retryAfters.push(Number(refused.headers["retry-after"]));
          ctx.clock.advance(wait);
          expect((await login(USERNAME, A)).statusCode).toBe(401);
        }
        expect(retryAfters).toEqual([1, 2, 4]);
        const refused = await login(USERNAME, A);
        expect([refused.headers["retry-after"], refused.json()]).toEqual([
          "8",
          {
            error: {
              code: "rate_limited",
              message: `too many failed sign-ins for this username from this address: retry after ${later(start, 15_000)} (in 8 s)`,
            },
          },
        ]);
        ctx.clock.advance(7_500);
        expect((await login(USERNAME, A)).headers["retry-after"]).toBe("1");
      });

      it("refuses the right password while blocked, without counting it, and accepts it after the delay", async () => {
        await setUpAdmin(ctx);
        await failTimes(6);
        for (let i = 0; i < 5; i++) expect((await login(USERNAME, A, PASSWORD)).statusCode).toBe(429);
        ctx.clock.advance(1_000);
        expect((await login(USERNAME, A, PASSWORD)).statusCode).toBe(200);
        // The success forgave this username's failures at this address: five free ones again.
        expect(await failTimes(6)).toEqual([401, 401, 401, 401, 401, 401]);
        expect((await login(USERNAME, A)).statusCode).toBe(429);
      });

      it("delays an address that tries many usernames, but not other addresses", async () => {
        const start = ctx.clock.now();
        const names = Array.from({ length: 21 }, (_, i) => `user${i}`);
        const codes = [];
        for (const name of names) codes.push((await login(name, A)).statusCode);
        expect(codes).toEqual(names.map(() => 401));
        const refused = await login("user99", A);
        expect([refused.statusCode, refused.json().error.message]).toEqual([
          429,
          `too many failed sign-ins from this address: retry after ${later(start, 1_000)} (in 1 s)`,
        ]);
        expect((await login("user99", B)).statusCode).toBe(401);
      });

      it("judges a burst of simultaneous attempts as if they came one by one", async () => {
        await setUpAdmin(ctx);
        const burst = await Promise.all(Array.from({ length: 30 }, () => login(USERNAME, A)));
        const codes = burst.map((response) => response.statusCode);
        expect(codes.filter((code) => code === 401)).toHaveLength(6);
        expect(codes.filter((code) => code === 429)).toHaveLength(24);
      });

      it("shares the counters between every app on the store", async () => {
        await setUpAdmin(ctx);
        const other = await ctx.rebuild();
        expect(await failTimes(3)).toEqual([401, 401, 401]);
        for (let i = 0; i < 3; i++) expect((await login(USERNAME, A, undefined, other)).statusCode).toBe(401);
        expect((await login(USERNAME, A)).statusCode).toBe(429);
      });

      it("forgets failures a day after the last one", async () => {
        await setUpAdmin(ctx);
        await failTimes(5);
        ctx.clock.advance(24 * HOUR + 1);
        expect(await failTimes(6)).toEqual([401, 401, 401, 401, 401, 401]);
        expect((await login(USERNAME, A)).statusCode).toBe(429);
      });

      it("keys an IPv6 client by its /64 and an IPv4-mapped one as IPv4", async () => {
        await setUpAdmin(ctx);
        for (const address of ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:aaaa::3"])
          expect(await failTimes(2, USERNAME, address)).toEqual([401, 401]);
        expect((await login(USERNAME, "2001:db8:1:2:ffff::9")).statusCode).toBe(429);
        expect((await login(USERNAME, "2001:db8:1:3::1")).statusCode).toBe(401);

        expect(await failTimes(6, USERNAME, "::ffff:192.0.2.1")).toEqual([401, 401, 401, 401, 401, 401]);
        expect((await login(USERNAME, "192.0.2.1")).statusCode).toBe(429);
      });

      it("takes the address from X-Forwarded-For only behind a trusted proxy", async () => {
        await setUpAdmin(ctx);
        const forwarded = (app: App, from: string, password = "wrong password!") =>
          app.inject({
            method: "POST",
            url: "/api/auth/login",
            remoteAddress: "10.0.0.1",
            headers: { "x-forwarded-for": from },
            payload: { username: USERNAME, password },
          });
        for (let i = 0; i < 6; i++) await forwarded(ctx.app(), `192.0.2.${i}`);
        expect((await forwarded(ctx.app(), "192.0.2.99", PASSWORD)).statusCode).toBe(429);

        const proxied = await ctx.rebuild({ trustProxy: true });
        expect((await forwarded(proxied, "192.0.2.99", PASSWORD)).statusCode).toBe(200);
        // A client writing its own X-Forwarded-For gets it appended to by the proxy (nginx's
        // $proxy_add_x_forwarded_for): only the entry the proxy added counts, the rest is the client's word.
        for (let i = 0; i < 6; i++) await forwarded(proxied, `198.51.100.${i}, 192.0.2.50`);
        expect((await forwarded(proxied, "198.51.100.77, 192.0.2.50", PASSWORD)).statusCode).toBe(429);
        expect((await forwarded(proxied, "192.0.2.51", PASSWORD)).statusCode).toBe(200);
      });

      it("audits every judged failure, and each block once however many attempts it refuses", async () => {
        await setUpAdmin(ctx);
        const start = ctx.clock.now();
        await failTimes(6);
        for (let i = 0; i < 10; i++) await login(USERNAME, A);
        ctx.clock.advance(1_000);
        await failTimes(3);
        expect(await auditActions()).toEqual([
          "setup",
          ...Array(6).fill("login_failed"),
          "login_throttled",
          "login_failed",
          "login_throttled",
        ]);
        const throttled = await ctx
          .db()
          .selectFrom("auditLog")
          .select(["actor", "ip", "detail"])
          .where("action", "=", "login_throttled")
          .orderBy("id")
          .executeTakeFirstOrThrow();
        expect({ ...throttled, detail: JSON.parse(throttled.detail!) }).toEqual({
          actor: USERNAME,
          ip: A,
          detail: {
            throttled: "username at address",
            address: A,
            failures: 6,
            blockedUntil: later(start, 1_000),
          },
        });
      });
    },
  );
}
