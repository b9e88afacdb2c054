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

/** The `m365-emulator` bin as npm links it for the workspace (what `npm run emulator` runs). */
const bin = path.resolve("node_modules/.bin/m365-emulator");

function startCli(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], {
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

  it("with --persist stops on SIGTERM with its world saved and starts again from it, not from the seed", async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), "emulator-persist-"));
    const args = ["--port", "0", "--seed", "demo", "--state", stateDir, "--persist"];
    const first = startCli(args);
    const firstLine = JSON.parse(await first.firstLine) as StartLine;
    const agent = new Agent({ connect: { ca: await readFile(firstLine.caCert, "utf8") } });
    const mailbox = firstLine.tenants[0]!.users[0]!;
    const at = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString().slice(0, 19);
    const created = await request(`${firstLine.url}/_emulator/mailboxes/${mailbox}/events`, {
      method: "POST",
      dispatcher: agent,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        subject: "Made just before SIGTERM",
        start: { dateTime: at(24), timeZone: "UTC" },
        end: { dateTime: at(25), timeZone: "UTC" },
      }),
    });
    const { id } = (await created.body.json()) as { id: string };
    first.child.kill("SIGTERM");
    expect(await first.exit).toBe(0);

    const second = startCli(args);
    const secondLine = JSON.parse(await second.firstLine) as StartLine;
    expect(secondLine.tenants).toEqual(firstLine.tenants);
    const events = await request(`${secondLine.url}/_emulator/mailboxes/${mailbox}/events`, {
      dispatcher: agent,
    });
    const { value } = (await events.body.json()) as { value: Array<{ id: string; subject: string }> };
    expect(value).toContainEqual(expect.objectContaining({ id, subject: "Made just before SIGTERM" }));
    await agent.close();
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

  it("with --log keeps stdout for the start-up line and logs requests to stderr without secrets", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "emulator-log-"));
    const seedFile = path.join(dir, "seed.json");
    const secret = "log-secret~value-never-printed";
    const seed = {
      tenants: [
        {
          domain: "log.test",
          users: [{ userPrincipalName: "a@log.test" }],
          apps: [{ clientSecret: secret }],
        },
      ],
    };
    await writeFile(seedFile, JSON.stringify(seed));
    const cli = startCli(["--port", "0", "--seed", seedFile, "--state", dir, "--log"]);
    const line = JSON.parse(await cli.firstLine) as StartLine;
    expect(line.tenants[0]?.clientSecret).toBe(secret);
    const agent = new Agent({ connect: { ca: await readFile(line.caCert, "utf8") } });
    const tenant = line.tenants[0]!;
    const tokenUrl = `${line.url}/${tenant.id}/oauth2/v2.0/token`;
    const form = (fields: Record<string, string>) => ({
      method: "POST" as const,
      dispatcher: agent,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        scope: "https://graph.microsoft.com/.default",
        ...fields,
      }).toString(),
    });
    const issued = await request(tokenUrl, form({ client_id: tenant.clientId, client_secret: secret }));
    const { access_token: token } = (await issued.body.json()) as { access_token: string };
    const basic = Buffer.from(`${tenant.clientId}:${secret}`).toString("base64");
    await (
      await request(tokenUrl, {
        ...form({}),
        headers: { ...form({}).headers, authorization: `Basic ${basic}` },
      })
    ).body.dump();
    const assertion = "eyJhbGciOiJQUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLW5ldmVyLXByaW50ZWQ";
    await (
      await request(
        tokenUrl,
        form({
          client_id: tenant.clientId,
          client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
          client_assertion: assertion,
        }),
      )
    ).body.dump();
    const graph = await request(`${line.url}/v1.0/users/a@log.test/events`, {
      dispatcher: agent,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(graph.statusCode).toBe(200);
    await graph.body.dump();
    await agent.close();
    cli.child.kill("SIGTERM");
    await cli.exit;
    const log = cli.stderr();
    expect(log).toContain("/v1.0/users/a@log.test/events");
    expect(log).toContain("/oauth2/v2.0/token");
    for (const sensitive of [secret, basic, assertion, token, token.split(".")[2]!]) {
      expect(log).not.toContain(sensitive);
    }
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
