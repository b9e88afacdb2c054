/**
 * A working crosscal on one machine, no Microsoft tenant needed: the Microsoft 365 emulator with its demo
 * tenants (its world kept in <data>/emulator/world.json) and `crosscal serve` on the embedded SQLite store
 * (<data>/crosscal.db), with change notifications from the emulator.
 *
 * The first start writes a config for the demo tenants (<data>/crosscal.yaml, secrets passed by
 * environment), applies it, creates the administrator and starts every profile with "merge existing
 * meetings". Later starts continue where the last one stopped: same tenants, same mailboxes, same ports,
 * the config not applied again, so changes made through the API or the dashboard are kept.
 *
 *   npm run demo              # data in ./data/demo, the service on http://127.0.0.1:8080, the emulator on 8443
 *   npm run demo -- --reset   # wipe ./data/demo (crosscal's store and the emulator's world) and start over
 *
 * CROSSCAL_DEMO_DATA, CROSSCAL_DEMO_PORT and CROSSCAL_DEMO_EMULATOR_PORT change those on a first start
 * (0: a free port). The console shows progress and a banner; the JSON logs go to <data>/crosscal.log and
 * <data>/emulator.log. The dashboard is built first when web/dist has no build. The banner ends with the
 * dashboard's URL and the administrator's username and password.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { open, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { createInterface, type Interface } from "node:readline";
import { stringify } from "yaml";
import { openStore } from "../src/cli/context.js";
import { storeLocation } from "../src/cli/service-store.js";
import { DEFAULT_DASHBOARD_DIR } from "../src/server/plugins/dashboard.js";
import { listConnections } from "../src/store/connections.js";
import { ensurePrivateFolder } from "../src/store/data-folder.js";
import { closeDatabase } from "../src/store/database.js";

interface StartLine {
  url: string;
  caCert: string;
  tenants: Array<{ id: string; domain: string; clientId: string; clientSecret: string; users: string[] }>;
}
type Tenant = StartLine["tenants"][number];

/** The ports of the first start, reused by the next ones: the store's connections name the emulator's. */
interface DemoPorts {
  port: number;
  emulatorPort: number;
}

const dataDir = path.resolve(process.env.CROSSCAL_DEMO_DATA ?? "data/demo");
const files = {
  credentials: path.join(dataDir, "demo-admin.json"),
  ports: path.join(dataDir, "demo.json"),
  config: path.join(dataDir, "crosscal.yaml"),
  crosscalLog: path.join(dataDir, "crosscal.log"),
  emulatorLog: path.join(dataDir, "emulator.log"),
  emulatorState: path.join(dataDir, "emulator"),
  world: path.join(dataDir, "emulator", "world.json"),
};

/** A path as the person reads it: relative to where they typed `npm run demo`, when it is below it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

const progress = (line: string) => process.stdout.write(`demo: ${line}\n`);

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

async function demoPorts(): Promise<DemoPorts> {
  if (existsSync(files.ports)) return JSON.parse(await readFile(files.ports, "utf8")) as DemoPorts;
  const ports = {
    port: await freePort(Number(process.env.CROSSCAL_DEMO_PORT ?? 8080)),
    emulatorPort: await freePort(Number(process.env.CROSSCAL_DEMO_EMULATOR_PORT ?? 8443)),
  };
  await writeFile(files.ports, `${JSON.stringify(ports, null, 2)}\n`);
  return ports;
}

/**
 * Stops the children once, the last started first: crosscal's runs in flight finish against a live
 * emulator, which then saves its world.
 */
function stopper(children: ChildProcess[]): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const stopAll = async () => {
    for (const child of [...children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  };
  return () => {
    stopping ??= stopAll();
    return stopping;
  };
}

/**
 * A child whose stdout is read line by line here and whose stderr (its JSON logs) is appended to a file.
 * It runs in its own process group, so that Ctrl-C reaches only the demo, which stops children in order.
 */
async function start(
  command: string[],
  log: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: ChildProcess; lines: Interface }> {
  const logFile = await open(log, "a", 0o600);
  const child = spawn(process.execPath, command, {
    stdio: ["ignore", "pipe", logFile.fd],
    env,
    detached: true,
  });
  // The child holds its own copy of the descriptor.
  await logFile.close();
  return { child, lines: createInterface({ input: child.stdout! }) };
}

const tsx = (script: string, ...args: string[]) => ["--import", "tsx", script, ...args];

/** The emulator package's `m365-emulator` executable, wherever npm installed the workspace. */
function emulatorBin(): string {
  const manifest = createRequire(import.meta.url).resolve("m365-emulator/package.json");
  return path.join(path.dirname(manifest), "bin", "m365-emulator.js");
}

function firstLine(lines: Interface, child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) =>
      reject(new Error(`${what} exited with ${code}; see ${shown(files.emulatorLog)}`)),
    );
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
    serve.child.once("exit", (code) =>
      reject(new Error(`crosscal serve exited with ${code}; see ${shown(files.crosscalLog)}`)),
    );
  });
}

/** A crosscal command run to its end, its report and logs appended to crosscal.log. */
async function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { child, lines } = await start(tsx("src/cli/main.ts", ...args), files.crosscalLog, env);
  const output: string[] = [];
  lines.on("line", (line) => output.push(line));
  // "close", not "exit": its last lines may still be on their way when it exits.
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  await writeFile(files.crosscalLog, output.map((line) => `${line}\n`).join(""), { flag: "a" });
  if (code !== 0) throw new Error(`crosscal ${args[0]} exited with ${code}; see ${shown(files.crosscalLog)}`);
}

/** The first start's question: a store that has connections was set up before (and maybe changed since). */
async function storeHasConnections(): Promise<boolean> {
  const db = await openStore(storeLocation({ data: dataDir }).target, false);
  if (!db) return false;
  try {
    return (await listConnections(db)).length > 0;
  } finally {
    await closeDatabase(db);
  }
}

async function writeConfig(emulator: StartLine): Promise<void> {
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
  await writeFile(
    files.config,
    `# Written by npm run demo for the emulator's demo tenants.\n${stringify(config)}`,
  );
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

/** What the first run keeps in <data>/demo-admin.json: the administrator's sign-in and an API token. */
interface DemoAdmin {
  username: string;
  password: string;
  token: string;
}

/** On the first run: the administrator (password kept in <data>/demo-admin.json) and an API token. */
async function demoAdmin(base: string, setupToken: string | undefined): Promise<DemoAdmin> {
  if (!setupToken) return JSON.parse(await readFile(files.credentials, "utf8")) as DemoAdmin;
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
  const admin = { username: "admin", password, token };
  await writeFile(files.credentials, JSON.stringify(admin, null, 2), { mode: 0o600 });
  progress(`administrator created: username admin, password and API token in ${shown(files.credentials)}`);
  return admin;
}

/** Starts, with merge, every profile still in draft (all of them on a first start, none later). */
async function startDraftProfiles(base: string, token: string): Promise<number> {
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

/** "20 active, 1 in error" over every sync: what a person checks first. */
async function profileSummary(base: string, token: string): Promise<string> {
  const { syncs } = await api(base, "GET", "/api/syncs", { token });
  const totals = new Map<string, number>();
  for (const sync of syncs as Array<{ profiles: Record<string, number> }>) {
    for (const [status, count] of Object.entries(sync.profiles))
      totals.set(status, (totals.get(status) ?? 0) + count);
  }
  const parts = [...totals]
    .filter(([status, count]) => status !== "total" && count > 0)
    .map(([status, count]) => `${count} ${status.replace("_", " ")}`);
  return `${totals.get("total") ?? 0} profile(s): ${parts.join(", ") || "none"}`;
}

/** A meeting tomorrow at 10:00 in Adele's contoso mailbox, as she would make it in Outlook. */
function exampleMeeting(emulator: StartLine): string {
  const adele =
    emulator.tenants[0]!.users.find((upn) => upn.startsWith("adele.")) ?? emulator.tenants[0]!.users[0]!;
  const day = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
  const zone = "W. Europe Standard Time";
  const body = {
    subject: "Coffee with the demo",
    start: { dateTime: `${day}T10:00:00`, timeZone: zone },
    end: { dateTime: `${day}T10:30:00`, timeZone: zone },
  };
  return [
    `  curl --cacert ${shown(emulator.caCert)} -X POST ${emulator.url}/_emulator/mailboxes/${adele}/events \\`,
    `    -H 'content-type: application/json' -d '${JSON.stringify(body)}'`,
  ].join("\n");
}

/**
 * The banner ends on the dashboard: its URL and the administrator's sign-in, the last lines a person sees.
 * The password is printed as well as kept in the credentials file: a demo on the loopback interface, with
 * data of made-up tenants.
 */
function banner(base: string, emulator: StartLine, summary: string, admin: DemoAdmin): string {
  return [
    `demo ready: ${summary}`,
    `  crosscal   ${base}  (API docs at ${base}/docs)`,
    `  emulator   ${emulator.url}  (Microsoft 365 for contoso and fabrikam; control API at /_emulator)`,
    `  logs       ${shown(files.crosscalLog)}, ${shown(files.emulatorLog)}`,
    `  API token  in ${shown(files.credentials)}`,
    "",
    "Act as a person: a meeting in Adele's contoso mailbox, copied to her fabrikam one within seconds:",
    exampleMeeting(emulator),
    "",
    "Ctrl-C stops the demo; npm run demo continues where it stopped, npm run demo -- --reset starts over.",
    "",
    `Open the dashboard: ${base}/`,
    `  sign in as ${admin.username}, password ${admin.password}`,
    "",
  ].join("\n");
}

/**
 * The dashboard `serve` will answer with, built first on a fresh clone (web/dist is not committed), so the
 * URL the banner prints opens it. Vite's own output shows the build's progress.
 */
async function ensureDashboardBuilt(): Promise<void> {
  if (existsSync(path.join(DEFAULT_DASHBOARD_DIR, "index.html"))) return;
  progress(`the dashboard is not built (${shown(DEFAULT_DASHBOARD_DIR)}): npm run build --workspace web`);
  const build = spawn("npm", ["run", "build", "--workspace", "web"], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    build.once("error", reject);
    build.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`npm run build --workspace web exited with ${code}`);
  progress(`dashboard built into ${shown(DEFAULT_DASHBOARD_DIR)}`);
}

/** Only a folder the demo made is wiped: CROSSCAL_DEMO_DATA might name something else by mistake. */
async function reset(): Promise<void> {
  if (!existsSync(dataDir)) return;
  const made = [files.ports, files.credentials, files.config, files.emulatorState].some((file) =>
    existsSync(file),
  );
  if (!made) throw new Error(`${dataDir} does not look like a demo folder; remove it yourself to start over`);
  await rm(dataDir, { recursive: true, force: true });
  progress(`${shown(dataDir)} wiped: starting over`);
}

function readArguments(): { reset: boolean } {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== "--reset");
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]} (the only option is --reset)`);
  return { reset: args.includes("--reset") };
}

async function main() {
  const options = readArguments();
  if (options.reset) await reset();
  await ensureDashboardBuilt();
  await ensurePrivateFolder(dataDir);
  const ports = await demoPorts();
  const restoring = existsSync(files.world);
  progress(
    restoring
      ? `continuing in ${shown(dataDir)} (npm run demo -- --reset starts over)`
      : `setting up in ${shown(dataDir)}`,
  );
  const emulator = await start(
    [
      ...[emulatorBin(), "--port", String(ports.emulatorPort), "--seed", "demo"],
      ...["--state", files.emulatorState, "--persist", "--allow-http-notifications", "--log"],
    ],
    files.emulatorLog,
  );
  const children: ChildProcess[] = [emulator.child];
  const stop = stopper(children);
  let signalled = false;
  const onSignal = () => {
    if (signalled) return;
    signalled = true;
    progress("stopping: crosscal first, then the emulator, which saves its world");
    void stop().then(() => progress("stopped; npm run demo continues from here"));
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
  // Whatever ends this process, nothing it started is left running.
  process.on("exit", () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  try {
    const started = JSON.parse(await firstLine(emulator.lines, emulator.child, "the emulator")) as StartLine;
    progress(
      restoring
        ? `emulator ${started.url} continues from its saved world (${shown(files.world)})`
        : `emulator ${started.url} started with the demo tenants ${started.tenants.map((t) => t.domain).join(" and ")}`,
    );
    const [contoso, fabrikam] = started.tenants as [Tenant, Tenant];
    const env = {
      ...process.env,
      NODE_EXTRA_CA_CERTS: started.caCert,
      DEMO_CONTOSO_SECRET: contoso.clientSecret,
      DEMO_FABRIKAM_SECRET: fabrikam.clientSecret,
    };
    if (await storeHasConnections()) {
      progress(
        "store already set up: the config is not applied again (changes made through the API are kept)",
      );
      if (!restoring)
        progress("warning: the emulator's world is new but the store is not; --reset starts over");
    } else {
      await writeConfig(started);
      await run(["apply", "-f", files.config, "--data", dataDir], env);
      progress(`config applied from ${shown(files.config)}`);
    }
    const base = `http://127.0.0.1:${ports.port}`;
    const serve = await start(
      tsx(
        "src/cli/main.ts",
        ...["serve", "--port", String(ports.port), "--host", "127.0.0.1"],
        ...["--data", dataDir, "--public-url", base],
        // The emulator stands in for Microsoft's hosts: connections made in the dashboard may point at it.
        ...["--allow-endpoint-host", new URL(started.url).host],
      ),
      files.crosscalLog,
      env,
    );
    children.push(serve.child);
    const setupToken = await setupTokenOf(serve);
    progress(`crosscal serve started on ${base}`);
    const admin = await demoAdmin(base, setupToken);
    const count = await startDraftProfiles(base, admin.token);
    if (count > 0) progress(`${count} profile(s) started with merge`);
    process.stdout.write(banner(base, started, await profileSummary(base, admin.token), admin));
    await new Promise((resolve) => serve.child.once("exit", resolve));
  } finally {
    await stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`demo: ${error.message}\n`);
  process.exit(1);
});
