import { describe, expect, it } from "vitest";
import { issueSetupTokenIfNeeded, SETUP_TOKEN_LIFETIME_MS } from "../../src/server/auth/setup.js";
import { countAdmins } from "../../src/store/admin-users.js";
import { PASSWORD, signIn, USERNAME, useServer } from "./fixture.js";

describe("first-run setup", () => {
  const ctx = useServer();
  const setup = (body: Record<string, unknown>) =>
    ctx.app().inject({ method: "POST", url: "/api/setup", payload: body });

  it("creates the admin with the printed token, which is then used up", async () => {
    const setupToken = await issueSetupTokenIfNeeded(ctx.db(), ctx.clock.now());
    expect(setupToken).toMatch(/^ccsetup_[A-Za-z0-9_-]{43}$/);

    const created = await setup({ setupToken, username: USERNAME, password: PASSWORD });
    expect([created.statusCode, created.json()]).toEqual([201, { username: USERNAME }]);
    expect(await countAdmins(ctx.db())).toBe(1);
    await signIn(ctx.app());

    const again = await setup({ setupToken, username: "second", password: PASSWORD });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("already_set_up");
    expect(await countAdmins(ctx.db())).toBe(1);
    expect(await issueSetupTokenIfNeeded(ctx.db(), ctx.clock.now())).toBeUndefined();
  });

  it("stores only the token's hash", async () => {
    const setupToken = await issueSetupTokenIfNeeded(ctx.db(), ctx.clock.now());
    const rows = await ctx.db().selectFrom("adminSetupTokens").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(setupToken!.slice(8));
  });

  it("refuses a wrong token, an expired one, and an earlier one replaced by a restart", async () => {
    const first = await issueSetupTokenIfNeeded(ctx.db(), ctx.clock.now());
    const second = await issueSetupTokenIfNeeded(ctx.db(), ctx.clock.now());
    const body = { username: USERNAME, password: PASSWORD };

    const wrong = await setup({ ...body, setupToken: "ccsetup_guess" });
    const replaced = await setup({ ...body, setupToken: first });
    ctx.clock.advance(SETUP_TOKEN_LIFETIME_MS);
    const expired = await setup({ ...body, setupToken: second });

    expect([wrong, replaced, expired].map((r) => [r.statusCode, r.json().error.code])).toEqual([
      [403, "setup_token_invalid"],
      [403, "setup_token_invalid"],
      [403, "setup_token_expired"],
    ]);
    expect(await countAdmins(ctx.db())).toBe(0);
  });

  it("lets only one of two concurrent setups with the same token win", async () => {
    const setupToken = await issueSetupTokenIfNeeded(ctx.db(), ctx.clock.now());
    const results = await Promise.all([
      setup({ setupToken, username: "first", password: PASSWORD }),
      setup({ setupToken, username: "second", password: PASSWORD }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 403]);
    expect(await countAdmins(ctx.db())).toBe(1);
  });

  it("tells anyone whether setup is still needed, until the administrator exists", async () => {
    const needed = () => ctx.app().inject({ method: "GET", url: "/api/setup" });
    const before = await needed();
    expect([before.statusCode, before.json()]).toEqual([200, { needed: true }]);
    const setupToken = await issueSetupTokenIfNeeded(ctx.db(), ctx.clock.now());
    await setup({ setupToken, username: USERNAME, password: PASSWORD });
    expect((await needed()).json()).toEqual({ needed: false });
  });

  it("requires a password of at least 12 characters, naming the field", async () => {
    const setupToken = await issueSetupTokenIfNeeded(ctx.db(), ctx.clock.now());
    const response = await setup({ setupToken, username: USERNAME, password: "short" });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "invalid_request", field: "body/password" });
    expect(response.json().error.message).toContain("12");
    // The token was not used up by the refused attempt.
    expect((await setup({ setupToken, username: USERNAME, password: PASSWORD })).statusCode).toBe(201);
  });
});
