import { randomBytes } from "node:crypto";
import { applySeed, type RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ConsentApp } from "../../src/connections/consent-app.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import type { App } from "../../src/server/app.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { controlCall } from "../helpers/http.js";
import { adminSession, type SignedIn, useServer } from "./fixture.js";

const BOX = new SecretBox(randomBytes(32));
const SECRET = "Q7~multi-tenant-app-secret-0123456789";
const PUBLIC_URL = "https://crosscal.example.test";
const CALLBACK = `${PUBLIC_URL}/api/connections/consent`;
const CHECK_LIMITS = {
  deadlineMs: 10_000,
  timeoutMs: 2_000,
  retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
};

/** The deployment's app lives in its publisher's tenant; contoso and fabrikam have not consented to it yet. */
async function seedPublisher(emulator: RunningEmulator): Promise<string> {
  await applySeed(emulator.ctx, {
    tenants: [
      {
        domain: "publisher.test",
        apps: [
          { displayName: "crosscal-saas", multiTenant: true, clientSecret: SECRET, redirectUris: [CALLBACK] },
        ],
      },
      { domain: "contoso.test", users: [{ userPrincipalName: "adele@contoso.test" }] },
      { domain: "fabrikam.test", users: [{ userPrincipalName: "megan@fabrikam.test" }] },
    ],
  });
  return [...emulator.ctx.world.apps.values()].find((app) => app.displayName === "crosscal-saas")!.clientId;
}

describe("connections through admin consent", () => {
  // The emulator's host is allowed by name once it listens (its port is picked then).
  const endpointPolicy = { allowCustom: false, allowedHosts: [] as string[] };
  const ctx = useServer("sqlite", {
    secrets: BOX,
    connectionCheck: CHECK_LIMITS,
    publicUrl: PUBLIC_URL,
    endpointPolicy,
  });
  let emulator: RunningEmulator;
  let consentApp: ConsentApp;
  let app: App;
  let admin: SignedIn;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    endpointPolicy.allowedHosts.push(new URL(emulator.url).host);
    const clientId = await seedPublisher(emulator);
    consentApp = {
      clientId,
      clientSecret: SECRET,
      cloud: "custom",
      endpoints: { authority: emulator.url, graph: emulator.url },
    };
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(async () => {
    await ctx.db().deleteFrom("connections").execute();
    await ctx.db().deleteFrom("consentRequests").execute();
    for (const tenant of ["contoso.test", "fabrikam.test"]) {
      const revoked = await controlCall(
        emulator,
        "PUT",
        `/tenants/${tenant}/servicePrincipals/${consentApp.clientId}`,
        {
          consented: false,
        },
      );
      expect(revoked.status).toBe(200);
    }
    await decide("accept");
    admin = await adminSession(ctx);
    app = await ctx.rebuild({ consentApp });
  });

  async function decide(decision: "accept" | "deny", tenant?: string) {
    const answer = await controlCall(emulator, "PUT", "/consent-decision", {
      decision,
      ...(tenant && { tenant }),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
  const tenantId = (domain: string) => emulator.ctx.world.requireTenant(domain).id;

  async function start(
    payload: Record<string, unknown> = { name: "contoso", tenant: "contoso.test" },
    on = app,
  ) {
    return on.inject({ method: "POST", url: "/api/connections/consent", headers: admin.headers, payload });
  }
  async function consentUrl(payload?: Record<string, unknown>): Promise<string> {
    const response = await start(payload);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { url: string }).url;
  }
  /** What the administrator's browser does: Entra ID's page, then its redirect, which we take apart. */
  async function followConsent(url: string): Promise<string> {
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(location.origin + location.pathname).toBe(CALLBACK);
    return location.pathname + location.search;
  }
  const callback = (path: string) => app.inject({ method: "GET", url: path });
  const connections = () => ctx.db().selectFrom("connections").selectAll().execute();
  const auditActions = async () =>
    (await ctx.db().selectFrom("auditLog").select("action").orderBy("id").execute()).map((row) => row.action);

  it("makes a one-time consent URL, then creates the connection Entra ID sends back and checks it", async () => {
    const started = await start();
    expect(started.statusCode, started.body).toBe(200);
    const { url, expiresAt } = started.json() as { url: string; expiresAt: string };
    expect(expiresAt).toBe(new Date(ctx.clock.now().getTime() + 15 * 60_000).toISOString());
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe(`${emulator.url}/contoso.test/adminconsent`);
    expect(parsed.searchParams.get("client_id")).toBe(consentApp.clientId);
    expect(parsed.searchParams.get("redirect_uri")).toBe(CALLBACK);
    const state = parsed.searchParams.get("state")!;
    expect(Buffer.from(state, "base64url")).toHaveLength(32);
    // Only its hash is stored.
    const pending = await ctx.db().selectFrom("consentRequests").selectAll().execute();
    expect(pending).toHaveLength(1);
    expect(JSON.stringify(pending)).not.toContain(state);

    const page = await callback(await followConsent(url));
    expect(page.statusCode, page.body).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body).toContain("Connection contoso is connected");
    expect(page.body).not.toContain(state);
    // Back to the dashboard's list of connections, where the new one shows.
    expect(page.body).toContain('<a href="/connections">Back to crosscal</a>');

    const [row] = await connections();
    expect(row).toMatchObject({
      name: "contoso",
      tenant: tenantId("contoso.test"),
      clientId: consentApp.clientId,
      credentialKind: "secret",
      cloud: "custom",
      authorityHost: emulator.url,
      status: "connected",
      recheckAt: null,
    });
    expect(BOX.open(row!.sealedCredential, `connection:${row!.id}:credential`)).toBe(SECRET);
    expect(await ctx.db().selectFrom("consentRequests").selectAll().execute()).toEqual([]);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(["connection_consent_requested", "connection_created"]),
    );
    const created = await ctx
      .db()
      .selectFrom("auditLog")
      .selectAll()
      .where("action", "=", "connection_created")
      .executeTakeFirstOrThrow();
    expect(created.actor).toBe("admin");
    expect(created.detail).not.toContain(SECRET);

    // The API shows it like any other connection.
    const listed = await app.inject({ method: "GET", url: "/api/connections", headers: admin.headers });
    expect(listed.json().connections).toEqual([
      expect.objectContaining({ name: "contoso", status: "connected", recheckAt: null }),
    ]);
  });

  it("lets the administrator's own tenant answer when no tenant is named (/organizations)", async () => {
    await decide("accept", "fabrikam.test");
    const url = await consentUrl({ name: "fabrikam" });
    expect(new URL(url).pathname).toBe("/organizations/adminconsent");
    const page = await callback(await followConsent(url));
    expect(page.statusCode, page.body).toBe(200);
    expect(await connections()).toEqual([
      expect.objectContaining({ name: "fabrikam", tenant: tenantId("fabrikam.test"), status: "connected" }),
    ]);
  });

  it("refuses a replayed state: the link works once", async () => {
    const path = await followConsent(await consentUrl());
    expect((await callback(path)).statusCode).toBe(200);
    const replay = await callback(path);
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain("unknown or was used already");
    expect(await connections()).toHaveLength(1);
  });

  it("keeps the state out of the request log", async () => {
    const path = await followConsent(await consentUrl());
    const state = new URL(path, PUBLIC_URL).searchParams.get("state")!;
    expect((await callback(path)).statusCode).toBe(200);
    expect(ctx.log.text).toContain("state=[redacted]");
    expect(ctx.log.text).not.toContain(state);
  });

  it("refuses an expired state and creates nothing", async () => {
    const path = await followConsent(await consentUrl());
    ctx.clock.advance(15 * 60_000 + 1);
    const page = await callback(path);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain("This consent link has expired.");
    expect(await connections()).toEqual([]);
  });

  it("refuses a forged state, or none, and creates nothing", async () => {
    const path = await followConsent(await consentUrl());
    const forged = path.replace(/state=[^&]+/, `state=${randomBytes(32).toString("base64url")}`);
    const answers = [
      await callback(forged),
      await callback(`/api/connections/consent?admin_consent=True&tenant=${tenantId("contoso.test")}`),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([400, 400]);
    expect(answers[0]!.body).toContain("unknown or was used already");
    expect(answers[1]!.body).toContain("carries no state");
    expect(await connections()).toEqual([]);
    // The genuine link still works.
    expect((await callback(path)).statusCode).toBe(200);
  });

  it("reports denied consent, creates nothing and uses the state up", async () => {
    await decide("deny");
    const path = await followConsent(await consentUrl());
    const page = await callback(path);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain(
      "The administrator did not grant consent: permission_denied (The admin canceled the request).",
    );
    expect(await connections()).toEqual([]);
    expect(await auditActions()).toContain("connection_consent_failed");
    // The same state with a made-up success is no way in.
    const state = new URL(path, PUBLIC_URL).searchParams.get("state")!;
    const forged = await callback(
      `/api/connections/consent?admin_consent=True&tenant=${tenantId("contoso.test")}&state=${state}`,
    );
    expect(forged.statusCode).toBe(400);
    expect(await connections()).toEqual([]);
  });

  it("refuses a callback with a valid state but without consent or a tenant ID, or with a foreign tenant", async () => {
    const bare = new URL(await followConsent(await consentUrl({ name: "one" })), PUBLIC_URL);
    bare.searchParams.delete("admin_consent");
    const other = new URL(
      await followConsent(await consentUrl({ name: "two", tenant: tenantId("contoso.test") })),
      PUBLIC_URL,
    );
    other.searchParams.set("tenant", tenantId("fabrikam.test"));
    const pages = [
      await callback(bare.pathname + bare.search),
      await callback(other.pathname + other.search),
    ];
    expect(pages.map((page) => page.statusCode)).toEqual([400, 400]);
    expect(pages[0]!.body).toContain("lacks admin_consent=True or the tenant ID");
    expect(pages[1]!.body).toContain(`not in ${tenantId("contoso.test")} as requested`);
    expect(await connections()).toEqual([]);
  });

  it("escapes what Entra ID (or anyone) puts in the error description", async () => {
    const path = await followConsent(await consentUrl());
    const url = new URL(path, PUBLIC_URL);
    url.searchParams.delete("admin_consent");
    url.searchParams.set("error", "access_denied");
    url.searchParams.set("error_description", "<script>alert(1)</script>");
    const page = await callback(url.pathname + url.search);
    expect(page.statusCode).toBe(400);
    expect(page.body).not.toContain("<script>");
    expect(page.body).toContain("&lt;script&gt;");
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
  });

  it("refuses to start without the app, without a public URL, for a taken name or an invalid one", async () => {
    const withoutApp = await start(undefined, ctx.app());
    const withoutUrl = await start(undefined, await ctx.rebuild({ consentApp, publicUrl: undefined }));
    await ctx.db().deleteFrom("consentRequests").execute();
    expect((await callback(await followConsent(await consentUrl()))).statusCode).toBe(200);
    const taken = await start();
    const invalid = await start({ name: "no spaces allowed" });
    expect(
      [withoutApp, withoutUrl, taken, invalid].map((answer) => [answer.statusCode, answer.json().error.code]),
    ).toEqual([
      [409, "consent_app_missing"],
      [409, "public_url_missing"],
      [409, "connection_name_taken"],
      [400, "invalid_request"],
    ]);
  });

  it("creates nothing when the name was taken while the administrator was away", async () => {
    const path = await followConsent(await consentUrl());
    const made = await app.inject({
      method: "POST",
      url: "/api/connections",
      headers: admin.headers,
      payload: {
        name: "contoso",
        tenant: "contoso.test",
        clientId: consentApp.clientId,
        clientSecret: SECRET,
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const page = await callback(path);
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain("A connection named &quot;contoso&quot; exists already.");
    expect(await connections()).toHaveLength(1);
  });

  it("uses the state up even when creating the connection fails, so the link cannot be replayed", async () => {
    const path = await followConsent(await consentUrl());
    // This server cannot seal the secret (no key): the connection cannot be made.
    const keyless = await ctx.rebuild({ consentApp, secrets: undefined });
    const failed = await keyless.inject({ method: "GET", url: path });
    expect(failed.statusCode).toBe(503);
    expect(await connections()).toEqual([]);
    const replayed = await callback(path);
    expect(replayed.statusCode).toBe(400);
    expect(replayed.body).toContain("unknown or was used already");
    expect(await connections()).toEqual([]);
  });

  it("schedules re-checks while consent is missing and shows when in the connection", async () => {
    const made = await app.inject({
      method: "POST",
      url: "/api/connections",
      headers: admin.headers,
      payload: {
        name: "fabrikam",
        tenant: "fabrikam.test",
        clientId: consentApp.clientId,
        clientSecret: SECRET,
        cloud: "custom",
        endpoints: { authority: emulator.url, graph: emulator.url },
      },
    });
    expect(made.json()).toMatchObject({ status: "unchecked", recheckAt: null });
    const checked = await app.inject({
      method: "POST",
      url: `/api/connections/${made.json().id}/check`,
      headers: admin.headers,
    });
    expect(checked.json().connection).toMatchObject({
      status: "consent_missing",
      recheckAt: new Date(ctx.clock.now().getTime() + 15_000).toISOString(),
    });
    // A change voids the schedule with the check; the next check starts it again.
    const edited = await app.inject({
      method: "PATCH",
      url: `/api/connections/${made.json().id}`,
      headers: admin.headers,
      payload: { clientSecret: `${SECRET}-new` },
    });
    expect(edited.json()).toMatchObject({ status: "unchecked", recheckAt: null });
  });
});
