import { readFile } from "node:fs/promises";
import path from "node:path";
import { importPKCS8, SignJWT } from "jose";
import { applySeed, type RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFor } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { graphGet } from "../../helpers/http.js";
import { type IdentityFixture, seedIdentity } from "./fixture.js";

const LIFETIME = 600;

describe("Graph token checks", () => {
  let emulator: RunningEmulator;
  let fixture: IdentityFixture;
  let token: string;
  beforeAll(async () => {
    emulator = await startTestEmulator({ tokenLifetimeSeconds: LIFETIME });
    fixture = await seedIdentity(emulator);
    token = await tokenFor(emulator, fixture.contoso.id, fixture.crosscal, "contoso-secret");
  });
  afterAll(() => emulator.close());

  const expect401 = async (bearer: string | undefined, message: RegExp) => {
    const answer = await graphGet(emulator, bearer, "/users");
    expect(answer.status).toBe(401);
    expect(answer.body.error?.code).toBe("InvalidAuthenticationToken");
    expect(answer.body.error?.message).toMatch(message);
    expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer /);
  };

  it("refuses a missing token", async () => {
    await expect401(undefined, /Access token is empty/);
  });

  it("refuses a tampered signature", async () => {
    const [header, payload, signature] = token.split(".");
    const flipped = `${signature!.slice(0, -2)}${signature!.endsWith("AA") ? "BB" : "AA"}`;
    await expect401(`${header}.${payload}.${flipped}`, /validation failure/);
  });

  it("refuses a token for another audience, even signed with the emulator's key", async () => {
    const pem = await readFile(path.join(process.env.EMULATOR_TEST_STATE_DIR!, "signing-key.pem"), "utf8");
    const key = await importPKCS8(pem, "RS256");
    const now = Math.floor(Date.now() / 1000);
    const other = await new SignJWT({
      tid: fixture.contoso.id,
      appid: fixture.crosscal,
      roles: ["User.Read.All"],
    })
      .setProtectedHeader({ alg: "RS256", kid: emulator.ctx.identity.keyId })
      .setAudience("https://management.azure.com")
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key);
    await expect401(other, /Invalid audience/);
  });

  it("refuses a token once the emulator clock passes its expiry", async () => {
    expect((await graphGet(emulator, token, "/users")).status).toBe(200);
    emulator.ctx.clock.advance((LIFETIME + 1) * 1000);
    try {
      await expect401(token, /expired/);
    } finally {
      emulator.ctx.clock.advance(-(LIFETIME + 1) * 1000);
    }
  });

  it("never lets a tenant-A token reach tenant-B objects", async () => {
    const megan = emulator.ctx.world.userByIdOrUpn(fixture.fabrikam, "megan@fabrikam.test")!;
    const byId = await graphGet(emulator, token, `/users/${megan.id}`);
    expect(byId.status).toBe(404);
    expect(byId.body.error?.code).toBe("Request_ResourceNotFound");
    const mailbox = await graphGet(emulator, token, `/users/${megan.id}/events`);
    expect(mailbox.status).toBe(404);
    expect(mailbox.body.error?.code).toBe("ErrorInvalidUser");
  });

  it("answers 403 ErrorAccessDenied on mailboxes for a token without roles", async () => {
    const unconsented = await tokenFor(
      emulator,
      fixture.contoso.id,
      fixture.unconsented,
      "unconsented-secret",
    );
    const answer = await graphGet(emulator, unconsented, "/users/adele@contoso.test/events");
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({
      code: "ErrorAccessDenied",
      message: "Access is denied. Check credentials and try again.",
    });
  });

  it("applies an application access policy: in scope 200, out of scope 403 'Access to OData is disabled.'", async () => {
    await applySeed(emulator.ctx, {
      tenants: [
        {
          domain: "scoped.test",
          users: [{ userPrincipalName: "inside@scoped.test" }, { userPrincipalName: "outside@scoped.test" }],
          apps: [
            { displayName: "scoped", clientSecret: "scoped-secret", mailboxScope: ["inside@scoped.test"] },
          ],
        },
      ],
    });
    const tenant = emulator.ctx.world.requireTenant("scoped.test");
    const clientId = [...emulator.ctx.world.apps.values()].find((a) => a.displayName === "scoped")!.clientId;
    const scoped = await tokenFor(emulator, tenant.id, clientId, "scoped-secret");
    expect((await graphGet(emulator, scoped, "/users/inside@scoped.test/events")).status).toBe(200);
    const outside = await graphGet(emulator, scoped, "/users/outside@scoped.test/events");
    expect(outside.status).toBe(403);
    expect(outside.body.error).toMatchObject({
      code: "ErrorAccessDenied",
      message: "Access to OData is disabled.",
    });
    // The policy is Exchange's: the directory still answers.
    expect((await graphGet(emulator, scoped, "/users/outside@scoped.test")).status).toBe(200);
  });
});
