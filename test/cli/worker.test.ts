import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, postgresContext, type TestDatabase } from "../helpers/postgres.js";

const exec = promisify(execFile);

/** `crosscal worker` with these arguments and environment; resolves with its exit code and output. */
async function worker(args: string[], env: Record<string, string | undefined> = {}) {
  const environment = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete environment[name];
  try {
    const { stdout, stderr } = await exec(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "worker", ...args],
      { env: environment, timeout: 20_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let data: string;
beforeAll(async () => {
  data = await mkdtemp(path.join(os.tmpdir(), "crosscal-worker-"));
});
afterAll(async () => {
  await rm(data, { recursive: true, force: true });
});

describe("crosscal worker refuses bad input", () => {
  it("a SQLite database or none: exit 2, saying serve runs everything itself", async () => {
    const sqlite = await worker(["--database", path.join(data, "crosscal.db"), "--data", data]);
    expect(sqlite.code).toBe(2);
    expect(sqlite.stderr).toContain("crosscal worker needs the PostgreSQL database crosscal serve uses");
    expect(sqlite.stderr).toContain("with SQLite, crosscal serve runs every profile itself");

    const none = await worker(["--data", data], { CROSSCAL_DATABASE: undefined });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--database postgres://");
  });

  it("bad --concurrency or --lease-seconds: exit 2", async () => {
    const result = await worker(["--database", "postgres://x@127.0.0.1/x", "--lease-seconds", "0"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--lease-seconds is a whole number from 1 to 3600");
  });
});

const { skipReason } = postgresContext();
describe.skipIf(skipReason !== undefined)(
  `crosscal worker with PostgreSQL refuses a missing or bad key${skipReason ? ` skipped: ${skipReason}` : ""}`,
  () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await database?.drop();
    });

    it("no secret key (no variable, no key file in --data): exit 2, and creates no key", async () => {
      const result = await worker(["--database", database.url, "--data", data], {
        CROSSCAL_SECRET_KEY: undefined,
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("set CROSSCAL_SECRET_KEY to the key crosscal serve uses");
      expect(result.stderr).toContain(path.join(data, "secret.key"));
      expect(existsSync(path.join(data, "secret.key"))).toBe(false);
    });

    it("a malformed key: exit 1 naming the variable, never its value", async () => {
      const result = await worker(["--database", database.url, "--data", data], {
        CROSSCAL_SECRET_KEY: "not-a-key",
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("CROSSCAL_SECRET_KEY is not a usable secret key");
      expect(result.stderr).not.toContain("not-a-key");
    });
  },
);
