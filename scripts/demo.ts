/**
 * A working crosscal on one machine, no Microsoft tenant needed: starts the Microsoft 365 emulator with
 * its demo tenants, writes a config for them (<data>/crosscal.yaml, secrets passed by environment),
 * applies it to the service's store, starts `crosscal serve` on the embedded SQLite store
 * (<data>/crosscal.db) with change notifications from the emulator, creates the administrator on the first
 * run, and starts every profile with "merge existing meetings".
 *
 *   npm run demo            # data in ./data/demo, the service on http://127.0.0.1:8080, the emulator on 8443
 *
 * CROSSCAL_DEMO_DATA, CROSSCAL_DEMO_PORT and CROSSCAL_DEMO_EMULATOR_PORT change those (0: a free port).
 * Then act as a person through the emulator's control API (docs/emulator.md) and watch the copies appear.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { createInterface, type Interface } from "node:readline";
import { stringify } from "yaml";
import { ensurePrivateFolder } from "../src/store/data-folder.js";

interface StartLine {
  url: string;
  caCert: string;
  tenants: Array<{ id: string; domain: string; clientId: string; clientSecret: string; users: string[] }>;
}
type Tenant = StartLine["tenants"][number];

const dataDir = path.resolve(process.env.CROSSCAL_DEMO_DATA ?? "data/demo");
const credentialsFile = path.join(dataDir, "demo-admin.json");

function connection(url: string, tenant: Tenant, secretEnv: string) {
  return {
    tenant: tenant.domain,
    clientId: tenant.clientId,
    clientSecret: { env: secretEnv },
    cloud: "custom",
    endpoints: { authority: url, graph: url },
  };
}

/** One profile per person present in both tenants (same local part). */
function profiles(a: Tenant, b: Tenant) {
  const inB = new Map(b.users.map((upn) => [upn.split("@")[0]!.toLowerCase(), upn]));
  return a.users.flatMap((upn) => {
    const other = inB.get(upn.split("@")[0]!.toLowerCase());
    const name = upn
      .split("@")[0]!
      .split(".")
      .map((part) => part[0]!.toUpperCase() + part.slice(1))
      .join(" ");
    return other ? [{ name, a: upn, b: other }] : [];
  });
}

async function freePort(wanted: number): Promise<number> {
  if (wanted !== 0) return wanted;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function start(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { child: ChildProcess; lines: Interface } {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env,
  });
  return { child, lines: createInterface({ input: child.stdout! }) };
}

function firstLine(lines: Interface, child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`${what} exited with ${code}`)));
  });
}

/**
 * Waits for `serve` to print its address, then for the setup token it prints on a first run (none when the
 * administrator exists already: serve prints nothing more then).
 */
function setupTokenOf(serve: { child: ChildProcess; lines: Interface }): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    serve.lines.on("line", (line) => {
      timer ??= setTimeout(() => resolve(undefined), 1_000);
      const token = /^\s+(ccsetup_\S+)/.exec(line)?.[1];
      if (token) {
        clearTimeout(timer);
        resolve(token);
      }
    });
    serve.child.once("exit", (code) => reject(new Error(`crosscal serve exited with ${code}`)));
  });
}

async function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { child, lines } = start(args, env);
  lines.on("line", (line) => process.stdout.write(`${line}\n`));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`crosscal ${args[1]} exited with ${code}`);
}

async function writeConfig(emulator: StartLine): Promise<string> {
  const [contoso, fabrikam] = emulator.tenants as [Tenant, Tenant];
  const config = {
    version: 1,
    connections: {
      contoso: connection(emulator.url, contoso, "DEMO_CONTOSO_SECRET"),
      fabrikam: connection(emulator.url, fabrikam, "DEMO_FABRIKAM_SECRET"),
    },
    syncs: {
      "contoso-fabrikam": {
        a: "contoso",
        b: "fabrikam",
        mapping: "full-details",
        startMode: "merge",
        profiles: profiles(contoso, fabrikam),
      },
    },
  };
  const file = path.join(dataDir, "crosscal.yaml");
  await writeFile(file, `# Written by npm run demo for the emulator's demo tenants.\n${stringify(config)}`);
  return file;
}

async function api(base: string, method: string, url: string, init: { token?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

/** On the first run: the administrator (password kept in <data>/demo-admin.json) and an API token. */
async function demoToken(base: string, setupToken: string | undefined): Promise<string> {
  if (!setupToken) return (JSON.parse(await readFile(credentialsFile, "utf8")) as { token: string }).token;
  const password = randomBytes(18).toString("base64url");
  await api(base, "POST", "/api/setup", { body: { setupToken, username: "admin", password } });
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await fetch(`${base}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({ name: "demo", scope: "admin" }),
  });
  const { token } = (await created.json()) as { token: string };
  await writeFile(credentialsFile, JSON.stringify({ username: "admin", password, token }, null, 2), {
    mode: 0o600,
  });
  return token;
}

async function startProfiles(base: string, token: string): Promise<number> {
  const { syncs } = await api(base, "GET", "/api/syncs", { token });
  const ids: string[] = [];
  for (const sync of syncs as Array<{ id: string }>) {
    const { profiles } = await api(base, "GET", `/api/syncs/${sync.id}/profiles?status=draft&limit=200`, {
      token,
    });
    ids.push(...(profiles as Array<{ id: string }>).map((profile) => profile.id));
  }
  if (ids.length === 0) return 0;
  const { succeeded } = await api(base, "POST", "/api/profiles/actions", {
    token,
    body: { action: "start", mode: "merge", ids },
  });
  return succeeded as number;
}

async function main() {
  await ensurePrivateFolder(dataDir);
  const emulatorPort = await freePort(Number(process.env.CROSSCAL_DEMO_EMULATOR_PORT ?? 8443));
  const emulator = start([
    ...["emulator/src/main.ts", "--port", String(emulatorPort), "--seed", "demo"],
    ...["--state", path.join(dataDir, "emulator"), "--allow-http-notifications"],
  ]);
  const children: ChildProcess[] = [emulator.child];
  // crosscal first, and only then the emulator: runs in flight finish against a live emulator.
  const stop = async () => {
    for (const child of [...children].reverse()) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  try {
    const started = JSON.parse(await firstLine(emulator.lines, emulator.child, "the emulator")) as StartLine;
    const [contoso, fabrikam] = started.tenants as [Tenant, Tenant];
    const env = {
      ...process.env,
      NODE_EXTRA_CA_CERTS: started.caCert,
      DEMO_CONTOSO_SECRET: contoso.clientSecret,
      DEMO_FABRIKAM_SECRET: fabrikam.clientSecret,
    };
    const configFile = await writeConfig(started);
    await run(["src/cli/main.ts", "apply", "-f", configFile, "--data", dataDir], env);
    const port = await freePort(Number(process.env.CROSSCAL_DEMO_PORT ?? 8080));
    const base = `http://127.0.0.1:${port}`;
    const serve = start(
      [
        ...["src/cli/main.ts", "serve", "--port", String(port), "--host", "127.0.0.1"],
        ...["--data", dataDir, "--public-url", base],
        // The emulator stands in for Microsoft's hosts: connections made in the dashboard may point at it.
        ...["--allow-endpoint-host", new URL(started.url).host],
      ],
      env,
    );
    children.push(serve.child);
    const setupToken = await setupTokenOf(serve);
    const token = await demoToken(base, setupToken);
    const count = await startProfiles(base, token);
    process.stdout.write(
      [
        `demo ready: ${count} profile(s) started with merge; crosscal ${base} (API docs ${base}/docs)`,
        `  emulator ${started.url} (control API ${started.url}/_emulator)`,
        `  administrator and API token in ${credentialsFile}; for example:`,
        `  curl -H "authorization: Bearer $(node -p 'require(${JSON.stringify(credentialsFile)}).token')" ${base}/api/runs`,
        "",
      ].join("\n"),
    );
    await new Promise((resolve) => serve.child.once("exit", resolve));
  } finally {
    await stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`demo: ${error.message}\n`);
  process.exit(1);
});
