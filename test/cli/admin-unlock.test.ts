import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type App, buildApp } from "../../src/server/app.js";
import { hashPassword } from "../../src/server/auth/passwords.js";
import { insertAdmin } from "../../src/store/admin-users.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { PASSWORD, TEST_COST, TestClock, USERNAME } from "../server/fixture.js";

const run = promisify(execFile);

/** `crosscal <argv>` run to completion, as an administrator would on the service's machine. */
async function crosscal(...argv: string[]) {
  const env = { ...process.env };
  delete env.CROSSCAL_DATA;
  delete env.CROSSCAL_DATABASE;
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...argv], {
      env,
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("crosscal admin unlock", () => {
  const A = "203.0.113.7";
  const B = "198.51.100.20";
  let dir: string;
  let db: Store;
  let app: App;
  const clock = new TestClock();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-unlock-"));
    db = openDatabase(path.join(dir, "crosscal.db"));
    await migrate(db);
    await insertAdmin(
      db,
      { username: USERNAME, passwordHash: await hashPassword(PASSWORD, TEST_COST) },
      clock.now(),
    );
    app = await buildApp({ db, now: clock.now, passwordCost: TEST_COST });
  });
  afterAll(async () => {
    await app.close();
    await closeDatabase(db);
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await db.deleteFrom("signInFailures").execute();
    await db.deleteFrom("auditLog").execute();
  });

  const login = (address: string, password = "wrong password!", username = USERNAME) =>
    app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: address,
      payload: { username, password },
    });
  /** Six failures: the username at the address is held back for a second. */
  const holdBack = async (address: string, username = USERNAME) => {
    for (let i = 0; i < 6; i++) expect((await login(address, undefined, username)).statusCode).toBe(401);
    expect((await login(address, PASSWORD, username)).statusCode).toBe(429);
  };

  it("clears every key when given no option, lets the administrator in at once, and audits it", async () => {
    await holdBack(A);
    await holdBack(B);

    const unlocked = await crosscal("admin", "unlock", "--data", dir);
    expect(unlocked).toMatchObject({ code: 0, stderr: expect.stringContaining("unlocked sign-ins in") });
    expect(unlocked.stdout).toBe("cleared 4 sign-in throttling keys (every username, every address)\n");

    expect((await login(A, PASSWORD)).statusCode).toBe(200);
    const audit = await db
      .selectFrom("auditLog")
      .select(["actor", "detail"])
      .where("action", "=", "sign_in_unlocked")
      .execute();
    expect(audit).toEqual([{ actor: "cli", detail: JSON.stringify({ cleared: 4 }) }]);
  });

  it("clears only a username's key at an address, with the address's own key", async () => {
    await holdBack(A);
    await holdBack(A, "someone");
    await holdBack(B);

    const unlocked = await crosscal(
      "admin",
      "unlock",
      "--username",
      USERNAME,
      "--address",
      A,
      "--database",
      path.join(dir, "crosscal.db"),
    );
    expect(unlocked.stdout).toBe(`cleared 2 sign-in throttling keys (username ${USERNAME}, address ${A})\n`);

    expect((await login(A, PASSWORD)).statusCode).toBe(200);
    expect((await login(A, PASSWORD, "someone")).statusCode).toBe(429);
    expect((await login(B, PASSWORD)).statusCode).toBe(429);
  });

  it("keys an IPv6 address by its /64, as the service does", async () => {
    await holdBack("2001:db8:1:2::1");
    const unlocked = await crosscal("admin", "unlock", "--address", "2001:db8:1:2::ffff", "--data", dir);
    expect(unlocked.stdout).toBe(
      "cleared 2 sign-in throttling keys (every username, address 2001:db8:1:2::/64)\n",
    );
    expect((await login("2001:db8:1:2::1", PASSWORD)).statusCode).toBe(200);
  });

  it("refuses an address that is not one, and a data folder without a database", async () => {
    const bad = await crosscal("admin", "unlock", "--address", "localhost", "--data", dir);
    expect(bad).toMatchObject({ code: 2, stdout: "" });
    expect(bad.stderr).toContain("--address localhost is not an IP address");

    const missing = await crosscal("admin", "unlock", "--data", path.join(dir, "nowhere"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nothing to unlock");
  });
});
