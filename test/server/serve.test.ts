import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, postgresContext } from "../helpers/postgres.js";

const running: ChildProcess[] = [];
const folders: string[] = [];

/** `crosscal serve` as a child process; resolves once it printed its address (the first stdout line). */
function serve(args: string[]) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "serve", "--port", "0", "--host", "127.0.0.1", ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  running.push(child);
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const exit = new Promise<number | string | null>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal)),
  );
  const lines = createInterface({ input: child.stdout! });
  lines.on("line", (line) => {
    stdout += `${line}\n`;
  });
  const address = new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    exit.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  address.catch(() => {});
  return { child, address, exit, stdout: () => stdout, stderr: () => stderr };
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-serve-"));
  folders.push(dir);
  return dir;
}

/** The token from the setup message, once it has been printed. */
async function setupToken(server: ReturnType<typeof serve>): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const match = /ccsetup_[A-Za-z0-9_-]+/.exec(server.stdout());
    if (match) return match[0];
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no setup token printed: ${server.stdout()}`);
}

afterEach(async () => {
  for (const child of running.splice(0)) child.kill("SIGKILL");
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("crosscal serve", () => {
  it("prints its address first, serves /healthz, prints a setup token on first run only, and stops on SIGTERM", async () => {
    const data = await tempDir();
    const first = serve(["--data", data]);
    const address = await first.address;
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const health = await fetch(`${address}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    expect((await fetch(`${address}/readyz`)).status).toBe(200);

    const created = await fetch(`${address}/api/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        setupToken: await setupToken(first),
        username: "admin",
        password: "a long enough password",
      }),
    });
    expect(created.status).toBe(201);

    first.child.kill("SIGTERM");
    expect(await first.exit).toBe(0);
    expect(first.stderr()).toContain("stopped");

    // Same data folder: the admin exists, so no token this time.
    const second = serve(["--data", data]);
    const again = await second.address;
    expect((await fetch(`${again}/healthz`)).status).toBe(200);
    second.child.kill("SIGINT");
    expect(await second.exit).toBe(0);
    expect(second.stdout()).not.toContain("ccsetup_");
  });

  it("refuses a bad port as bad input", async () => {
    const server = serve(["--data", await tempDir(), "--port", "99999"]);
    expect(await server.exit).toBe(2);
    expect(server.stderr()).toContain("--port is a whole number from 0 to 65535");
  });

  const skipReason = postgresContext().skipReason;
  it.skipIf(skipReason !== undefined)(
    `serves from PostgreSQL with --database${skipReason ? ` (skipped: ${skipReason})` : ""}`,
    async () => {
      const database = await createTestDatabase();
      try {
        const server = serve(["--data", await tempDir(), "--database", database.url]);
        const address = await server.address;
        const ready = await fetch(`${address}/readyz`);
        expect([ready.status, await ready.json()]).toEqual([200, { status: "ready" }]);
        await setupToken(server);
        server.child.kill("SIGTERM");
        expect(await server.exit).toBe(0);
        expect(server.stderr()).not.toContain(new URL(database.url).password || "no password in the url");
      } finally {
        await database.drop();
      }
    },
  );
});
