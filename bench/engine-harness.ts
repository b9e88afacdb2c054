/**
 * What the engine benchmarks share: the emulator as its own process (so its CPU and memory never count as
 * crosscal's), a seed of two tenants, Graph clients and a SQLite store wired as the engine uses them.
 *
 * `launch(seed, main)` is called at the top of a benchmark script. The first process writes the seed,
 * starts the emulator, and starts the script again with NODE_EXTRA_CA_CERTS naming the emulator's CA (Node
 * reads that variable only at start-up, and MSAL uses Node's TLS) and CROSSCAL_BENCH_EMULATOR naming a file
 * that holds the emulator's start-up line (a file: with thousands of users the line is larger than Linux
 * lets one environment variable be); that second process runs `main`. The first one stops the emulator
 * afterwards.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { CalendarPort } from "../src/core/calendar-port.js";
import type { Side } from "../src/core/event.js";
import type { SyncSettings } from "../src/engine/settings.js";
import { MsalTokenSource } from "../src/graph/auth.js";
import { GraphCalendar } from "../src/graph/calendar.js";
import { GraphClient } from "../src/graph/client.js";
import { resolveEndpoints } from "../src/graph/endpoints.js";
import type { GraphEventListener } from "../src/graph/metrics.js";
import type { GraphRequester } from "../src/graph/requester.js";
import type { ChangeHint } from "../src/notifications/echoes.js";
import { migrate, openDatabase, type Store } from "../src/store/database.js";
import { insertProfile, type Profile } from "../src/store/profiles.js";
import type { StartMode } from "../src/store/schema.js";

export interface StartLine {
  url: string;
  caCert: string;
  tenants: Array<{ id: string; domain: string; clientId: string; clientSecret: string; users: string[] }>;
}

// biome-ignore lint/suspicious/noExplicitAny: seed bodies and emulator answers are arbitrary JSON
export type Json = Record<string, any>;

export const DOMAINS = { A: "contoso.test", B: "fabrikam.test" } as const;

export const SETTINGS: SyncSettings = {
  direction: "two-way",
  mapping: "full-details",
  pastDays: 30,
  copyReminders: false,
  massDeletionShare: 0.5,
  massDeletionMinimum: 10,
  emptySideGuard: true,
};

export const mailboxOf = (person: string, side: Side) => `${person}@${DOMAINS[side]}`;

/** Two tenants holding the same people, each with crosscal's app; `events` go into the seed as they are. */
export function twoTenantSeed(people: string[], events: Record<Side, Json[]> = { A: [], B: [] }) {
  return {
    tenants: (["A", "B"] as const).map((side) => ({
      domain: DOMAINS[side],
      users: people.map((person) => ({ userPrincipalName: mailboxOf(person, side) })),
      apps: [{ displayName: "crosscal", clientSecret: `${DOMAINS[side]}-bench-secret` }],
      events: events[side],
    })),
  };
}

/**
 * The emulator in a process group of its own, so that Ctrl-C reaches the benchmark alone, which stops what
 * it started (a service, workers) while the emulator still answers, and the emulator last.
 */
function spawnEmulator(seedFile: string, stateDir: string, extraArgs: string[]): ChildProcess {
  return spawn(
    process.execPath,
    [
      ...["--import", "tsx", "emulator/src/main.ts", "--port", "0", "--state", stateDir, "--seed", seedFile],
      ...extraArgs,
    ],
    { stdio: ["ignore", "pipe", "inherit"], detached: true },
  );
}

function startLineOf(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the emulator exited with status ${code}`)));
  });
}

function runAgain(startLineFile: string, caCert: string): ChildProcess {
  const script = process.argv[1]!;
  // CROSSCAL_BENCH_CPU_PROF=DIR writes a V8 CPU profile of the measured process (not of the emulator).
  const profile = process.env.CROSSCAL_BENCH_CPU_PROF;
  const flags = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
  return spawn(process.execPath, [...flags, "--import", "tsx", script, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caCert, CROSSCAL_BENCH_EMULATOR: startLineFile },
  });
}

const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    if (ended(child)) resolve(child.exitCode ?? 1);
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (ended(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Runs `main` in a process that trusts an emulator started with `seed` and `emulatorArgs` (see the file
 * comment). A signal (Ctrl-C) goes to the script's process, and the emulator is stopped once that has
 * ended, since it may have processes of its own to stop; before the script runs, it stops the emulator.
 */
export async function launch(
  seed: unknown,
  main: (emulator: StartLine) => Promise<void>,
  emulatorArgs: string[] = [],
): Promise<void> {
  const started = process.env.CROSSCAL_BENCH_EMULATOR;
  if (started) {
    await main(JSON.parse(await readFile(started, "utf8")) as StartLine);
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-bench-"));
  const seedFile = path.join(dir, "seed.json");
  await writeFile(seedFile, JSON.stringify(seed));
  const seeding = performance.now();
  const emulator = spawnEmulator(seedFile, path.join(dir, "state"), emulatorArgs);
  let script: ChildProcess | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (script) {
      script.kill(signal);
      return;
    }
    emulator.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  // Whatever ends this process, the emulator (in a process group of its own) does not outlive it.
  const orphaned = () => ended(emulator) || emulator.kill("SIGKILL");
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  process.on("exit", orphaned);
  try {
    const line = await startLineOf(emulator);
    const start = JSON.parse(line) as StartLine;
    console.error(`(emulator seeded and started in ${((performance.now() - seeding) / 1000).toFixed(1)} s)`);
    const startLineFile = path.join(dir, "emulator.json");
    await writeFile(startLineFile, line, { mode: 0o600 });
    script = runAgain(startLineFile, start.caCert);
    process.exitCode = await exited(script);
  } finally {
    await stop(emulator);
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    process.off("exit", orphaned);
    await rm(dir, { recursive: true, force: true });
  }
}

/** The emulator's control API (`/_emulator/...`): not throttled, not counted. */
export async function control(emulator: StartLine, method: string, suffix: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/_emulator${suffix}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  if (!response.ok)
    throw new Error(`${method} /_emulator${suffix}: ${response.status} ${await response.text()}`);
  return response.status === 204 || response.status === 202 ? {} : ((await response.json()) as Json);
}

export interface EmulatorStats {
  requests: { total: number; byApp: Record<string, number>; byAppMailbox: Record<string, number> };
  throttled: { total: number; byApp: Record<string, number>; byAppMailbox: Record<string, number> };
  messages: { invitations: number; updates: number; cancellations: number };
}

export const emulatorStats = async (emulator: StartLine) =>
  (await control(emulator, "GET", "/stats")) as EmulatorStats;

/** A person acting in Outlook, through the control API (sends what Outlook would; not counted as crosscal). */
export function person(emulator: StartLine, mailbox: string) {
  const events = `/mailboxes/${encodeURIComponent(mailbox)}/events`;
  return {
    create: (body: Json) => control(emulator, "POST", events, body),
    update: (id: string, body: Json) =>
      control(emulator, "PATCH", `${events}/${encodeURIComponent(id)}`, body),
    remove: (id: string) => control(emulator, "DELETE", `${events}/${encodeURIComponent(id)}`),
    list: async () => (await control(emulator, "GET", events)).value as Json[],
  };
}

/** A one-hour meeting `day` days from now at `hour` (UTC), in the body a person would send. */
export function meeting(subject: string, day: number, hour = 9, extra: Json = {}): Json {
  const date = new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 10);
  const at = (h: number) => `${date}T${String(h).padStart(2, "0")}:00:00`;
  return {
    subject,
    body: { contentType: "text", content: `About ${subject}` },
    start: { dateTime: at(hour), timeZone: "UTC" },
    end: { dateTime: at(hour + 1), timeZone: "UTC" },
    ...extra,
  };
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** A weekly series of eight one-hour meetings, the first `day` days from now at `hour` (UTC). */
export function weeklySeries(subject: string, day: number, hour: number): Json {
  const body = meeting(subject, day, hour);
  const date = (body.start.dateTime as string).slice(0, 10);
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
  return {
    ...body,
    recurrence: {
      pattern: { type: "weekly", interval: 1, daysOfWeek: [weekday] },
      range: { type: "numbered", startDate: date, numberOfOccurrences: 8 },
    },
  };
}

/** One Graph client per tenant, as a deployment has one per connection. */
export function graphClients(emulator: StartLine, onEvent?: GraphEventListener): Record<Side, GraphClient> {
  const endpoints = resolveEndpoints({ authorityHost: emulator.url, graphHost: emulator.url });
  const clientOf = (side: Side) => {
    const tenant = emulator.tenants.find((t) => t.domain === DOMAINS[side]);
    if (!tenant) throw new Error(`the emulator holds no tenant ${DOMAINS[side]}`);
    const tokens = new MsalTokenSource({
      tenant: tenant.id,
      clientId: tenant.clientId,
      credential: { kind: "secret", secret: tenant.clientSecret },
      endpoints,
      label: DOMAINS[side],
    });
    return new GraphClient({ endpoints, tokens, ...(onEvent ? { onEvent } : {}) });
  };
  return { A: clientOf("A"), B: clientOf("B") };
}

export const appIdOf = (emulator: StartLine, side: Side) =>
  emulator.tenants.find((t) => t.domain === DOMAINS[side])!.clientId;

export function portsFor(
  requesters: Record<Side, GraphRequester>,
  person: string,
): Record<Side, CalendarPort> {
  return {
    A: new GraphCalendar({ requester: requesters.A, mailbox: mailboxOf(person, "A") }),
    B: new GraphCalendar({ requester: requesters.B, mailbox: mailboxOf(person, "B") }),
  };
}

/** A migrated SQLite store in a fresh temporary folder. */
export async function openStore(): Promise<{ db: Store; close: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-bench-store-"));
  const db = openDatabase(path.join(dir, "crosscal.db"));
  await migrate(db);
  return {
    db,
    close: async () => {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function addProfile(db: Store, person: string, startMode: StartMode): Promise<Profile> {
  return insertProfile(
    db,
    {
      sync: "contoso-fabrikam",
      name: person,
      mailboxA: mailboxOf(person, "A"),
      mailboxB: mailboxOf(person, "B"),
      startMode,
      status: "active",
    },
    new Date(),
  );
}

/** `value / bound` as printed by every benchmark: the figure, the ratio, and whether it meets the bound. */
export function ratioLine(name: string, value: number, unit: string, bound: number, lowerIsBetter = true) {
  const ratio = value / bound;
  const ok = lowerIsBetter ? ratio <= 1 : ratio >= 1;
  const figure = Number.isInteger(value) ? String(value) : value.toFixed(2);
  return `${name}: ${figure} ${unit}, ratio to bound ${bound} ${unit} = ${ratio.toFixed(2)} (${ok ? "ok" : "ABOVE BOUND"})`;
}

export const fail = (error: unknown) => {
  console.error(error);
  process.exit(1);
};

/** A change hint as the webhook received it, with the path it was posted to. */
export type ReceivedHint = ChangeHint & { path: string };

/**
 * A plain-HTTP webhook endpoint for the emulator's change notifications (start it with
 * `--allow-http-notifications`): a POST to `/A...` or `/B...` adds the hints of that side's mailbox, as
 * the service's receiver will pass them on, with the path (which may name the person too).
 */
export async function startWebhook() {
  const hints: ReceivedHint[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const token = url.searchParams.get("validationToken");
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (token !== null) {
        response.writeHead(200, { "content-type": "text/plain" }).end(token);
        return;
      }
      const side = url.pathname.slice(1, 2) as Side;
      for (const n of (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { value: Json[] }).value) {
        const version = n.resourceData?.["@odata.etag"] as string | undefined;
        hints.push({
          path: url.pathname,
          side,
          eventId: n.resourceData.id,
          changeType: n.changeType,
          ...(version && { version }),
        });
      }
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hints,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Subscribes the webhook to every event change in one mailbox. */
export async function subscribe(client: GraphRequester, mailbox: string, notificationUrl: string) {
  await client.request("POST", "/subscriptions", {
    mailbox,
    context: `subscribe to ${mailbox}`,
    body: {
      changeType: "created,updated,deleted",
      notificationUrl,
      resource: `users/${mailbox}/events`,
      expirationDateTime: new Date(Date.now() + 86_400_000).toISOString(),
      clientState: "bench",
    },
  });
}
