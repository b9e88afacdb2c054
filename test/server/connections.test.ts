import { createPrivateKey, randomBytes } from "node:crypto";
import { applySeed, type RunningEmulator } from "m365-emulator";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SecretBox } from "../../src/secrets/secret-box.js";
import type { App } from "../../src/server/app.js";
import { createTestCertificate, type TestCertificate } from "../emulator/identity/certificate.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { adminSession, type SignedIn, useServer } from "./fixture.js";

const SECRET = "Q7~checks-secret-value-0123456789";
const BOX = new SecretBox(randomBytes(32));
// Short limits: the checks that fail on purpose should not wait out production timeouts.
const CHECK_LIMITS = {
  deadlineMs: 10_000,
  timeoutMs: 2_000,
  retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
};

/**
 * checks.test with two mailboxes and one app per situation a live check must tell apart, plus an empty
 * tenant where none of them is registered.
 */
async function seedCheckTenants(emulator: RunningEmulator, certificate: TestCertificate) {
  await applySeed(emulator.ctx, {
    tenants: [
      {
        domain: "checks.test",
        users: [{ userPrincipalName: "adele@checks.test" }, { userPrincipalName: "megan@checks.test" }],
        apps: [
          { displayName: "crosscal", clientSecret: SECRET, certificatePem: certificate.certPem },
          { displayName: "scoped", clientSecret: SECRET, mailboxScope: ["adele@checks.test"] },
          { displayName: "unconsented", clientSecret: SECRET, consented: false },
          { displayName: "read-only", clientSecret: SECRET, roles: ["Calendars.Read", "User.Read.All"] },
          { displayName: "directory-only", clientSecret: SECRET, roles: ["User.Read.All"] },
          { displayName: "calendars-only", clientSecret: SECRET, roles: ["Calendars.ReadWrite"] },
          // RBAC for Applications as Microsoft recommends it: calendar access from an Exchange role
          // assignment scoped to Adele, and no calendar permission in Entra ID (so none in the token).
          {
            displayName: "rbac",
            clientSecret: SECRET,
            roles: ["User.Read.All"],
            exchangeRoleAssignments: [
              { role: "Application Calendars.ReadWrite", mailboxes: ["adele@checks.test"] },
            ],
          },
          {
            displayName: "rbac-bare",
            clientSecret: SECRET,
            roles: [],
            exchangeRoleAssignments: [
              { role: "Application Calendars.ReadWrite", mailboxes: ["adele@checks.test"] },
            ],
          },
        ],
      },
      { domain: "elsewhere.test", users: [{ userPrincipalName: "nobody@elsewhere.test" }] },
    ],
  });
  const clientIdOf = (name: string) =>
    [...emulator.ctx.world.apps.values()].find((app) => app.displayName === name)!.clientId;
  const names = [
    "crosscal",
    "scoped",
    "unconsented",
    "read-only",
    "directory-only",
    "calendars-only",
    "rbac",
    "rbac-bare",
  ] as const;
  return Object.fromEntries(names.map((name) => [name, clientIdOf(name)])) as Record<
    (typeof names)[number],
    string
  >;
}

describe("connections API", () => {
  // The emulator's host is allowed by name once it listens (its port is picked then).
  const endpointPolicy = { allowCustom: false, allowedHosts: [] as string[] };
  const ctx = useServer("sqlite", { secrets: BOX, connectionCheck: CHECK_LIMITS, endpointPolicy });
  let emulator: RunningEmulator;
  let certificate: TestCertificate;
  let apps: Awaited<ReturnType<typeof seedCheckTenants>>;
  let admin: SignedIn;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    endpointPolicy.allowedHosts.push(new URL(emulator.url).host);
    certificate = await createTestCertificate("crosscal connection checks");
    apps = await seedCheckTenants(emulator, certificate);
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(async () => {
    await ctx.db().deleteFrom("connections").execute();
    admin = await adminSession(ctx);
  });
  afterEach(() => {
    emulator.ctx.traffic.reset();
  });

  const emulatorCloud = () => ({
    cloud: "custom",
    endpoints: { authority: emulator.url, graph: emulator.url },
  });
  const body = (overrides: Record<string, unknown> = {}) => ({
    name: "checks",
    tenant: "checks.test",
    clientId: apps.crosscal,
    clientSecret: SECRET,
    ...emulatorCloud(),
    ...overrides,
  });
  const request = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown, app?: App) =>
    (app ?? ctx.app()).inject({
      method,
      url,
      headers: admin.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  async function create(overrides: Record<string, unknown> = {}, app?: App) {
    const response = await request("POST", "/api/connections", body(overrides), app);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string } & Record<string, unknown>;
  }
  async function check(id: string, app?: App) {
    const response = await request("POST", `/api/connections/${id}/check`, undefined, app);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      connection: { status: string; statusReason: string; checkedAt: string };
      roles: string[] | null;
    };
  }
  const statusOf = async (overrides: Record<string, unknown>) =>
    (await check((await create(overrides)).id)).connection;

  describe("secrets", () => {
    it("stores the client secret sealed for its row and never returns or logs it", async () => {
      const created = await create({ probeMailbox: "adele@checks.test" });

      expect(created).toMatchObject({
        name: "checks",
        tenant: "checks.test",
        clientId: apps.crosscal,
        credentialKind: "secret",
        hasSecret: true,
        certificateThumbprint: null,
        cloud: "custom",
        endpoints: {
          authority: emulator.url,
          graph: emulator.url,
          graphScope: "https://graph.microsoft.com/.default",
        },
        probeMailbox: "adele@checks.test",
        status: "unchecked",
        statusReason: null,
        checkedAt: null,
      });
      const row = await ctx
        .db()
        .selectFrom("connections")
        .selectAll()
        .where("id", "=", created.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(SECRET);
      expect(row.sealedCredential).toMatch(/^v1\./);
      expect(BOX.open(row.sealedCredential, `connection:${created.id}:credential`)).toBe(SECRET);
      // Bound to its row: the same value does not open as another connection's.
      expect(() => BOX.open(row.sealedCredential, "connection:someone-else:credential")).toThrow();

      const answers = [
        await request("GET", "/api/connections"),
        await request("GET", `/api/connections/${created.id}`),
        await request("POST", `/api/connections/${created.id}/check`),
        await request("GET", "/api/audit"),
      ];
      for (const answer of answers) {
        expect(answer.statusCode).toBe(200);
        expect(answer.body).not.toContain(SECRET);
      }
      expect(ctx.log.text).toContain("connection checked");
      expect(ctx.log.text).not.toContain(SECRET);
    });

    it("stores a certificate's key sealed, shows only its thumbprint, and signs in with it", async () => {
      const created = await create({
        clientSecret: undefined,
        certificate: { certificatePem: certificate.certPem, privateKey: certificate.privateKeyPem },
        probeMailbox: "adele@checks.test",
      });
      expect(created).toMatchObject({
        credentialKind: "certificate",
        hasSecret: true,
        certificateThumbprint: certificate.sha256Hex,
      });
      const row = await ctx
        .db()
        .selectFrom("connections")
        .selectAll()
        .where("id", "=", created.id)
        .executeTakeFirstOrThrow();
      const keyBody = certificate.privateKeyPem.split("\n")[1]!;
      expect(JSON.stringify(row)).not.toContain(keyBody);
      expect(row.certificatePem).toContain("BEGIN CERTIFICATE");

      expect((await check(created.id)).connection.status).toBe("connected");
    });

    it("decrypts an encrypted private key with its passphrase, and refuses it without", async () => {
      const encrypted = String(
        createPrivateKey(certificate.privateKeyPem).export({
          type: "pkcs8",
          format: "pem",
          cipher: "aes-256-cbc",
          passphrase: "key passphrase",
        }),
      );
      const withKey = (extra: Record<string, unknown>) => ({
        clientSecret: undefined,
        certificate: { certificatePem: certificate.certPem, privateKey: encrypted, ...extra },
        probeMailbox: "adele@checks.test",
      });
      const refused = await request("POST", "/api/connections", body(withKey({})));
      expect([refused.statusCode, refused.json().error.field]).toEqual([400, "body/certificate/privateKey"]);
      const created = await create(withKey({ passphrase: "key passphrase" }));
      const row = await ctx
        .db()
        .selectFrom("connections")
        .selectAll()
        .where("id", "=", created.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain("key passphrase");
      expect((await check(created.id)).connection.status).toBe("connected");
    });

    it("replaces the secret on edit when one is given and keeps it when none is", async () => {
      const created = await create({ clientSecret: "not-the-secret" });
      expect((await check(created.id)).connection.status).toBe("bad_credentials");

      const fixed = await request("PATCH", `/api/connections/${created.id}`, { clientSecret: SECRET });
      expect(fixed.statusCode, fixed.body).toBe(200);
      // The last check described the old secret.
      expect(fixed.json()).toMatchObject({ status: "unchecked", statusReason: null, checkedAt: null });
      expect((await check(created.id)).connection.status).toBe("connected");

      const renamed = await request("PATCH", `/api/connections/${created.id}`, { name: "checks-hq" });
      expect(renamed.json()).toMatchObject({ name: "checks-hq", status: "connected", hasSecret: true });
      const probe = await request("PATCH", `/api/connections/${created.id}`, {
        probeMailbox: "megan@checks.test",
      });
      expect(probe.json()).toMatchObject({ probeMailbox: "megan@checks.test", status: "unchecked" });
      expect((await check(created.id)).connection.status).toBe("connected");
    });

    it("switches a connection from a secret to a certificate and back to a named cloud", async () => {
      const created = await create();
      const switched = await request("PATCH", `/api/connections/${created.id}`, {
        certificate: { certificatePem: certificate.certPem, privateKey: certificate.privateKeyPem },
      });
      expect(switched.json()).toMatchObject({
        credentialKind: "certificate",
        certificateThumbprint: certificate.sha256Hex,
      });
      expect((await check(created.id)).connection.status).toBe("connected");

      // The stored key was given for the emulator's hosts: another cloud needs a credential again.
      const moved = await request("PATCH", `/api/connections/${created.id}`, { cloud: "usgov" });
      expect([moved.statusCode, moved.json().error.code]).toEqual([400, "credential_required"]);
      const global = await request("PATCH", `/api/connections/${created.id}`, {
        cloud: "usgov",
        clientSecret: SECRET,
      });
      expect(global.json()).toMatchObject({ cloud: "usgov", endpoints: null, status: "unchecked" });
    });

    it("reports a secret sealed under another key as an error to fix, without revealing anything", async () => {
      const created = await create();
      const otherKey = await ctx.rebuild({
        secrets: new SecretBox(randomBytes(32)),
        connectionCheck: CHECK_LIMITS,
      });
      const result = await check(created.id, otherKey);
      expect(result.connection.status).toBe("error");
      expect(result.connection.statusReason).toMatch(/sealed with key .+ but the current secret key is/);
      expect(result.connection.statusReason).toContain("enter the secret again");
    });

    it("answers 503 when the server has no secret key", async () => {
      const keyless = await ctx.rebuild({ secrets: undefined });
      const response = await request("POST", "/api/connections", body(), keyless);
      expect([response.statusCode, response.json().error.code]).toEqual([503, "secrets_unavailable"]);
      expect(await ctx.db().selectFrom("connections").selectAll().execute()).toEqual([]);
    });
  });

  describe("live check against the emulator", () => {
    it("says connected after reading the probe mailbox's calendar, or the directory without one", async () => {
      const withProbe = await create({ probeMailbox: "adele@checks.test" });
      const result = await check(withProbe.id);
      expect(result.connection).toMatchObject({
        status: "connected",
        statusReason: "read the calendar of adele@checks.test",
        checkedAt: ctx.clock.now().toISOString(),
      });
      expect(result.roles).toContain("Calendars.ReadWrite");
      expect(await statusOf({ name: "directory" })).toMatchObject({
        status: "connected",
        statusReason: "read the directory (no probe mailbox set)",
      });
      const stored = await request("GET", `/api/connections/${withProbe.id}`);
      expect(stored.json()).toMatchObject({ status: "connected", checkedAt: ctx.clock.now().toISOString() });
    });

    it("says bad_credentials for a wrong secret (AADSTS7000215)", async () => {
      const connection = await statusOf({ clientSecret: "wrong-secret-value" });
      expect(connection.status).toBe("bad_credentials");
      expect(connection.statusReason).toContain("AADSTS7000215");
      expect(connection.statusReason).not.toContain("wrong-secret-value");
    });

    it("says bad_credentials for a certificate the app registration does not know", async () => {
      const stranger = await createTestCertificate("not uploaded");
      const connection = await statusOf({
        clientSecret: undefined,
        certificate: { certificatePem: stranger.certPem, privateKey: stranger.privateKeyPem },
      });
      expect(connection.status).toBe("bad_credentials");
      expect(connection.statusReason).toContain("AADSTS700027");
    });

    it("says consent_missing for a token without roles and for an app never consented in the tenant", async () => {
      const noRoles = await statusOf({ clientId: apps.unconsented });
      expect(noRoles.status).toBe("consent_missing");
      expect(noRoles.statusReason).toContain("admin consent");
      // The app exists only in checks.test: in elsewhere.test nobody consented to it (AADSTS700016).
      const elsewhere = await statusOf({ name: "elsewhere", tenant: "elsewhere.test" });
      expect(elsewhere.status).toBe("consent_missing");
      expect(elsewhere.statusReason).toContain("AADSTS700016");
    });

    it("says permission_missing when a calendar permission or the write permission is missing", async () => {
      const noCalendars = await statusOf({
        clientId: apps["directory-only"],
        probeMailbox: "adele@checks.test",
      });
      expect(noCalendars.status).toBe("permission_missing");
      expect(noCalendars.statusReason).toContain("ErrorAccessDenied");
      const readOnly = await statusOf({
        name: "read-only",
        clientId: apps["read-only"],
        probeMailbox: "adele@checks.test",
      });
      expect(readOnly.status).toBe("permission_missing");
      expect(readOnly.statusReason).toContain("Calendars.ReadWrite");
      const noDirectory = await statusOf({ name: "no-directory", clientId: apps["calendars-only"] });
      expect(noDirectory.status).toBe("permission_missing");
      expect(noDirectory.statusReason).toContain("User.Read.All");
    });

    it("says mailbox_out_of_scope for a mailbox outside the app's Exchange scope", async () => {
      const inScope = await statusOf({ clientId: apps.scoped, probeMailbox: "adele@checks.test" });
      expect(inScope.status).toBe("connected");
      const outOfScope = await statusOf({
        name: "scoped",
        clientId: apps.scoped,
        probeMailbox: "megan@checks.test",
      });
      expect(outOfScope.status).toBe("mailbox_out_of_scope");
      expect(outOfScope.statusReason).toContain("megan@checks.test");
    });

    it("says connected when Exchange lets a token without calendar roles read the probe (RBAC for Applications)", async () => {
      const result = await check(
        (await create({ name: "rbac", clientId: apps.rbac, probeMailbox: "adele@checks.test" })).id,
      );
      expect(result.roles).toEqual(["User.Read.All"]);
      expect(result.connection.status).toBe("connected");
      expect(result.connection.statusReason).toMatch(/^read the calendar of adele@checks\.test; /);
      expect(result.connection.statusReason).toContain("RBAC for Applications");
      expect(result.connection.statusReason).toContain("Application Calendars.ReadWrite");
      expect(result.connection.statusReason).toContain("cannot tell without writing");
      // No roles at all: the probe is read all the same.
      const bare = await statusOf({
        name: "rbac-bare",
        clientId: apps["rbac-bare"],
        probeMailbox: "adele@checks.test",
      });
      expect(bare.status).toBe("connected");
      expect(bare.statusReason).toContain("it has no application permissions");
    });

    it("names both causes when Exchange refuses the probe and the token holds no calendar role", async () => {
      const outside = await statusOf({
        name: "rbac",
        clientId: apps.rbac,
        probeMailbox: "megan@checks.test",
      });
      expect(outside.status).toBe("permission_missing");
      expect(outside.statusReason).toContain("403 ErrorAccessDenied");
      expect(outside.statusReason).toContain("no calendar permission at all");
      expect(outside.statusReason).toContain("whose scope leaves megan@checks.test out");
      const bare = await statusOf({
        name: "rbac-bare",
        clientId: apps["rbac-bare"],
        probeMailbox: "megan@checks.test",
      });
      expect(bare.status).toBe("consent_missing");
      expect(bare.statusReason).toContain("whose scope leaves megan@checks.test out");
      // Without a probe mailbox nothing tells Exchange's grant: the check says to set one.
      const noProbe = await statusOf({ name: "rbac-no-probe", clientId: apps.rbac });
      expect(noProbe.status).toBe("permission_missing");
      expect(noProbe.statusReason).toContain("set a probe mailbox");
      const nothing = await statusOf({ name: "rbac-bare-no-probe", clientId: apps["rbac-bare"] });
      expect(nothing.status).toBe("consent_missing");
    });

    it("says mailbox_not_found for a probe mailbox the tenant does not have", async () => {
      const connection = await statusOf({ probeMailbox: "ghost@checks.test" });
      expect(connection.status).toBe("mailbox_not_found");
    });

    it("says tenant_not_found for a tenant the cloud does not know (AADSTS90002)", async () => {
      const connection = await statusOf({ tenant: "nowhere.test" });
      expect(connection.status).toBe("tenant_not_found");
      expect(connection.statusReason).toContain("nowhere.test");
    });

    it("says unreachable when Entra ID does not answer, Graph keeps failing, or Graph is too slow", async () => {
      endpointPolicy.allowedHosts.push("127.0.0.1:1");
      const closed = await statusOf({
        name: "closed",
        endpoints: { authority: "https://127.0.0.1:1", graph: "https://127.0.0.1:1" },
      });
      endpointPolicy.allowedHosts.pop();
      expect(closed.status).toBe("unreachable");
      // The same words for a refused port, a timeout or a TLS failure: a check is no port scanner.
      expect(closed.statusReason).not.toMatch(/ECONNREFUSED|refused|127\.0\.0\.1|:1\b/);

      emulator.ctx.traffic.addFault({ path: "/users", status: 503 });
      const failing = await statusOf({ name: "failing", probeMailbox: "adele@checks.test" });
      expect(failing.status).toBe("unreachable");
      expect(failing.statusReason).toContain("503");
      emulator.ctx.traffic.clearFaults();

      emulator.ctx.traffic.setLatency(3_000);
      const impatient = await ctx.rebuild({
        secrets: BOX,
        connectionCheck: { ...CHECK_LIMITS, timeoutMs: 200, retry: { maxAttempts: 1 } },
      });
      const slow = await create({ name: "slow", probeMailbox: "adele@checks.test" }, impatient);
      expect((await check(slow.id, impatient)).connection.status).toBe("unreachable");
    });
  });

  describe("bad input", () => {
    const expectRefused = async (payload: unknown, status: number, code: string, field?: string) => {
      const response = await request("POST", "/api/connections", payload);
      const error = response.json().error;
      expect([response.statusCode, error.code, error.field]).toEqual([status, code, field]);
      expect(typeof error.message).toBe("string");
    };

    it("refuses a connection without a credential, or with two", async () => {
      await expectRefused(body({ clientSecret: undefined }), 400, "invalid_request", "body/clientSecret");
      await expectRefused(
        body({ certificate: { certificatePem: certificate.certPem, privateKey: certificate.privateKeyPem } }),
        400,
        "invalid_request",
        "body/certificate",
      );
      await expectRefused(body({ clientSecret: "   " }), 400, "invalid_request", "body/clientSecret");
      expect(await ctx.db().selectFrom("connections").selectAll().execute()).toEqual([]);
    });

    it("refuses malformed PEM, a key that is not the certificate's, and says nothing of the key", async () => {
      const other = await createTestCertificate("another");
      const cert = (certificatePem: string, privateKey: string) =>
        body({ clientSecret: undefined, certificate: { certificatePem, privateKey } });
      await expectRefused(
        cert("not a pem", certificate.privateKeyPem),
        400,
        "invalid_request",
        "body/certificate/certificatePem",
      );
      await expectRefused(
        cert("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", certificate.privateKeyPem),
        400,
        "invalid_request",
        "body/certificate/certificatePem",
      );
      const garbledKey =
        "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----";
      const garbled = await request("POST", "/api/connections", cert(certificate.certPem, garbledKey));
      expect([garbled.statusCode, garbled.json().error.field]).toEqual([400, "body/certificate/privateKey"]);
      expect(garbled.body).not.toContain("c2VjcmV0LWtleS1tYXRlcmlhbA");
      await expectRefused(
        cert(certificate.certPem, other.privateKeyPem),
        400,
        "invalid_request",
        "body/certificate/privateKey",
      );
    });

    it("refuses an unknown cloud, endpoints that do not fit the cloud, and plain http", async () => {
      await expectRefused(body({ cloud: "mars" }), 400, "invalid_request", "body/cloud");
      await expectRefused(
        body({ cloud: "custom", endpoints: undefined }),
        400,
        "invalid_request",
        "body/endpoints",
      );
      await expectRefused(body({ cloud: "global" }), 400, "invalid_request", "body/endpoints");
      await expectRefused(
        body({ endpoints: { authority: "http://login.example", graph: emulator.url } }),
        400,
        "invalid_request",
        "body/endpoints",
      );
      await expectRefused(
        body({
          endpoints: {
            authority: emulator.url,
            graph: emulator.url,
            graphScope: "https://graph.microsoft.com",
          },
        }),
        400,
        "invalid_request",
        "body/endpoints/graphScope",
      );
      await expectRefused(body({ tenant: "not a tenant" }), 400, "invalid_request", "body/tenant");
      await expectRefused(body({ clientId: "crosscal" }), 400, "invalid_request", "body/clientId");
      await expectRefused(body({ name: "has space" }), 400, "invalid_request", "body/name");
    });

    it("answers 409 for a name already taken, on create and on rename", async () => {
      const first = await create();
      await expectRefused(body(), 409, "connection_name_taken", "body/name");
      const second = await create({ name: "second" });
      const rename = await request("PATCH", `/api/connections/${second.id}`, { name: "checks" });
      expect([rename.statusCode, rename.json().error.code]).toEqual([409, "connection_name_taken"]);
      expect(
        (await ctx.db().selectFrom("connections").select("name").orderBy("name").execute()).map(
          (r) => r.name,
        ),
      ).toEqual(["checks", "second"]);
      expect(first.id).not.toBe(second.id);
    });

    it("answers 404 for an unknown connection on every route", async () => {
      const id = "00000000-0000-4000-8000-000000000000";
      for (const [method, url] of [
        ["GET", `/api/connections/${id}`],
        ["PATCH", `/api/connections/${id}`],
        ["DELETE", `/api/connections/${id}`],
        ["POST", `/api/connections/${id}/check`],
      ] as const) {
        const response = await request(method, url, method === "PATCH" ? { name: "x" } : undefined);
        expect([method, response.statusCode, response.json().error.code]).toEqual([
          method,
          404,
          "connection_not_found",
        ]);
      }
    });
  });

  it("deletes a connection and audit-logs every action without a secret", async () => {
    const created = await create();
    await request("PATCH", `/api/connections/${created.id}`, { clientSecret: SECRET });
    await check(created.id);
    const deleted = await request("DELETE", `/api/connections/${created.id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await request("GET", `/api/connections/${created.id}`)).statusCode).toBe(404);
    expect(await ctx.db().selectFrom("connections").selectAll().execute()).toEqual([]);

    const audit = (await request("GET", "/api/audit")).json() as {
      entries: Array<{ action: string; actor: string; detail: Record<string, unknown> }>;
    };
    const actions = audit.entries.filter((entry) => entry.action.startsWith("connection_"));
    expect(actions.map((entry) => [entry.action, entry.actor])).toEqual([
      ["connection_deleted", "admin"],
      ["connection_checked", "admin"],
      ["connection_updated", "admin"],
      ["connection_created", "admin"],
    ]);
    expect(actions[1]!.detail).toMatchObject({
      connectionId: created.id,
      name: "checks",
      status: "connected",
    });
    // Only what changed, by the API's names: the same secret given as a new one would not be listed.
    expect(actions[2]!.detail).toEqual({ connectionId: created.id, name: "checks", changed: ["credential"] });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });
});
