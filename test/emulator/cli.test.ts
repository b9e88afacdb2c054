import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Agent, request } from "undici";
import { afterEach, describe, expect, it } from "vitest";

interface StartLine {
  url: string;
  caCert: string;
  tenants: Array<{ id: string; domain: string; clientId: string; clientSecret: string; users: string[] }>;
}

const running: ChildProcess[] = [];

function startCli(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "emulator/src/main.ts", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const exit = new Promise<number | string | null>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal)),
  );
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    exit.then((code) => reject(new Error(`emulator exited with ${code}: ${stderr}`)));
  });
  firstLine.catch(() => {}); // awaited by the tests that expect a start; others only await `exit`
  return { child, firstLine, exit, stderr: () => stderr };
}

afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGTERM");
});

describe("emulator command line", () => {
  it("prints one JSON line describing the demo tenants and serves HTTPS with the printed CA", async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), "emulator-cli-"));
    const cli = startCli(["--port", "0", "--seed", "demo", "--state", stateDir]);
    const line = JSON.parse(await cli.firstLine) as StartLine;
    expect(line.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(line.caCert).toBe(path.join(stateDir, "ca.pem"));
    expect(line.tenants).toHaveLength(2);
    for (const tenant of line.tenants) {
      expect(tenant.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(tenant.clientId).toMatch(/^[0-9a-f-]{36}$/);
      expect(tenant.clientSecret.length).toBeGreaterThan(20);
      expect(tenant.users.length).toBeGreaterThanOrEqual(20);
    }
    const localParts = (i: number) => new Set(line.tenants[i]!.users.map((upn) => upn.split("@")[0]));
    const shared = [...localParts(0)].filter((local) => localParts(1).has(local));
    expect(shared.length).toBe(20);
    const agent = new Agent({ connect: { ca: await readFile(line.caCert, "utf8") } });
    const response = await request(`${line.url}/_emulator/health`, { dispatcher: agent });
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ ok: true });
    await agent.close();
  });

  it("reuses the CA and server certificate kept in its state folder", async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), "emulator-state-"));
    const first = startCli(["--port", "0", "--state", stateDir]);
    const firstLine = JSON.parse(await first.firstLine) as StartLine;
    const ca = await readFile(firstLine.caCert, "utf8");
    first.child.kill("SIGTERM");
    expect(await first.exit).toBe(0);
    const second = startCli(["--port", "0", "--state", stateDir]);
    const secondLine = JSON.parse(await second.firstLine) as StartLine;
    expect(await readFile(secondLine.caCert, "utf8")).toBe(ca);
    expect(ca).toContain("BEGIN CERTIFICATE");
  });

  it("loads a seed file", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "emulator-seed-"));
    const seedFile = path.join(dir, "seed.json");
    await writeFile(
      seedFile,
      JSON.stringify({
        tenants: [
          {
            domain: "one.test",
            users: [{ userPrincipalName: "a@one.test" }],
            apps: [{ clientSecret: "s3cret-value" }],
          },
        ],
      }),
    );
    const cli = startCli(["--port", "0", "--seed", seedFile, "--state", dir]);
    const line = JSON.parse(await cli.firstLine) as StartLine;
    expect(line.tenants).toEqual([
      expect.objectContaining({ domain: "one.test", clientSecret: "s3cret-value", users: ["a@one.test"] }),
    ]);
  });

  it("refuses a missing seed file with a one-line error and exit code 1", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "emulator-bad-"));
    const cli = startCli(["--port", "0", "--seed", path.join(dir, "missing.json"), "--state", dir]);
    expect(await cli.exit).toBe(1);
    expect(cli.stderr()).toMatch(/^emulator: cannot read seed file .*missing\.json/);
    expect(cli.stderr()).not.toMatch(/\n\s+at /);
  });

  it("refuses an invalid port", async () => {
    const cli = startCli(["--port", "99999"]);
    expect(await cli.exit).toBe(1);
    expect(cli.stderr()).toContain("a port is a whole number from 0 to 65535");
  });
});
