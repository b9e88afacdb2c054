import { execFile } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Migrator } from "kysely";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialContext } from "../../src/connections/stored-connection.js";
import { loadSecretBox } from "../../src/secrets/key.js";
import type { SecretBox } from "../../src/secrets/secret-box.js";
import { type App, buildApp } from "../../src/server/app.js";
import type { ConnectionRow } from "../../src/store/connections.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { migrations } from "../../src/store/migrations/index.js";
import { insertProfile } from "../../src/store/profiles.js";
import { insertSubscription } from "../../src/store/subscriptions.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { type ServiceTenants, seedServiceTenants, storeServiceSync } from "../helpers/service-tenants.js";

const exec = promisify(execFile);

interface Finding {
  severity: "ok" | "warning" | "problem";
  subject: string;
  message: string;
  fix: string | null;
}

/** `crosscal doctor <args>` as a process: its exit code, its findings (with --json) and its output. */
async function doctor(args: string[]) {
  const env = { ...process.env };
  for (const name of ["CROSSCAL_PUBLIC_URL", "CROSSCAL_SECRET_KEY", "CROSSCAL_DATABASE", "CROSSCAL_DATA"])
    delete env[name];
  let result: { code: number; stdout: string; stderr: string };
  try {
    const { stdout, stderr } = await exec(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "doctor", ...args],
      {
        env,
        timeout: 60_000,
      },
    );
    result = { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    result = { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
  const findings = args.includes("--json") ? (JSON.parse(result.stdout).findings as Finding[]) : [];
  return { ...result, findings };
}

const about = (findings: Finding[], subject: string) =>
  findings.filter((finding) => finding.subject === subject);
const notOk = (findings: Finding[]) => findings.filter((finding) => finding.severity !== "ok");

/**
 * An installation as serve leaves it: a data folder with the key and a migrated SQLite store holding a
 * connection to each emulated tenant (with a probe mailbox) and a sync, and crosscal's webhook endpoint
 * listening as the public URL. Each test breaks one thing, asks the doctor, and mends it.
 */
describe("crosscal doctor", () => {
  let emulator: RunningEmulator;
  let tenants: ServiceTenants;
  let dir: string;
  let db: Store;
  let box: SecretBox;
  let app: App;
  let publicUrl: string;
  let connections: { a: ConnectionRow; b: ConnectionRow; syncId: string };

  beforeAll(async () => {
    emulator = await startTestEmulator();
    tenants = await seedServiceTenants(emulator, { people: ["adele", "megan"] });
    dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-doctor-"));
    box = (await loadSecretBox({ dataDir: dir })).box;
    db = openDatabase(path.join(dir, "crosscal.db"));
    await migrate(db);
    const { a, b, sync } = await storeServiceSync(db, box, tenants);
    await db
      .updateTable("connections")
      .set({ probeMailbox: "adele@contoso.test" })
      .where("id", "=", a.id)
      .execute();
    await db
      .updateTable("connections")
      .set({ probeMailbox: "adele@fabrikam.test" })
      .where("id", "=", b.id)
      .execute();
    connections = { a, b, syncId: sync.id };
    app = await buildApp({ db, secrets: box });
    publicUrl = (await app.listen({ port: 0, host: "127.0.0.1" })).replace("localhost", "127.0.0.1");
  });
  afterAll(async () => {
    await app?.close();
    if (db) await closeDatabase(db);
    await emulator?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const check = (...more: string[]) => doctor(["--data", dir, "--public-url", publicUrl, "--json", ...more]);

  /** Sets crosscal's app in a tenant to these roles and mailbox scope (consented), as an admin would. */
  const setApp = async (side: "A" | "B", body: Record<string, unknown>) => {
    const app = tenants.apps[side];
    const answer = await fetch(
      `${emulator.url}/_emulator/tenants/${app.tenant}/servicePrincipals/${app.clientId}`,
      {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ consented: true, ...body }),
      },
    );
    expect(answer.status).toBe(200);
  };
  const DEFAULT_ROLES = ["Calendars.ReadWrite", "User.Read.All", "GroupMember.Read.All"];

  it("finds a healthy installation all ok, and says so in a list to read", async () => {
    const result = await check();

    expect(notOk(result.findings)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.findings.map((finding) => finding.subject)).toEqual([
      "database",
      "secret key",
      'connection "contoso"',
      'connection "fabrikam"',
      "subscriptions",
      "public URL",
      "clock",
    ]);
    expect(about(result.findings, 'connection "contoso"')[0]!.message).toContain(
      "read the calendar of adele@contoso.test",
    );
    expect(about(result.findings, "public URL")[0]!.message).toContain("from this machine");

    const text = await doctor(["--data", dir, "--public-url", publicUrl]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ok\s+database\s+.* is reachable and migrated \(\d{3}_\w+\)$/m);
    expect(text.stdout.trimEnd()).toMatch(/\nall 7 checks ok$/);
    expect(text.stdout).toMatch(/^ok\s+clock\s+this machine's clock is within \d+ s of Entra ID's/m);
  });

  it("a database that lacks a migration is a problem (exit 1), and the store is not migrated by the doctor", async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), "crosscal-doctor-old-"));
    try {
      await loadSecretBox({ dataDir: other });
      const old = openDatabase(path.join(other, "crosscal.db"));
      const migrator = new Migrator({
        db: old.withoutPlugins(),
        provider: { getMigrations: async () => migrations },
      });
      await migrator.migrateTo("009_one_model");
      await closeDatabase(old);

      const result = await doctor(["--data", other, "--public-url", publicUrl, "--json"]);

      expect(result.code).toBe(1);
      expect(about(result.findings, "database")).toMatchObject([
        {
          severity: "problem",
          message: expect.stringContaining("lacks migrations 010_dashboard"),
          fix: expect.stringContaining("migrate the database on start"),
        },
      ]);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      const again = await doctor(["--data", other, "--json"]);
      expect(about(again.findings, "database")[0]!.message).toContain("lacks migrations 010_dashboard");
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it("a database that cannot be reached is a problem, and the store's checks are left out", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const result = await doctor([
      "--data",
      dir,
      "--database",
      `postgres://crosscal:pw@127.0.0.1:${port}/crosscal`,
      "--json",
    ]);

    expect(result.code).toBe(1);
    expect(about(result.findings, "database")).toMatchObject([
      {
        severity: "problem",
        message: expect.stringMatching(/^cannot reach postgres:\/\/crosscal:\*\*\*@127\.0\.0\.1/),
      },
    ]);
    expect(result.findings.map((finding) => finding.subject)).toEqual([
      "database",
      "secret key",
      "public URL",
      "clock",
    ]);
    expect(result.stdout).not.toContain(":pw@");
  });

  it("a database file that is no SQLite database, or a data folder that is a file, is a problem, not a crash", async () => {
    const notes = path.join(dir, "notes.txt");
    await writeFile(notes, "not a database at all, just some words\n".repeat(200));
    try {
      const notADatabase = await doctor(["--data", dir, "--database", notes, "--json"]);
      expect(notADatabase.code).toBe(1);
      expect(about(notADatabase.findings, "database")).toMatchObject([
        { severity: "problem", message: `cannot open ${notes}: file is not a database` },
      ]);
      expect(notADatabase.stderr).not.toMatch(/\n\s+at /);

      const fileAsFolder = await doctor(["--data", notes, "--json"]);
      expect(fileAsFolder.code).toBe(1);
      expect(about(fileAsFolder.findings, "database")).toMatchObject([
        { severity: "problem", message: `no database at ${path.join(notes, "crosscal.db")}` },
      ]);
    } finally {
      await rm(notes, { force: true });
    }
  });

  it("a key file other accounts may read is a problem, with the chmod that fixes it", async () => {
    const keyFile = path.join(dir, "secret.key");
    await chmod(keyFile, 0o644);
    try {
      const result = await check();

      expect(result.code).toBe(1);
      expect(about(result.findings, "secret key")).toEqual([
        {
          severity: "problem",
          subject: "secret key",
          message: expect.stringContaining("is accessible to other users (mode 0644)"),
          fix: `chmod 600 ${keyFile}`,
        },
      ]);
      expect(about(result.findings, "connections")[0]).toMatchObject({ severity: "warning" });
    } finally {
      await chmod(keyFile, 0o600);
    }
  });

  it("a connection with a bad secret, and one whose app lacks Calendars.ReadWrite, are problems", async () => {
    const good = connections.a.sealedCredential;
    await db
      .updateTable("connections")
      .set({ sealedCredential: box.seal("not-the-secret", credentialContext(connections.a.id)) })
      .where("id", "=", connections.a.id)
      .execute();
    await setApp("B", { roles: ["Calendars.Read", "User.Read.All"] });
    try {
      const result = await check();

      expect(result.code).toBe(1);
      expect(about(result.findings, 'connection "contoso"')).toMatchObject([
        {
          severity: "problem",
          message: expect.stringMatching(/^bad_credentials: .*AADSTS7000215/),
          fix: expect.stringContaining("enter the current client secret"),
        },
      ]);
      expect(about(result.findings, 'connection "fabrikam"')).toMatchObject([
        {
          severity: "problem",
          message: expect.stringMatching(
            /^permission_missing: .*lacks the application permission Calendars\.ReadWrite/,
          ),
          fix: expect.stringContaining("add the application permission Calendars.ReadWrite"),
        },
      ]);
    } finally {
      await db
        .updateTable("connections")
        .set({ sealedCredential: good })
        .where("id", "=", connections.a.id)
        .execute();
      await setApp("B", { roles: DEFAULT_ROLES });
    }
  });

  it("a probe mailbox outside the app's Exchange scope is a problem", async () => {
    await setApp("A", { roles: DEFAULT_ROLES, mailboxScope: ["megan@contoso.test"] });
    try {
      const result = await check();

      expect(result.code).toBe(1);
      expect(notOk(result.findings)).toMatchObject([
        {
          subject: 'connection "contoso"',
          severity: "problem",
          message: expect.stringMatching(/^mailbox_out_of_scope: mailbox adele@contoso\.test is outside/),
          fix: expect.stringContaining("add adele@contoso.test to the app's Exchange scope"),
        },
      ]);
    } finally {
      await setApp("A", { roles: DEFAULT_ROLES, mailboxScope: null });
    }
  });

  it("a public URL that does not echo Graph's validation token is a problem", async () => {
    const impostor: Server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/plain" }).end("Welcome to nginx!");
    });
    await new Promise<void>((resolve) => impostor.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = impostor.address() as { port: number };
      const result = await doctor(["--data", dir, "--public-url", `http://127.0.0.1:${port}`, "--json"]);

      expect(result.code).toBe(1);
      expect(notOk(result.findings)).toMatchObject([
        {
          subject: "public URL",
          severity: "problem",
          message: expect.stringContaining("answered 200 but not with the validation token"),
          fix: expect.stringContaining("/api/webhooks/graph"),
        },
      ]);
      // Without one, the service works on periodic reconciles only: worth a warning, not a problem.
      const none = await doctor(["--data", dir, "--json"]);
      expect(none.code).toBe(0);
      expect(about(none.findings, "public URL")).toMatchObject([{ severity: "warning" }]);
    } finally {
      impostor.close();
    }
  });

  it("a clock more than five minutes off Entra ID's is a problem, more than one a warning", async () => {
    emulator.ctx.clock.advance(6 * 60_000);
    try {
      const result = await check();
      expect(result.code).toBe(1);
      expect(about(result.findings, "clock")).toMatchObject([
        {
          severity: "problem",
          message: expect.stringMatching(
            /^this machine's clock is 6 minutes behind Entra ID's .*refused beyond 5 minutes/,
          ),
          fix: expect.stringContaining("NTP"),
        },
      ]);
    } finally {
      emulator.ctx.clock.advance(-6 * 60_000);
    }
    emulator.ctx.clock.advance(-2 * 60_000);
    try {
      const result = await check();
      expect(result.code).toBe(0);
      expect(notOk(result.findings)).toMatchObject([
        {
          subject: "clock",
          severity: "warning",
          message: expect.stringMatching(/is 2 minutes ahead of Entra ID's/),
        },
      ]);
    } finally {
      emulator.ctx.clock.advance(2 * 60_000);
    }
  });

  it("synced mailboxes without a subscription, and subscriptions about to lapse, are warnings", async () => {
    const profile = await insertProfile(
      db,
      {
        sync: connections.syncId,
        name: "Adele",
        mailboxA: "adele@contoso.test",
        mailboxB: "adele@fabrikam.test",
        startMode: "merge",
        status: "active",
      },
      new Date(),
    );
    await insertSubscription(
      db,
      {
        connection: connections.a.id,
        mailbox: "adele@contoso.test",
        subscriptionId: "sub-1",
        clientStateHash: "0".repeat(64),
        expiresAt: new Date(Date.now() + 3600_000),
      },
      new Date(),
    );
    try {
      const result = await check();

      expect(result.code).toBe(0);
      expect(notOk(result.findings)).toMatchObject([
        {
          subject: "subscriptions",
          severity: "warning",
          message: expect.stringContaining("1 of 2 synced mailboxes has no subscription"),
        },
        {
          subject: "subscriptions",
          severity: "warning",
          message: expect.stringContaining("1 subscription lapses within a day"),
        },
      ]);
    } finally {
      await db.deleteFrom("subscriptions").execute();
      await db.deleteFrom("profiles").where("id", "=", profile.id).execute();
    }
  });
});
