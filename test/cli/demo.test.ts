import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_DASHBOARD_DIR, NONCE_PLACEHOLDER } from "../../src/server/plugins/dashboard.js";

// biome-ignore lint/suspicious/noExplicitAny: API answers are read as JSON
type Json = Record<string, any>;

/**
 * A free port below Linux's ephemeral range (32768 and up). The demo remembers its ports for the next start;
 * a port the kernel handed out at random could meanwhile be the local end of some outgoing connection, and
 * the restarted emulator could not listen on it.
 */
async function freeFixedPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (free) {
      await new Promise((resolve) => server.close(resolve));
      return port;
    }
  }
}

const ports = { crosscal: 0, emulator: 0 };

/**
 * `npm run demo`'s script on free ports and the given data folder. `ready` resolves with everything it
 * printed (stdout and stderr) once its banner is out.
 */
function startDemo(dataDir: string, args: string[] = []) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    env: {
      ...process.env,
      CROSSCAL_DEMO_DATA: dataDir,
      CROSSCAL_DEMO_PORT: String(ports.crosscal),
      CROSSCAL_DEMO_EMULATOR_PORT: String(ports.emulator),
    },
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  // Before readline's listener: when the ready line is read, its whole chunk has been collected.
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const ready = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.startsWith("demo ready")) setTimeout(() => resolve(output), 200);
    });
    child.once("exit", (code) => reject(new Error(`the demo exited with ${code}: ${output.slice(-3000)}`)));
  });
  return { child, ready };
}

/** SIGTERM, as Ctrl-C would; the demo stops what it started. The whole group is killed if it does not. */
async function stopDemo(child: ChildProcess) {
  // Ended already, on its own or by a signal: no "exit" is coming.
  if (child.exitCode !== null || child.signalCode !== null) return;
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

/** The banner a person reads: where the service, the credentials, the emulator and the logs are. */
function expectBanner(output: string, dataDir: string) {
  const base = /crosscal\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  expect(base, output).toBeDefined();
  expect(output).toContain(path.join(dataDir, "demo-admin.json"));
  expect(output).toMatch(/emulator\s+https:\/\/127\.0\.0\.1:\d+/);
  expect(output).toMatch(/curl .*-X POST https:\/\/127\.0\.0\.1:\d+\/_emulator\/mailboxes\/[^/\s]+\/events/);
  expect(output).toContain(path.join(dataDir, "crosscal.log"));
  expect(output).toContain(path.join(dataDir, "emulator.log"));
  // The services' JSON logs go to those files, not to the output.
  expect(output.split("\n").filter((line) => line.trimStart().startsWith("{"))).toEqual([]);
  return base!;
}

/**
 * The banner's last lines: the dashboard's URL and the administrator's sign-in. The URL answers the built
 * dashboard's index.html (its nonce placeholder filled), and the printed username and password sign in.
 */
async function expectDashboardSignIn(output: string) {
  const last = output.trimEnd().split("\n").slice(-2);
  const url = /^Open the dashboard: (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(last[0]!)?.[1];
  const [, username, password] = /^\s+sign in as (\S+), password (\S+)$/.exec(last[1]!) ?? [];
  expect({ url, username, password }, output).toEqual({
    url: expect.any(String),
    username: "admin",
    password: expect.any(String),
  });
  const page = await fetch(url!, { headers: { accept: "text/html" } });
  expect(page.status).toBe(200);
  const nonce = /'nonce-([^']+)'/.exec(page.headers.get("content-security-policy") ?? "")?.[1];
  const built = await readFile(path.join(DEFAULT_DASHBOARD_DIR, "index.html"), "utf8");
  expect(built).toContain(NONCE_PLACEHOLDER);
  expect(await page.text()).toBe(built.replaceAll(NONCE_PLACEHOLDER, nonce!));

  const login = await fetch(new URL("/api/auth/login", url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  expect(login.status, await login.clone().text()).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const me = await fetch(new URL("/api/auth/me", url), { headers: { cookie } });
  expect(await me.json()).toMatchObject({ username: "admin", via: "session" });
}

/** The banner's example of acting as a person, as a shell would run it. */
function exampleCommand(output: string): string {
  const lines = output.split("\n");
  const start = lines.findIndex((line) => line.trimStart().startsWith("curl "));
  const command: string[] = [];
  for (let index = start; index < lines.length; index += 1) {
    command.push(lines[index]!.trim().replace(/\\$/, ""));
    if (!lines[index]!.trimEnd().endsWith("\\")) break;
  }
  return command.join(" ");
}

function apiOf(base: string, token: string) {
  return async (method: string, url: string, body?: unknown): Promise<Json> => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as Json) : {};
  };
}

/** Waits until `count` runs started at or after `since` have finished; returns them. */
async function finishedRuns(api: ReturnType<typeof apiOf>, since: string, count: number): Promise<Json[]> {
  for (let waited = 0; ; waited += 250) {
    const { runs } = await api("GET", `/api/runs?since=${encodeURIComponent(since)}&limit=200`);
    const finished = (runs as Json[]).filter((run) => run.outcome !== null);
    if (finished.length >= count) return finished;
    if (waited > 60_000) throw new Error(`only ${finished.length} of ${count} runs finished`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The README's quick start: `npm run demo` starts crosscal on its embedded SQLite store against the
 * emulator's demo tenants, creates the administrator, starts every profile with merge, syncs and ends on
 * the dashboard's URL and the administrator's sign-in; started
 * again on the same folder it continues where it stopped; `--reset` starts over.
 */
describe("npm run demo", () => {
  let dataDir: string;
  const demos: ChildProcess[] = [];
  afterAll(async () => {
    for (const demo of demos) await stopDemo(demo);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("starts every profile on a first start, then continues on a second one with what the API changed", async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "crosscal-demo-"));
    ports.crosscal = await freeFixedPort();
    ports.emulator = await freeFixedPort();
    const first = startDemo(dataDir);
    demos.push(first.child);
    const output1 = await first.ready;
    expect(output1).toMatch(/20 profile\(s\) started with merge/);
    const base = expectBanner(output1, dataDir);
    await expectDashboardSignIn(output1);
    const { token } = JSON.parse(await readFile(path.join(dataDir, "demo-admin.json"), "utf8")) as Json;
    const api = apiOf(base, token);
    const [sync] = (await api("GET", "/api/syncs")).syncs as Json[];
    expect(sync).toMatchObject({ name: "contoso-fabrikam", mapping: "full-details" });
    const runs = await finishedRuns(api, new Date(0).toISOString(), 20);
    expect(runs.reduce((sum, run) => sum + run.counts.created, 0)).toBeGreaterThan(0);
    // The banner's example works as printed: a person's meeting, which the next runs copy.
    await promisify(execFile)("sh", ["-c", exampleCommand(output1)]);
    await api("PATCH", `/api/syncs/${sync!.id}`, { mapping: "busy" });
    for (const log of ["crosscal.log", "emulator.log"]) {
      const lines = (await readFile(path.join(dataDir, log), "utf8")).trim().split("\n");
      expect(lines.filter((line) => line.startsWith("{")).length).toBeGreaterThan(0);
    }
    await stopDemo(first.child);
    expect(first.child.exitCode ?? 0).toBe(0);

    const beforeSecond = new Date().toISOString();
    const second = startDemo(dataDir);
    demos.push(second.child);
    const output2 = await second.ready;
    expect(output2).not.toMatch(/started with merge/);
    expect(output2).toMatch(/not applied again/);
    const api2 = apiOf(expectBanner(output2, dataDir), token);
    // The second start reads the administrator's password back from the first one's credentials file.
    await expectDashboardSignIn(output2);
    // Every profile runs at start (the first reconcile) against the same Microsoft 365 as before.
    const again = await finishedRuns(api2, beforeSecond, 20);
    expect(again.map((run) => run.outcome)).toEqual(again.map(() => "ok"));
    const [kept] = (await api2("GET", "/api/syncs")).syncs as Json[];
    expect(kept).toMatchObject({
      id: sync!.id,
      mapping: "busy",
      profiles: { total: 20, active: 20, error: 0, needs_confirmation: 0 },
    });
    await stopDemo(second.child);
  }, 240_000);

  it("starts over with --reset: both sides wiped, the config applied again", async () => {
    const worldFile = path.join(dataDir, "emulator", "world.json");
    expect(existsSync(worldFile)).toBe(true);
    const third = startDemo(dataDir, ["--reset"]);
    demos.push(third.child);
    const output3 = await third.ready;
    expect(output3).toMatch(/20 profile\(s\) started with merge/);
    const { token } = JSON.parse(await readFile(path.join(dataDir, "demo-admin.json"), "utf8")) as Json;
    const api = apiOf(expectBanner(output3, dataDir), token);
    const [sync] = (await api("GET", "/api/syncs")).syncs as Json[];
    expect(sync).toMatchObject({ mapping: "full-details", profiles: { total: 20, active: 20 } });
    await stopDemo(third.child);
  }, 120_000);
});
