/**
 * The service at scale (issue 10, part 8; see bench/README.md): `crosscal serve` as its own process on
 * SQLite (or, with --postgres, serve and two `crosscal worker` processes on a private PostgreSQL cluster),
 * against the emulator in its own process, with `--people` people in two tenants.
 *
 *   npm run bench:service:scale [-- --people 10000 --events-per-mailbox 5 --steady-seconds 120 --rate 20
 *                                  --latency 50 --postgres --workers 2 --worker-concurrency 4 --floor-events 300]
 *
 * Set-up as an administrator does it, through the REST API: two connections, one two-way sync, the people
 * imported as CSV (5,000 rows a request, mailboxes verified). Then, each phase printed as ratios:
 * 1. merge: every profile started with merge in one background job; timed until every first run finished;
 * 2. subscription renewals: when each subscription falls due (expiry minus a day), per minute;
 * 3. steady state: a person's change (new meeting, edit, deletion) every 1/rate s, spread over mailboxes;
 *    each one's latency to the end of the run that mirrored it; serve's (and the workers') CPU per
 *    mirrored event, against the bound and against a floor measured in this run (bench/cpu-floor.ts);
 *    peak RSS of every crosscal process;
 * 4. a full reconcile: serve restarted (a start reconciles every active profile), timed until every
 *    profile's run finished, with the requests it made per mailbox.
 * Every process started here (serve, workers, PostgreSQL) is stopped at the end, on failure and on Ctrl-C.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import type { Side } from "../src/core/event.js";
import { RENEWAL_PERIOD_MS } from "../src/notifications/renewal-spread.js";
import { RENEW_BEFORE_MS } from "../src/notifications/subscriptions.js";
import { MAX_IMPORT_ROWS } from "../src/profiles/import-profiles.js";
import { closeDatabase, openDatabase, type Store } from "../src/store/database.js";
import { findPostgresBin, startPostgresCluster } from "../test/helpers/postgres-server.js";
import { freePort } from "../test/helpers/wait.js";
import {
  adminToken,
  apiClient,
  type CliProcess,
  type ServeProcess,
  startServe,
  startWorker,
} from "./cli-service.js";
import { describeFloor, type Floor, measureCpuFloor } from "./cpu-floor.js";
import {
  control,
  DOMAINS,
  type EmulatorStats,
  emulatorStats,
  fail,
  type Json,
  launch,
  mailboxOf,
  meeting,
  ratioLine,
  type StartLine,
  twoTenantSeed,
  weeklySeries,
} from "./engine-harness.js";
import { cpuSeconds, cpuSecondsWithChildren, parentOf, peakRssBytes } from "./process-stats.js";
import { percentile } from "./stats.js";

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "10000" },
    "events-per-mailbox": { type: "string", default: "5" },
    "steady-seconds": { type: "string", default: "120" },
    rate: { type: "string", default: "20" },
    latency: { type: "string", default: "50" },
    postgres: { type: "boolean", default: false },
    workers: { type: "string", default: "2" },
    "worker-concurrency": { type: "string", default: "4" },
    "floor-events": { type: "string", default: "1000" },
  },
});
const PEOPLE = Number(values.people);
const EVENTS_PER_MAILBOX = Number(values["events-per-mailbox"]);
const STEADY_SECONDS = Number(values["steady-seconds"]);
const RATE = Number(values.rate);
const LATENCY_MS = Number(values.latency);
const POSTGRES = values.postgres;
const WORKERS = Number(values.workers);
const WORKER_CONCURRENCY = Number(values["worker-concurrency"]);
const FLOOR_EVENTS = Number(values["floor-events"]);

/** serve runs up to 8 profiles at a time on SQLite (docs/service.md); the workers run theirs in PostgreSQL mode. */
const SERVE_CONCURRENCY = 8;
const PROFILES_AT_A_TIME = POSTGRES ? WORKERS * WORKER_CONCURRENCY : SERVE_CONCURRENCY;
const GRAPH_CONCURRENT_PER_MAILBOX = 4;
const GRAPH_REQUESTS_PER_WINDOW = 10_000;
/** Graph's global limit per app across all tenants (GRAPH-NOTES 5): 130,000 requests per 10 s. */
const GRAPH_APP_REQUESTS_PER_10S = 130_000;
const LATENCY_BOUND_MS = 1_000;
const RSS_BOUND_MIB = 1_024;
const CPU_BOUND_US = 1_000;
const RENEWAL_SPREAD_BOUND = 2;
const RECONCILE_CYCLE_S = 15 * 60;
/** serve keeps subscriptions in line this often: a subscription due in between is renewed at the next round. */
const UPKEEP_MINUTES = 10;
const MIB = 1024 * 1024;
const MINUTE = 60_000;
/** A phase that makes no progress for this long has failed. */
const STALL_MS = 10 * MINUTE;

const people = Array.from({ length: PEOPLE }, (_, i) => `person${String(i).padStart(5, "0")}`);
const FLOOR_PERSON = "cpu-floor";
/** How long the floor is measured at the steady state's pace (bench/cpu-floor.ts, `pace`). */
const PACED_FLOOR_SECONDS = 20;

const progress = (line: string) => process.stderr.write(`scale: ${line}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const iso = (ms: number) => new Date(ms).toISOString();
const fixed = (value: number, digits = 1) => value.toFixed(digits);
const count = (value: number) => value.toLocaleString("en-US");

/**
 * A person's mailbox on one side: a weekly series, then single meetings on the coming days; every tenth
 * person's first single meeting is the same meeting in both mailboxes (an invitation that reached both),
 * which the merge links instead of copying.
 */
function seedEvents(side: Side): Json[] {
  return people.flatMap((who, p) => {
    const mailbox = mailboxOf(who, side);
    const hour = side === "A" ? 8 : 13;
    return Array.from({ length: EVENTS_PER_MAILBOX }, (_, i) => {
      if (i === 0) return { mailbox, ...weeklySeries(`${side} ${who} weekly`, 2 + (p % 5), hour) };
      if (i === 1 && p % 10 === 0) return { mailbox, ...meeting(`Shared ${who}`, 1 + (p % 20), 7) };
      return { mailbox, ...meeting(`${side} ${who} meeting ${i}`, 1 + ((p + i) % 20), hour + i) };
    });
  });
}

/** What is stopped at the end, last started first, once, whether the run ended, failed or was interrupted. */
class Teardown {
  private readonly steps: Array<{ what: string; step: () => Promise<unknown> }> = [];
  private running: Promise<void> | undefined;

  add(what: string, step: () => Promise<unknown>): void {
    this.steps.push({ what, step });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const { what, step } of this.steps.reverse()) {
        try {
          await step();
        } catch (error) {
          console.error(`stopping ${what} failed:`, error);
        }
      }
    })();
    return this.running;
  }
}

interface Deployment {
  emulator: StartLine;
  teardown: Teardown;
  work: string;
  data: string;
  /** A postgres:// URL, or undefined for serve's SQLite file in `data`. */
  database: string | undefined;
  env: NodeJS.ProcessEnv;
  port: number;
  serve: ServeProcess;
  workers: CliProcess[];
  /** Every crosscal process ever started, for the safety net on exit. */
  started: CliProcess[];
}

function serveArgs(d: Omit<Deployment, "serve" | "workers">, reconcileMinutes: number): string[] {
  return [
    ...["--host", "127.0.0.1", "--port", String(d.port), "--data", d.data],
    ...["--public-url", `http://127.0.0.1:${d.port}`],
    ...["--allow-endpoint-host", new URL(d.emulator.url).host],
    ...["--reconcile-minutes", String(reconcileMinutes)],
    ...(d.database ? ["--database", d.database, "--no-worker"] : []),
  ];
}

async function startServeProcess(d: Omit<Deployment, "serve" | "workers">, reconcileMinutes: number) {
  const serve = await startServe(serveArgs(d, reconcileMinutes), path.join(d.work, "serve.log"), d.env);
  d.started.push(serve);
  return serve;
}

/** Polls until `done` says so; fails when `progressOf` has not changed for STALL_MS. */
async function until(
  what: string,
  check: () => Promise<{ done: boolean; progress: string }>,
  everyMs = 1_000,
) {
  let last = "";
  let changedAt = Date.now();
  let reportedAt = Date.now();
  for (;;) {
    const { done, progress: now } = await check();
    if (done) return;
    if (now !== last) {
      last = now;
      changedAt = Date.now();
    }
    if (Date.now() - changedAt > STALL_MS)
      throw new Error(`${what}: no progress for ${STALL_MS / MINUTE} minutes (${now})`);
    if (Date.now() - reportedAt > 30_000) {
      progress(`${what}: ${now}`);
      reportedAt = Date.now();
    }
    await pause(everyMs);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Measuring crosscal from outside: CPU and memory from /proc, progress from the store (read from another
// connection, so that measuring costs serve nothing), Graph's side from the emulator's counters.

function crosscalCpu(d: Deployment): number {
  return cpuSeconds(d.serve.pid) + d.workers.reduce((sum, worker) => sum + cpuSeconds(worker.pid), 0);
}

/** PostgreSQL's server (postmaster and backends): found as the parent of this connection's backend. */
async function postgresServerPid(db: Store): Promise<number | undefined> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
  return rows[0] ? parentOf(Number(rows[0].pid)) : undefined;
}

const number = (value: unknown) => Number(value ?? 0);

async function runsInFlight(db: Store): Promise<number> {
  const row = await db
    .selectFrom("runs")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("finishedAt", "is", null)
    .executeTakeFirst();
  return number(row?.n);
}

/** Profiles with a finished run of `trigger` started at or after `since`, and when the last one ended. */
async function finishedRuns(db: Store, trigger: string, since: number) {
  const row = await db
    .selectFrom("runs")
    .select((eb) => [eb.fn.count("profileId").distinct().as("profiles"), eb.fn.max("finishedAt").as("last")])
    .where("trigger", "like", `%${trigger}%`)
    .where("startedAt", ">=", iso(since))
    .where("finishedAt", "is not", null)
    .where("outcome", "!=", "skipped")
    .executeTakeFirst();
  return { profiles: number(row?.profiles), last: row?.last ? Date.parse(String(row.last)) : undefined };
}

/** Emulator request counts per mailbox (as Graph's throttling meters them: per app and mailbox). */
function perMailbox(emulator: StartLine, stats: EmulatorStats) {
  const side = (s: Side) => emulator.tenants.find((t) => t.domain === DOMAINS[s])!.clientId;
  const requests = (who: string, s: Side) =>
    stats.requests.byAppMailbox[`${side(s)}|${mailboxOf(who, s)}`] ?? 0;
  const all = people.flatMap((who) => [requests(who, "A"), requests(who, "B")]);
  const mailboxTotal = Object.values(stats.requests.byAppMailbox).reduce((sum, n) => sum + n, 0);
  return {
    /** Per profile, its busier mailbox. */
    busierSides: people.map((who) => Math.max(requests(who, "A"), requests(who, "B"))),
    busiest: Math.max(0, ...all),
    mean: all.reduce((sum, n) => sum + n, 0) / all.length,
    /** Requests to no mailbox: subscriptions, directory look-ups, $batch envelopes. */
    other: stats.requests.total - mailboxTotal,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The phases.

async function setUp(d: Deployment, api: ReturnType<typeof apiClient>) {
  const started = performance.now();
  const connection = async (side: Side) => {
    const tenant = d.emulator.tenants.find((t) => t.domain === DOMAINS[side])!;
    const created = await api("POST", "/api/connections", {
      name: side === "A" ? "contoso" : "fabrikam",
      tenant: tenant.id,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      cloud: "custom",
      endpoints: { authority: d.emulator.url, graph: d.emulator.url },
    });
    return created.id as string;
  };
  const sync = await api("POST", "/api/syncs", {
    name: "contoso-fabrikam",
    connectionA: await connection("A"),
    connectionB: await connection("B"),
    direction: "two-way",
    mapping: "full-details",
    startMode: "merge",
  });
  let imports = 0;
  for (let from = 0; from < people.length; from += MAX_IMPORT_ROWS) {
    const rows = people
      .slice(from, from + MAX_IMPORT_ROWS)
      .map((who) => `${who},${mailboxOf(who, "A")},${mailboxOf(who, "B")}`);
    const report = await api("POST", `/api/syncs/${sync.id}/profiles/import`, {
      csv: `name,email_a,email_b\n${rows.join("\n")}\n`,
    });
    if (report.totals.created !== rows.length) throw new Error(`import: ${JSON.stringify(report.totals)}`);
    imports++;
  }
  console.log(
    `set-up through the API: 2 connections, 1 two-way full-details sync, ${count(PEOPLE)} profiles imported as CSV in ${imports} request(s), mailboxes verified, in ${fixed((performance.now() - started) / 1000)} s`,
  );
  return sync.id as string;
}

async function merge(d: Deployment, db: Store, api: ReturnType<typeof apiClient>, syncId: string) {
  await control(d.emulator, "PUT", "/latency", { ms: LATENCY_MS });
  await control(d.emulator, "POST", "/stats/reset");
  const cpuBefore = crosscalCpu(d);
  const started = Date.now();
  const job = await api("POST", "/api/profiles/actions", {
    action: "start",
    mode: "merge",
    filter: { sync: syncId, status: "draft" },
  });
  let jobState = job;
  await until("merge", async () => {
    jobState = await api("GET", `/api/jobs/${job.id}`);
    const first = await finishedRuns(db, "start", started);
    const jobDone = ["done", "failed", "cancelled"].includes(jobState.status as string);
    return {
      done: jobDone && first.profiles >= PEOPLE - (jobState.failed as number),
      progress: `job ${jobState.status} ${jobState.done}/${jobState.total} (${jobState.failed} failed), ${first.profiles} first runs finished`,
    };
  });
  if (jobState.status !== "done" || jobState.failed > 0)
    throw new Error(
      `the start job ended ${jobState.status}: ${JSON.stringify(jobState.failures ?? jobState.error)}`,
    );
  const { last } = await finishedRuns(db, "start", started);
  const seconds = ((last ?? Date.now()) - started) / 1000;
  const cpu = crosscalCpu(d) - cpuBefore;
  const stats = await emulatorStats(d.emulator);
  const runs = await db
    .selectFrom("runs")
    .select(["outcome", "counts"])
    .where("trigger", "like", "%start%")
    .where("startedAt", ">=", iso(started))
    .execute();
  const totals = { created: 0, linked: 0, failed: 0 };
  for (const run of runs) {
    const counts = JSON.parse(run.counts) as { created: number; linked: number };
    totals.created += counts.created;
    totals.linked += counts.linked;
    if (run.outcome !== "ok" && run.outcome !== "skipped") totals.failed++;
  }
  const requests = perMailbox(d.emulator, stats);
  const poolBound =
    (requests.busierSides.reduce((sum, n) => sum + n, 0) * LATENCY_MS) /
    1000 /
    GRAPH_CONCURRENT_PER_MAILBOX /
    PROFILES_AT_A_TIME;
  const graphBound = (requests.busiest * LATENCY_MS) / 1000 / GRAPH_CONCURRENT_PER_MAILBOX;
  console.log(
    `merge: ${count(PEOPLE)} profiles started with merge in one background job; every first run finished ${fixed(seconds)} s after the request: ${count(totals.created)} copies created, ${count(totals.linked)} meetings linked, ${totals.failed} runs not ok, ${stats.throttled.total} 429s`,
  );
  console.log(
    `  Graph requests metered per mailbox: mean ${fixed(requests.mean)}, busiest ${requests.busiest}; ${count(requests.other)} more to no mailbox (subscriptions, $batch envelopes)`,
  );
  console.log(
    `  merge time / Graph's concurrency bound at crosscal's ${PROFILES_AT_A_TIME} profiles at a time (each profile's busier mailbox: ${count(requests.busierSides.reduce((s, n) => s + n, 0))} requests x ${LATENCY_MS} ms / ${GRAPH_CONCURRENT_PER_MAILBOX} / ${PROFILES_AT_A_TIME} = ${fixed(poolBound)} s) = ${fixed(seconds / poolBound, 2)}`,
  );
  console.log(
    `  merge time / Graph's own bound (every mailbox at once: busiest ${requests.busiest} x ${LATENCY_MS} ms / ${GRAPH_CONCURRENT_PER_MAILBOX} = ${fixed(graphBound, 2)} s) = ${fixed(seconds / graphBound, 0)}: what more profiles at a time could gain`,
  );
  console.log(
    `  crosscal CPU during the merge: ${fixed(cpu)} s (${fixed(cpu / seconds, 2)} of a core), ${fixed((cpu * 1e6) / Math.max(1, totals.created))} µs per copy`,
  );
}

/** Waits until no run is in flight or waiting for a notification, for 3 s in a row. */
async function settle(d: Deployment, db: Store) {
  await control(d.emulator, "POST", "/subscriptions/flush");
  let quietSince = Date.now();
  await until(
    "settling",
    async () => {
      const inFlight = await runsInFlight(db);
      if (inFlight > 0) quietSince = Date.now();
      // The time in it changes while runs come and go, so only a run stuck for STALL_MS fails the phase.
      return {
        done: Date.now() - quietSince >= 3_000,
        progress: `${inFlight} runs in flight at ${iso(quietSince)}`,
      };
    },
    250,
  );
}

/**
 * When each subscription falls due: its expiry minus RENEW_BEFORE_MS, serve's renew-a-day-early rule. Each
 * is renewed once per RENEWAL_PERIOD_MS (src/notifications/renewal-spread.ts), so the average minute holds
 * subscriptions / period minutes; the busiest minute should hold at most twice that.
 */
async function renewalSpread(db: Store) {
  const rows = await db.selectFrom("subscriptions").select("expiresAt").execute();
  const cycleMinutes = RENEWAL_PERIOD_MS / MINUTE;
  const busiest = (bucketMinutes: number) => {
    const buckets = new Map<number, number>();
    for (const { expiresAt } of rows) {
      const bucket = Math.floor((Date.parse(expiresAt) - RENEW_BEFORE_MS) / (bucketMinutes * MINUTE));
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    }
    return Math.max(0, ...buckets.values());
  };
  const average = rows.length / cycleMinutes;
  const perMinute = busiest(1);
  console.log(
    `subscription renewals: ${count(rows.length)} subscriptions; each falls due a day before its expiry and is renewed once per ${count(cycleMinutes)}-minute cycle, ${fixed(average, 2)} a minute on average`,
  );
  const ratio = perMinute / average;
  // Below half a renewal a minute, one renewal in a minute is already more than twice the average: there
  // the bound is the best any schedule can do, a busiest minute of ceil(average).
  const best = Math.ceil(average);
  const verdict =
    ratio <= RENEWAL_SPREAD_BOUND ? "ok" : perMinute <= best ? "ok: no schedule does better" : "ABOVE BOUND";
  console.log(
    `  busiest minute / average minute: ${perMinute} / ${fixed(average, 2)} = ${fixed(ratio, 2)}, bound ${RENEWAL_SPREAD_BOUND} (${verdict}); the best any schedule can do with ${count(rows.length)} subscriptions: ${best} in the busiest minute, ${fixed(best / average, 2)}`,
  );
  const perRound = busiest(UPKEEP_MINUTES);
  const roundAverage = average * UPKEEP_MINUTES;
  console.log(
    `  renewed by serve every ${UPKEEP_MINUTES} minutes: busiest round ${perRound}, average ${fixed(roundAverage, 1)} (ratio ${fixed(perRound / roundAverage, 2)})`,
  );
}

interface Change {
  kind: "create" | "update" | "delete";
  mailbox: string;
  /** Just before the person's request (ms since the epoch, as the store's timestamps). */
  at: number;
}

/** A stride through the mailboxes that visits each once before any twice, far apart in order. */
function strideFor(size: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let stride = Math.max(1, Math.floor(size * 0.618));
  while (gcd(stride, size) !== 1) stride++;
  return stride;
}

/** How long the CPU of crosscal at rest is measured before the steady state (no changes, no runs). */
const REST_SECONDS = 10;

/** CPU seconds per second of crosscal's processes while nothing changes (timers, upkeep, polling). */
async function cpuAtRest(d: Deployment): Promise<number> {
  const before = crosscalCpu(d);
  await pause(REST_SECONDS * 1000);
  return (crosscalCpu(d) - before) / REST_SECONDS;
}

async function steadyState(d: Deployment, db: Store, floor: Floor, postgresPid: number | undefined) {
  const atRest = await cpuAtRest(d);
  await control(d.emulator, "POST", "/stats/reset");
  const pending = new Map<string, Change>();
  const mirrored: Array<{ mailbox: string; id: string }> = [];
  const latencies: Record<Change["kind"], number[]> = { create: [], update: [], delete: [] };
  let sent = 0;
  let failedChanges = 0;
  const sending = new Set<Promise<unknown>>();
  const mailboxes = people.flatMap((who) => [mailboxOf(who, "A"), mailboxOf(who, "B")]);
  const stride = strideFor(mailboxes.length);
  let creates = 0;

  const change = (i: number) => {
    const kind =
      i % 4 === 2 && mirrored.length > 0
        ? "update"
        : i % 4 === 3 && mirrored.length > 0
          ? "delete"
          : "create";
    const at = Date.now();
    let request: Promise<unknown>;
    if (kind === "create") {
      const mailbox = mailboxes[(creates++ * stride) % mailboxes.length]!;
      const body = meeting(`Steady change ${i}`, 1 + (i % 20), 8 + (i % 9));
      request = control(d.emulator, "POST", `/mailboxes/${encodeURIComponent(mailbox)}/events`, body).then(
        (event) => void pending.set(event.id as string, { kind, mailbox, at }),
      );
    } else {
      const target = mirrored.shift()!;
      pending.set(target.id, { kind, mailbox: target.mailbox, at });
      const url = `/mailboxes/${encodeURIComponent(target.mailbox)}/events/${encodeURIComponent(target.id)}`;
      request =
        kind === "update"
          ? control(d.emulator, "PATCH", url, { subject: `Steady change ${i} (moved to room 4)` })
          : control(d.emulator, "DELETE", url);
    }
    const done = request
      .catch((error) => {
        failedChanges++;
        progress(`a person's change failed: ${(error as Error).message}`);
      })
      .finally(() => sending.delete(done));
    sending.add(done);
    sent++;
  };

  /** Looks up, for the changes waiting, the run that mirrored each (its decision about the original). */
  const collect = async () => {
    const ids = [...pending.keys()];
    for (let from = 0; from < ids.length; from += 500) {
      const found = await db
        .selectFrom("decisions as d")
        .innerJoin("runs as r", "r.id", "d.runId")
        .select(["d.sourceId", "d.action", "d.at", "r.finishedAt"])
        .where("d.sourceId", "in", ids.slice(from, from + 500))
        .where("d.action", "in", ["create", "update", "delete"])
        .where("r.finishedAt", "is not", null)
        .execute();
      for (const row of found) {
        const waiting = pending.get(row.sourceId);
        if (!waiting || row.action !== waiting.kind || Date.parse(row.at) < waiting.at) continue;
        pending.delete(row.sourceId);
        latencies[waiting.kind].push(Date.parse(row.finishedAt!) - waiting.at);
        if (waiting.kind === "create") mirrored.push({ mailbox: waiting.mailbox, id: row.sourceId });
      }
    }
  };

  const total = Math.round(STEADY_SECONDS * RATE);
  const cpuBefore = crosscalCpu(d);
  const postgresBefore = postgresPid ? cpuSecondsWithChildren(postgresPid) : 0;
  const started = Date.now();
  let collecting = true;
  const collector = (async () => {
    while (collecting) {
      await collect();
      await pause(250);
    }
  })();
  for (let i = 0; i < total; i++) {
    await pause(started + (i * 1000) / RATE - Date.now());
    change(i);
  }
  await Promise.all(sending);
  const drainStarted = Date.now();
  while (pending.size > 0 && Date.now() - drainStarted < 60_000) await pause(100);
  collecting = false;
  await collector;
  await collect();
  const ended = Date.now();
  const cpu = crosscalCpu(d) - cpuBefore;
  const postgresCpu = postgresPid ? cpuSecondsWithChildren(postgresPid) - postgresBefore : 0;
  const stats = await emulatorStats(d.emulator);

  const written = await db
    .selectFrom("decisions")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("action", "in", ["create", "update", "delete"])
    .where("at", ">=", iso(started))
    .where("at", "<=", iso(ended))
    .executeTakeFirst();
  const events = number(written?.n);
  const runs = await db
    .selectFrom("runs")
    .select(["trigger", (eb) => eb.fn.countAll().as("n")])
    .where("startedAt", ">=", iso(started))
    .where("startedAt", "<=", iso(ended))
    .groupBy("trigger")
    .execute();
  const all = [...latencies.create, ...latencies.update, ...latencies.delete].sort((a, b) => a - b);
  const wall = (ended - started) / 1000;
  console.log(
    `steady state: ${count(sent)} changes by people in ${STEADY_SECONDS} s (${RATE} a second: new meetings, edits and deletions, spread over ${count(mailboxes.length)} mailboxes), ${count(all.length)} mirrored, ${failedChanges} refused by the emulator; ${stats.throttled.total} 429s`,
  );
  console.log(
    `  runs: ${runs.map((r) => `${number(r.n)} ${r.trigger}`).join(", ") || "none"}; ${fixed(stats.requests.total / Math.max(1, events), 2)} Graph requests (as metered) per mirrored event`,
  );
  if (all.length > 0) {
    console.log(
      `  ${ratioLine("change-to-copy latency p50", Math.round(percentile(all, 0.5)), "ms", LATENCY_BOUND_MS)}`,
    );
    console.log(
      `  ${ratioLine("change-to-copy latency p99", Math.round(percentile(all, 0.99)), "ms", LATENCY_BOUND_MS)}`,
    );
    const kinds = (["create", "update", "delete"] as const).map((kind) => {
      const sorted = [...latencies[kind]].sort((a, b) => a - b);
      return sorted.length === 0
        ? `${kind} none`
        : `${kind} ${sorted.length}: p50 ${Math.round(percentile(sorted, 0.5))} ms, p99 ${Math.round(percentile(sorted, 0.99))} ms`;
    });
    console.log(`  by kind: ${kinds.join("; ")}`);
  }
  const micros = (cpu * 1e6) / Math.max(1, events);
  const who = POSTGRES ? `serve and ${WORKERS} workers` : "serve";
  console.log(
    `  ${ratioLine(`CPU of ${who} per mirrored event (${fixed(cpu)} s over ${fixed(wall)} s, ${count(events)} events)`, Math.round(micros), "µs", CPU_BOUND_US)}`,
  );
  console.log(
    `  the same / the floor measured in this run (${Math.round(floor.microsPerEvent)} µs: the bare HTTPS requests, commit and notifications of one mirrored event, back to back; ${describeFloor(floor)}) = ${fixed(micros / floor.microsPerEvent, 2)}`,
  );
  const paced = floor.paced!;
  console.log(
    `  the same / the floor at this phase's pace (${Math.round(paced.microsPerEvent)} µs: the same bare work, ${paced.perSecond} changes a second with ${paced.latencyMs} ms per Graph request, ${count(paced.events)} changes; ${fixed(paced.microsPerEvent / floor.microsPerEvent, 2)} times the floor back to back) = ${fixed(micros / paced.microsPerEvent, 2)}`,
  );
  console.log(
    `  of which at rest (${who} with nothing to do, measured for ${REST_SECONDS} s before: ${Math.round(atRest * 1000)} ms of CPU a second): ${Math.round((atRest * wall * 1e6) / Math.max(1, events))} µs per mirrored event`,
  );
  if (POSTGRES)
    console.log(
      `  PostgreSQL's server besides (all its processes: every backend, the benchmark's own polling, autovacuum after the merge): ${fixed(postgresCpu)} s, ${Math.round((postgresCpu * 1e6) / Math.max(1, events))} µs per mirrored event (not in the figure above)`,
    );
}

function peakRss(what: string, pid: number) {
  const bytes = peakRssBytes(pid);
  if (bytes === undefined) return `  peak RSS of ${what}: unknown (the process has gone)`;
  return `  ${ratioLine(`peak RSS of ${what}`, Math.round(bytes / MIB), "MiB", RSS_BOUND_MIB)}`;
}

/**
 * serve restarted: its start reconciles every active profile (then every 15 minutes). Timed from the
 * moment it listens to the end of the last profile's run; requests per mailbox as the emulator meters them.
 */
async function reconcile(d: Deployment, db: Store) {
  console.log(peakRss("serve (set-up, merge, steady state)", d.serve.pid));
  await d.serve.stop();
  await control(d.emulator, "POST", "/stats/reset");
  const spawned = Date.now();
  d.serve = await startServeProcess(d, RECONCILE_CYCLE_S / 60);
  const started = d.serve.listeningAt;
  // From the moment it listens: its start-up (loading and compiling the code) is not the reconcile's.
  const cpuBefore = crosscalCpu(d);
  await until("reconcile", async () => {
    const runs = await finishedRuns(db, "reconcile", spawned);
    return { done: runs.profiles >= PEOPLE, progress: `${runs.profiles} of ${PEOPLE} profiles reconciled` };
  });
  const { last } = await finishedRuns(db, "reconcile", spawned);
  const seconds = ((last ?? Date.now()) - started) / 1000;
  await settle(d, db);
  const cpu = crosscalCpu(d) - cpuBefore;
  const stats = await emulatorStats(d.emulator);
  const requests = perMailbox(d.emulator, stats);
  const perTenSeconds = (stats.requests.total / seconds) * 10;
  console.log(
    `full reconcile (serve restarted; its start reconciles every active profile, as every ${RECONCILE_CYCLE_S / 60} minutes): ${count(PEOPLE)} profiles in ${fixed(seconds)} s, ${count(stats.requests.total)} Graph requests, ${stats.throttled.total} 429s, crosscal CPU ${fixed(cpu)} s (${fixed((cpu * 1e6) / PEOPLE / 1000, 1)} ms per profile)`,
  );
  console.log(
    `  ${ratioLine("reconcile duration / its cycle", Math.round(seconds), "s", RECONCILE_CYCLE_S)}`,
  );
  console.log(
    `  ${ratioLine("busiest mailbox's requests per 10 minutes (one round at most)", requests.busiest, "requests", GRAPH_REQUESTS_PER_WINDOW)} (mean ${fixed(requests.mean, 2)})`,
  );
  console.log(
    `  ${ratioLine("requests per 10 s, all mailboxes (Graph's per-app limit)", Math.round(perTenSeconds), "requests", GRAPH_APP_REQUESTS_PER_10S)}`,
  );
  console.log(peakRss("serve (restarted, reconcile)", d.serve.pid));
}

// ---------------------------------------------------------------------------------------------------------

async function deploy(emulator: StartLine, teardown: Teardown) {
  const work = await mkdtemp(path.join(os.tmpdir(), "crosscal-scale-"));
  teardown.add("the work folder", () => rm(work, { recursive: true, force: true }));
  let database: string | undefined;
  let adminUrl: string | undefined;
  if (POSTGRES) {
    const bin = findPostgresBin();
    if (!bin) throw new Error("--postgres: no PostgreSQL server binaries (set CROSSCAL_PG_BIN)");
    const cluster = await startPostgresCluster(bin);
    teardown.add("PostgreSQL", () => cluster.stop());
    adminUrl = cluster.adminUrl;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query("create database crosscal");
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = "/crosscal";
    database = url.toString();
  }
  progress(
    `measuring the CPU floor (${FLOOR_EVENTS} mirrored events after a warm-up, bare; then ${PACED_FLOOR_SECONDS} s at ${RATE} a second)`,
  );
  const floor = await measureCpuFloor(emulator, {
    person: FLOOR_PERSON,
    events: FLOOR_EVENTS,
    // The steady state's pace and Graph latency, for 20 s: what the same bare work costs when it comes
    // as it does there, a change at a time with the process idle in between.
    pace: { perSecond: RATE, latencyMs: LATENCY_MS, events: RATE * PACED_FLOOR_SECONDS },
    ...(adminUrl && { postgresAdminUrl: adminUrl }),
  });
  const started: CliProcess[] = [];
  // The safety net: whatever ends this process, no crosscal process it started outlives it.
  process.on("exit", () => {
    for (const child of started) if (child.child.exitCode === null) child.child.kill("SIGKILL");
  });
  teardown.add("crosscal processes", () => Promise.all(started.map((p) => p.stop())));
  const base = {
    emulator,
    teardown,
    work,
    data: path.join(work, "data"),
    database,
    env: { ...process.env, CROSSCAL_SECRET_KEY: randomBytes(32).toString("base64") },
    port: await freePort(),
    started,
  };
  // No reconcile round during the merge and the steady state: it is measured on its own, last.
  const serve = await startServeProcess(base, 1440);
  const workers: CliProcess[] = [];
  for (let i = 0; i < (POSTGRES ? WORKERS : 0); i++) {
    const worker = await startWorker(
      ["--database", database!, "--data", base.data, "--concurrency", String(WORKER_CONCURRENCY)],
      path.join(work, `worker-${i + 1}.log`),
      base.env,
    );
    started.push(worker);
    workers.push(worker);
  }
  return { deployment: { ...base, serve, workers }, floor };
}

async function logTail(file: string): Promise<string> {
  try {
    return (await readFile(file, "utf8")).split("\n").slice(-15).join("\n");
  } catch {
    return "(no log)";
  }
}

async function main(emulator: StartLine) {
  const teardown = new Teardown();
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    progress(`${signal}: stopping every process the benchmark started`);
    void teardown.run().finally(() => process.exit(130));
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
  let d: Deployment | undefined;
  try {
    const deployed = await deploy(emulator, teardown);
    d = deployed.deployment;
    const { floor } = deployed;
    const db = openDatabase(d.database ?? path.join(d.data, "crosscal.db"), { maxConnections: 2 });
    teardown.add("the benchmark's store connection", () => closeDatabase(db));
    const postgresPid = POSTGRES ? await postgresServerPid(db) : undefined;
    const token = await adminToken(d.serve.address, d.serve.setupToken!);
    const api = apiClient(d.serve.address, token);
    console.log(
      `crosscal serve at scale: ${count(PEOPLE)} people (${count(2 * PEOPLE)} mailboxes, ${EVENTS_PER_MAILBOX} events each: a weekly series and single meetings), ${POSTGRES ? `PostgreSQL, serve --no-worker and ${WORKERS} crosscal workers of ${WORKER_CONCURRENCY}` : "SQLite, one crosscal serve"} (${PROFILES_AT_A_TIME} profiles at a time); emulator in its own process with ${LATENCY_MS} ms per Graph request and Outlook's limits (4 concurrent, 10,000 per 10 minutes per app and mailbox)`,
    );
    const syncId = await setUp(d, api);
    progress("merge: starting every profile");
    await merge(d, db, api, syncId);
    await settle(d, db);
    await renewalSpread(db);
    progress(`steady state: ${STEADY_SECONDS} s at ${RATE} changes a second`);
    await steadyState(d, db, floor, postgresPid);
    await settle(d, db);
    for (const [i, worker] of d.workers.entries()) console.log(peakRss(`worker ${i + 1}`, worker.pid));
    progress("reconcile: restarting serve");
    await reconcile(d, db);
  } catch (error) {
    if (d) console.error(`serve's last log lines:\n${await logTail(path.join(d.work, "serve.log"))}`);
    throw error;
  } finally {
    await teardown.run();
  }
}

launch(twoTenantSeed([...people, FLOOR_PERSON], { A: seedEvents("A"), B: seedEvents("B") }), main, [
  "--allow-http-notifications",
]).catch(fail);
