import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase } from "../../src/store/database.js";
import { type CliFixture, SECRETS, startCliFixture } from "./fixture.js";

const MEGAN = { name: "Megan Bowen", a: "megan@contoso.test", b: "megan@fabrikam.test" };
const ADELE = { name: "Adele Vance", a: "adele@contoso.test", b: "adele@fabrikam.test" };

describe("crosscal apply and crosscal export", () => {
  let f: CliFixture;
  let data: string;
  let run = 0;
  beforeAll(async () => {
    f = await startCliFixture();
  });
  afterAll(() => f.close());
  beforeEach(async () => {
    data = path.join(f.dir, `data-${++run}`);
    await f.writeConfig([ADELE, MEGAN]);
  });

  const apply = (...more: string[]) => f.cli("apply", "-f", f.configFile, "--data", data, ...more);
  const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);

  it("applies the file once, reports it unchanged the second time, and exports it back", async () => {
    const first = await apply();
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("connection contoso: created");
    expect(first.stdout).toContain("sync contoso-fabrikam: created");
    expect(first.stdout).toContain(
      'profile "Megan Bowen" (sync contoso-fabrikam, megan@contoso.test / megan@fabrikam.test): created',
    );
    expect(first.stderr).toContain("connections 2 created, 0 updated, 0 unchanged");
    expect(existsSync(path.join(data, "crosscal.db"))).toBe(true);
    expect(existsSync(path.join(data, "secret.key"))).toBe(true);
    // The audit log says where the secrets were read from (names only).
    const db = openDatabase(path.join(data, "crosscal.db"));
    const applied = await db
      .selectFrom("auditLog")
      .select(["actor", "detail"])
      .where("action", "=", "config_applied")
      .execute();
    await closeDatabase(db);
    expect(applied.map((entry) => JSON.parse(entry.detail!).secretsReadFrom)).toEqual([
      ["env:CONTOSO_SECRET", "env:FABRIKAM_SECRET"],
    ]);

    const second = await apply("--json");
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report.profiles.map((p: { outcome: string }) => p.outcome)).toEqual(["unchanged", "unchanged"]);

    const exported = path.join(f.dir, `exported-${run}.yaml`);
    const out = await f.cli("export", "--data", data, "-o", exported);
    expect(out.code).toBe(0);
    const text = await readFile(exported, "utf8");
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    expect(text).toContain("clientSecret: { env: CONTOSO_SECRET }");
    const stdout = await f.cli("export", "--data", data);
    expect(`${stdout.stdout.trimEnd()}\n`).toBe(text);

    const back = await f.cli("apply", "-f", exported, "--data", data);
    expect(back.code).toBe(0);
    expect(back.stderr).toContain(
      "connections 0 created, 0 updated, 2 unchanged; syncs 0 created, 0 updated, 1 unchanged; profiles 0 created, 0 updated, 2 unchanged",
    );
  }, 90_000); // six crosscal processes, each starting tsx: slow on a busy machine

  it("writes nothing anywhere on a dry run", async () => {
    const result = await apply("--dry-run");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("sync contoso-fabrikam: created");
    expect(result.stderr).toContain("would apply");
    expect(existsSync(data)).toBe(false);
  });

  it("refuses a broken file, a missing secret and a key that does not open the stored secrets", async () => {
    const good = await readFile(f.configFile, "utf8");
    await writeFile(f.configFile, good.replace("    a: contoso\n", "    a: contosso\n"));
    const broken = await apply();
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(
      /crosscal\.yaml:\d+:\d+: sync "contoso-fabrikam": a: no connection named "contosso"/,
    );
    noStackTrace(broken.stderr);

    await writeFile(f.configFile, good.replace("env: FABRIKAM_SECRET", "env: NOT_SET_ANYWHERE_SECRET"));
    const missing = await apply();
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("environment variable NOT_SET_ANYWHERE_SECRET is not set");
    expect(existsSync(data)).toBe(false);

    await writeFile(f.configFile, good);
    expect((await apply()).code).toBe(0);
    const before = await readFile(path.join(data, "crosscal.db"));
    await writeFile(path.join(data, "secret.key"), `${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });
    const wrongKey = await apply();
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toContain('connection "contoso": the stored secret cannot be opened');
    expect(wrongKey.stderr).toContain("nothing was written");
    noStackTrace(wrongKey.stderr);
    expect(await readFile(path.join(data, "crosscal.db"))).toEqual(before);
  });

  it("says there is nothing to export without a database", async () => {
    const result = await f.cli("export", "--data", data);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("nothing to export");
  });
});
