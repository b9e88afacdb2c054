import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { adminSession, type SignedIn, useServer } from "./fixture.js";

const BOX = new SecretBox(randomBytes(32));
const CLIENT_ID = "11111111-2222-3333-4444-555555555555";
// Over the API a secret is given as its value; the service never reads its environment on a caller's word.
const SECRETS = { contoso: "contoso-api-s3cret", fabrikam: "fabrikam-api-s3cret" };

const connection = (name: string, secret: string) => [
  `  ${name}:`,
  `    tenant: ${name}.onmicrosoft.com`,
  `    clientId: ${CLIENT_ID}`,
  `    clientSecret: { value: ${secret} }`,
];

const FILE = [
  "version: 1",
  "connections:",
  ...connection("contoso", SECRETS.contoso),
  ...connection("fabrikam", SECRETS.fabrikam),
  "syncs:",
  "  contoso-fabrikam:",
  "    a: contoso",
  "    b: fabrikam",
  "    mapping: full-details",
  "    profiles:",
  "      - { name: Adele Vance, a: adele@contoso.test, b: adele@fabrikam.test }",
  "",
].join("\n");

describe("config API", () => {
  const ctx = useServer("sqlite", { secrets: BOX });
  let admin: SignedIn;

  beforeEach(async () => {
    await ctx.db().deleteFrom("profiles").execute();
    await ctx.db().deleteFrom("syncs").execute();
    await ctx.db().deleteFrom("connections").execute();
    admin = await adminSession(ctx);
  });

  const apply = (yaml: string, query = "") =>
    ctx
      .app()
      .inject({ method: "POST", url: `/api/config${query}`, headers: admin.headers, payload: { yaml } });
  const rowCounts = async () => ({
    connections: (await ctx.db().selectFrom("connections").select("id").execute()).length,
    syncs: (await ctx.db().selectFrom("syncs").select("id").execute()).length,
    profiles: (await ctx.db().selectFrom("profiles").select("id").execute()).length,
  });
  const NOTHING = { connections: 0, syncs: 0, profiles: 0 };

  it("applies a file sent as JSON { yaml }, then reports it unchanged", async () => {
    const first = await apply(FILE);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      dryRun: false,
      connections: [
        { name: "contoso", outcome: "created" },
        { name: "fabrikam", outcome: "created" },
      ],
      syncs: [{ name: "contoso-fabrikam", outcome: "created" }],
      profiles: [{ name: "Adele Vance", sync: "contoso-fabrikam", outcome: "created" }],
    });
    const second = (await apply(FILE)).json();
    expect([...second.connections, ...second.syncs, ...second.profiles].map((i) => i.outcome)).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    const audit = await ctx.db().selectFrom("auditLog").select(["action", "actor"]).execute();
    expect(audit.filter((entry) => entry.action === "config_applied")).toEqual([
      { action: "config_applied", actor: "admin" },
    ]);
  });

  it("accepts the YAML itself as application/yaml", async () => {
    const response = await ctx.app().inject({
      method: "POST",
      url: "/api/config",
      headers: { ...admin.headers, "content-type": "application/yaml" },
      payload: FILE,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().syncs[0].outcome).toBe("created");
  });

  it("reports without writing on a dry run", async () => {
    const response = await apply(FILE, "?dryRun=true");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ dryRun: true, syncs: [{ outcome: "created" }] });
    expect(await rowCounts()).toEqual(NOTHING);
  });

  it("exports what it holds as YAML, secrets left out, which applies back unchanged", async () => {
    await apply(FILE);
    const exported = await ctx.app().inject({ method: "GET", url: "/api/config", headers: admin.headers });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toMatch(/^application\/yaml/);
    for (const secret of Object.values(SECRETS)) expect(exported.body).not.toContain(secret);
    expect(exported.body).toContain("clientSecret: { env: CONTOSO_SECRET }");
    // Sent back through the API without its credentials (the file's env names are for the command line):
    // the stored secrets stay.
    const withoutSecrets = exported.body.replace(/^ +clientSecret: .*\n/gm, "");
    const report = (await apply(withoutSecrets)).json();
    expect(
      [...report.connections, ...report.syncs, ...report.profiles].every((i) => i.outcome === "unchanged"),
    ).toBe(true);
  });

  it("refuses a broken file with its problems by line, and writes nothing", async () => {
    const broken = FILE.replace("    a: contoso\n", "    a: contosso\n").replace("mapping:", "maping:");
    const response = await apply(broken);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "invalid_config", field: "body/yaml" });
    expect(response.json().error.message).toMatch(
      /config\.yaml:\d+:\d+: sync "contoso-fabrikam": a: no connection named "contosso" \(did you mean "contoso"\?\)/,
    );
    expect(response.json().error.message).toMatch(/unknown key "maping"/);
    expect(await rowCounts()).toEqual(NOTHING);
  });

  it("refuses a new connection without a secret, and writes nothing", async () => {
    const response = await apply(FILE.replace(`    clientSecret: { value: ${SECRETS.fabrikam} }\n`, ""));
    expect([response.statusCode, response.json().error.code]).toEqual([409, "config_conflict"]);
    expect(response.json().error.message).toContain('connection "fabrikam": it is new');
    expect(await rowCounts()).toEqual(NOTHING);
  });

  it("refuses, with 409, a file that would move a sync with profiles", async () => {
    await apply(FILE);
    const moved = FILE.replace(
      "syncs:",
      [...connection("northwind", SECRETS.contoso), "syncs:"].join("\n"),
    ).replace("    b: fabrikam", "    b: northwind");
    const response = await apply(moved);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe("config_conflict");
    expect(await rowCounts()).toEqual({ connections: 2, syncs: 1, profiles: 1 });
  });

  it("refuses to revert a change made through the API unless told to overwrite it", async () => {
    await apply(FILE);
    const [sync] = (
      await ctx.app().inject({ method: "GET", url: "/api/syncs", headers: admin.headers })
    ).json().syncs;
    const patched = await ctx.app().inject({
      method: "PATCH",
      url: `/api/syncs/${sync.id}`,
      headers: admin.headers,
      payload: { mapping: "busy" },
    });
    expect(patched.statusCode, patched.body).toBe(200);

    const refused = await apply(FILE);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, "config_drift"]);
    expect(refused.json().error.message).toContain('sync "contoso-fabrikam" (settings)');
    const dry = (await apply(FILE, "?dryRun=true")).json();
    expect(dry.drift).toEqual([{ kind: "sync", name: "contoso-fabrikam", fields: ["settings"] }]);
    const overwritten = await apply(FILE, "?overwrite=true");
    expect([overwritten.statusCode, overwritten.json().syncs[0].outcome]).toEqual([200, "updated"]);
    const after = await ctx
      .app()
      .inject({ method: "GET", url: `/api/syncs/${sync.id}`, headers: admin.headers });
    expect(after.json().mapping).toBe("full-details");
  });

  it("refuses other body types", async () => {
    const response = await ctx.app().inject({
      method: "POST",
      url: "/api/config",
      headers: { ...admin.headers, "content-type": "text/plain" },
      payload: FILE,
    });
    expect(response.statusCode).toBe(415);
  });
});
