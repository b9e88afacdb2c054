import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";

// biome-ignore lint/suspicious/noExplicitAny: API answers are read as JSON
type Json = Record<string, any>;

/** `npm run demo`'s script on free ports and a fresh data folder; resolves with its "demo ready" line. */
function startDemo(dataDir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    env: {
      ...process.env,
      CROSSCAL_DEMO_DATA: dataDir,
      CROSSCAL_DEMO_PORT: "0",
      CROSSCAL_DEMO_EMULATOR_PORT: "0",
    },
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const ready = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.startsWith("demo ready")) resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`the demo exited with ${code}: ${stderr.slice(-2000)}`)));
  });
  return { child, ready };
}

/** SIGTERM, as Ctrl-C would; the demo stops what it started. The whole group is killed if it does not. */
async function stopDemo(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timeout = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }, 30_000);
  await exited;
  clearTimeout(timeout);
}

/**
 * The README's quick start: `npm run demo` starts crosscal on its embedded SQLite store against the
 * emulator's demo tenants, creates the administrator, starts every profile with merge, and syncs.
 */
describe("npm run demo", () => {
  let dataDir: string;
  const demos: ChildProcess[] = [];
  afterAll(async () => {
    for (const demo of demos) await stopDemo(demo);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("serves crosscal on SQLite with every demo profile started and syncing, and starts again", async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "crosscal-demo-"));
    const first = startDemo(dataDir);
    demos.push(first.child);
    const line = await first.ready;
    expect(line).toMatch(/20 profile\(s\) started with merge/);
    const base = /crosscal (http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!;
    const { token } = JSON.parse(await readFile(path.join(dataDir, "demo-admin.json"), "utf8")) as Json;
    const get = async (url: string) =>
      (await (
        await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as Json;
    const { syncs } = await get("/api/syncs");
    expect(syncs.map((sync: Json) => sync.name)).toEqual(["contoso-fabrikam"]);
    for (let waited = 0; ; waited += 200) {
      const { runs } = await get("/api/runs?outcome=ok&limit=200");
      if (runs.length >= 20) {
        expect(runs.reduce((sum: number, run: Json) => sum + run.counts.created, 0)).toBeGreaterThan(0);
        break;
      }
      if (waited > 30_000) throw new Error(`only ${runs.length} runs finished`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await stopDemo(first.child);
    expect(first.child.exitCode ?? 0).toBe(0);

    const second = startDemo(dataDir);
    demos.push(second.child);
    expect(await second.ready).toMatch(/0 profile\(s\) started/);
  }, 120_000);
});
