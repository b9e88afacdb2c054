import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { applySeed, type RunningEmulator } from "m365-emulator";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { Receiver } from "../helpers/webhook-receiver.js";
import { adminSession, createApiToken, type SignedIn, useServer } from "./fixture.js";

/**
 * What a security review reproduced: an API caller could make the service send a server file, an
 * environment variable or a stored credential (or a live Graph token) to a host of its choosing. Here that
 * host is a listener on 127.0.0.1, allowed by the deployment's policy like the emulator, so only the
 * credential rules stand between a caller and it; it must receive nothing at all.
 */

const SECRET = "Q7~redirect-secret-value-0123456789";
const FILE_SECRET = `file-secret-${randomBytes(8).toString("hex")}`;
const ENV_SECRET = `env-secret-${randomBytes(8).toString("hex")}`;
const ENV_NAME = "CROSSCAL_TEST_REDIRECT_SECRET";
const BOX = new SecretBox(randomBytes(32));
const CHECK_LIMITS = { deadlineMs: 10_000, timeoutMs: 2_000, retry: { maxAttempts: 1 } };

describe("credentials go only where they were given for", () => {
  const endpointPolicy = { allowCustom: false, allowedHosts: [] as string[] };
  const ctx = useServer("sqlite", { secrets: BOX, connectionCheck: CHECK_LIMITS, endpointPolicy });
  let emulator: RunningEmulator;
  let listener: Receiver;
  let clientId: string;
  let folder: string;
  let secretFile: string;
  let admin: SignedIn;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    await applySeed(emulator.ctx, {
      tenants: [
        {
          domain: "redirect.test",
          users: [{ userPrincipalName: "adele@redirect.test" }],
          apps: [{ displayName: "crosscal", clientSecret: SECRET }],
        },
      ],
    });
    clientId = [...emulator.ctx.world.apps.values()].find((app) => app.displayName === "crosscal")!.clientId;
    listener = await Receiver.start(emulator);
    endpointPolicy.allowedHosts.push(new URL(emulator.url).host, new URL(listener.url).host);
    folder = await mkdtemp(path.join(tmpdir(), "crosscal-redirect-"));
    secretFile = path.join(folder, "secret.key");
    await writeFile(secretFile, `${FILE_SECRET}\n`, { mode: 0o600 });
    process.env[ENV_NAME] = ENV_SECRET;
  });
  afterAll(async () => {
    delete process.env[ENV_NAME];
    await listener?.close();
    await emulator?.close();
    await rm(folder, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await ctx.db().deleteFrom("connections").execute();
    admin = await adminSession(ctx);
  });
  afterEach(() => {
    // Nothing reached the listener: no token request, no Graph call, no secret, no bearer token.
    expect(listener.requests).toEqual([]);
  });

  const call = (method: "POST" | "PATCH" | "GET", url: string, payload?: object, headers = admin.headers) =>
    ctx.app().inject({ method, url, headers, ...(payload ? { payload } : {}) });

  async function connectionAtEmulator(): Promise<string> {
    const created = await call("POST", "/api/connections", {
      name: "redirect",
      tenant: "redirect.test",
      clientId,
      clientSecret: SECRET,
      cloud: "custom",
      endpoints: { authority: emulator.url, graph: emulator.url },
      probeMailbox: "adele@redirect.test",
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id;
  }

  const configNaming = (clientSecret: string, endpoint = listener.url) =>
    [
      "version: 1",
      "connections:",
      "  leak:",
      "    tenant: redirect.test",
      `    clientId: ${clientId}`,
      `    clientSecret: ${clientSecret}`,
      "    cloud: custom",
      "    endpoints:",
      `      authority: ${endpoint}`,
      `      graph: ${endpoint}`,
      "",
    ].join("\n");

  it("(a) refuses a config naming a server file or environment variable, without reading either", async () => {
    const answers = [];
    for (const source of [
      `{ file: ${secretFile} }`,
      `{ file: ${path.join(folder, "missing-file")} }`,
      `{ file: ${folder} }`,
      `{ env: ${ENV_NAME} }`,
      "{ env: CROSSCAL_NOT_SET_ANYWHERE }",
    ]) {
      const response = await call("POST", "/api/config", { yaml: configNaming(source) });
      expect(response.statusCode, response.body).toBe(400);
      answers.push(response.json().error);
    }
    for (const error of answers) {
      expect(error.code).toBe("invalid_config");
      expect(error.message).toContain("clientSecret: { value: ... }");
      expect(error.message).not.toMatch(/exist|folder|permission|not set|empty/);
    }
    // An existing file, a missing one and a folder get the same answer: it says nothing about the disk.
    expect(new Set(answers.slice(0, 3).map((error) => error.message)).size).toBe(1);
    expect(await ctx.db().selectFrom("connections").selectAll().execute()).toEqual([]);
    const audit = JSON.stringify(await ctx.db().selectFrom("auditLog").selectAll().execute());
    expect(audit).not.toContain(FILE_SECRET);
    expect(audit).not.toContain(ENV_SECRET);
  });

  it("(a) takes a secret given as a value in an applied config, sealed at once", async () => {
    const yaml = configNaming(`{ value: "${SECRET}" }`, emulator.url);
    const applied = await call("POST", "/api/config", { yaml });
    expect(applied.statusCode, applied.body).toBe(200);
    const row = await ctx.db().selectFrom("connections").selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(SECRET);
    const checked = await call("POST", `/api/connections/${row.id}/check`);
    expect(checked.json().connection.status).toBe("connected");
    // Applied again without the secret: the stored one stays.
    const kept = await call("POST", "/api/config", { yaml: yaml.replace(/ {4}clientSecret: .*\n/, "") });
    expect(kept.json().connections).toEqual([{ name: "leak", id: row.id, outcome: "unchanged" }]);
  });

  it("(b) keeps the stored credential from endpoints changed without it", async () => {
    const id = await connectionAtEmulator();
    for (const endpoints of [
      { authority: listener.url, graph: listener.url },
      // The real authority and a foreign Graph host: the token would go there.
      { authority: emulator.url, graph: listener.url },
    ]) {
      const moved = await call("PATCH", `/api/connections/${id}`, { endpoints });
      expect([moved.statusCode, moved.json().error.code]).toEqual([400, "credential_required"]);
    }
    const renamedCloud = await call("PATCH", `/api/connections/${id}`, { cloud: "global" });
    expect([renamedCloud.statusCode, renamedCloud.json().error.code]).toEqual([400, "credential_required"]);
    // Through a config without the credential, the same.
    const applied = await call("POST", "/api/config", {
      yaml: configNaming("{ value: x }")
        .replace("  leak:", "  redirect:")
        .replace(/ {4}clientSecret: .*\n/, ""),
    });
    expect([applied.statusCode, applied.json().error.code]).toEqual([409, "config_conflict"]);
    expect(applied.json().error.message).toContain("endpoints change");
    // The connection still checks out where it was given for.
    const checked = await call("POST", `/api/connections/${id}/check`);
    expect(checked.json().connection.status).toBe("connected");
  });

  it("(c) a read-only token changes nothing and reaches no host, on any route", async () => {
    const readOnly = await createApiToken(ctx, admin, "monitoring", "read");
    const id = await connectionAtEmulator();
    const document = (await call("GET", "/docs/json")).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const writes = Object.entries(document.paths).flatMap(([route, methods]) =>
      Object.entries(methods)
        .filter(([method, operation]) => method !== "get" && operation.security?.length !== 0)
        .map(([method]) => [method.toUpperCase(), route] as const),
    );
    expect(writes.length).toBeGreaterThanOrEqual(20);
    const bearer = { authorization: `Bearer ${readOnly}` };
    for (const [method, route] of writes) {
      const url = route.replace(/\{[^}]+\}/g, id);
      const response = await ctx
        .app()
        .inject({ method: method as "POST", url, headers: bearer, payload: { endpoints: listener.url } });
      expect([method, route, response.statusCode, response.json().error.code]).toEqual([
        method,
        route,
        403,
        "token_read_only",
      ]);
    }
    expect((await call("GET", "/api/connections", undefined, bearer)).statusCode).toBe(200);
    // Each refusal is in the audit log, with the token that tried.
    const used = await ctx
      .db()
      .selectFrom("auditLog")
      .selectAll()
      .where("action", "=", "token_used")
      .execute();
    expect(used.filter((entry) => JSON.parse(entry.detail!).status === 403)).toHaveLength(writes.length);
  });

  it("checks stored endpoints against the policy again before sending a credential", async () => {
    const id = await connectionAtEmulator();
    const emulatorHost = endpointPolicy.allowedHosts.shift()!;
    try {
      const refused = await call("POST", `/api/connections/${id}/check`);
      expect([refused.statusCode, refused.json().error.code]).toEqual([400, "endpoint_not_allowed"]);
      const row = await ctx.db().selectFrom("connections").selectAll().executeTakeFirstOrThrow();
      expect([row.status, row.checkedAt]).toEqual(["unchecked", null]);
    } finally {
      endpointPolicy.allowedHosts.unshift(emulatorHost);
    }
  });
});
