/**
 * What a flood of forged webhook POSTs costs the service (the security review's finding; see
 * bench/README.md). The service runs as `crosscal serve` does on SQLite, with real Graph subscriptions to
 * the emulator (its own process). Idle first, then under each of three floods from another process, this
 * measures /healthz and a genuine notification (a real subscription's id and clientState): its 202, and
 * when the run it asks for starts. Every figure is printed with its ratio to the idle one of this run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { RunReport } from "../src/engine/run-profile.js";
import { findRunById } from "../src/store/runs.js";
import { findSubscription } from "../src/store/subscriptions.js";
import {
  control,
  fail,
  type Json,
  launch,
  mailboxOf,
  ratioLine,
  type StartLine,
  twoTenantSeed,
} from "./engine-harness.js";
import { type BenchService, startBenchService } from "./service-harness.js";
import { percentile } from "./stats.js";
import type { FloodKind, FloodResult, GenuineSubscription } from "./webhook-clients.js";

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const PEOPLE = argument("people", 4);
/** Genuine notifications sent one after the other in each phase. */
const SAMPLES = argument("samples", 40);
const CLIENTS = argument("clients", 16);
/** The flood runs this long before measuring starts. */
const WARMUP_MS = argument("warmup", 2_000);
/** Graph counts an answer after 2,900 ms as slow, and drops notifications of endpoints often slow. */
const GRAPH_SLOW_MS = 2_900;

const people = Array.from({ length: PEOPLE }, (_, i) => `person${String(i).padStart(3, "0")}`);
const FLOODS: Array<[FloodKind, string]> = [
  ["cap", "forged bodies at the cap (500 notifications of ~1 KiB, unknown subscriptions)"],
  ["oversize", "over-size bodies (~1 MB, 8,500 notifications, under the API's 1 MiB)"],
  ["overcount", "over-cap bodies (2,000 notifications, under the byte limit)"],
];

interface Figures {
  healthz: number[];
  ack: number[];
  runStart: number[];
}

/** Resolves with each finished run's report, in order. */
class FinishedRuns {
  private waiting: Array<(report: RunReport) => void> = [];
  finished(report: RunReport): void {
    this.waiting.shift()?.(report);
  }
  next(): Promise<RunReport> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

function clients(args: string[]): { child: ChildProcess; lines: AsyncIterator<string> } {
  const script = new URL("./webhook-clients.ts", import.meta.url).pathname;
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  return { child, lines: createInterface({ input: child.stdout! })[Symbol.asyncIterator]() };
}

/** Closes a client process's stdin (its signal to finish) and waits until it has exited. */
function ended(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  child.stdin!.end();
  return exited;
}

async function line(lines: AsyncIterator<string>): Promise<string> {
  const next = await lines.next();
  if (next.done) throw new Error("a client process ended early");
  return next.value;
}

/** A real subscription of the first person's mailbox A, with the clientState Graph holds for it. */
async function genuineSubscription(emulator: StartLine, bench: BenchService): Promise<GenuineSubscription> {
  const mailbox = mailboxOf(people[0]!, "A");
  const stored = await findSubscription(bench.db, bench.connectionA, mailbox);
  if (!stored) throw new Error(`no subscription of ${mailbox}`);
  const held = (await control(emulator, "GET", "/subscriptions")) as unknown as Json[];
  const clientState = held.find((s) => s.id === stored.subscriptionId)?.clientState as string | undefined;
  if (!clientState) throw new Error(`the emulator holds no subscription ${stored.subscriptionId}`);
  return { subscriptionId: stored.subscriptionId, clientState, mailbox };
}

/** /healthz all along, and SAMPLES genuine notifications one at a time, each followed to its run. */
async function measure(
  bench: BenchService,
  runs: FinishedRuns,
  genuine: GenuineSubscription,
): Promise<Figures> {
  const base = `http://127.0.0.1:${bench.port}`;
  const { lines, child } = clients(["probe", base, JSON.stringify(genuine), String(SAMPLES)]);
  const figures: Figures = { healthz: [], ack: [], runStart: [] };
  for (let i = 0; i < SAMPLES; i++) {
    const run = runs.next();
    const sample = JSON.parse(await line(lines)) as { sentAt: number; ackMs: number };
    figures.ack.push(sample.ackMs);
    const report = await run;
    const started = report.runId ? await findRunById(bench.db, report.runId) : undefined;
    if (started) figures.runStart.push(Date.parse(started.startedAt) - sample.sentAt);
    child.stdin!.write("next\n");
  }
  figures.healthz = (JSON.parse(await line(lines)) as { healthzMs: number[] }).healthzMs;
  await ended(child);
  return figures;
}

async function underFlood(bench: BenchService, kind: FloodKind, during: () => Promise<Figures>) {
  const { child, lines } = clients([
    "flood",
    `http://127.0.0.1:${bench.port}/api/webhooks/graph`,
    kind,
    String(CLIENTS),
  ]);
  if ((await line(lines)) !== "ready") throw new Error("the flood did not start");
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  const figures = await during();
  const exited = ended(child);
  const flood = JSON.parse(await line(lines)) as FloodResult;
  await exited;
  return { figures, flood };
}

async function main(emulator: StartLine) {
  const runs = new FinishedRuns();
  const bench = await startBenchService(emulator, people, { finished: (report) => runs.finished(report) });
  try {
    const genuine = await genuineSubscription(emulator, bench);
    const during = () => measure(bench, runs, genuine);
    const idle = await during();
    report("idle", idle);
    for (const [kind, what] of FLOODS) {
      const { figures, flood } = await underFlood(bench, kind, during);
      console.log(`\n${CLIENTS} clients flooding with ${what}: ${floodLine(flood)}`);
      report(kind, figures, idle);
    }
  } finally {
    await bench.close();
  }
}

function floodLine(flood: FloodResult): string {
  const answers = Object.entries(flood.byStatus).map(([status, count]) => `${count} x ${status}`);
  const rate = (flood.sent / flood.seconds).toFixed(0);
  return `${flood.sent} bodies in ${flood.seconds.toFixed(1)} s (${rate}/s): ${answers.join(", ")}, ${flood.errors} connection errors`;
}

function report(phase: string, figures: Figures, idle?: Figures): void {
  const rows: Array<[string, keyof Figures]> = [
    ["/healthz", "healthz"],
    ["genuine notification, POST to 202", "ack"],
    ["genuine notification, POST to run start (300 ms debounce included)", "runStart"],
  ];
  if (!idle)
    console.log(`idle (${SAMPLES} genuine notifications, ${figures.healthz.length} /healthz probes):`);
  for (const [name, key] of rows) {
    const sorted = [...figures[key]].sort((a, b) => a - b);
    for (const p of [0.5, 0.99]) {
      const value = percentile(sorted, p);
      const base = idle
        ? percentile(
            [...idle[key]].sort((a, b) => a - b),
            p,
          )
        : undefined;
      const ratio = base === undefined ? "" : `, ratio to idle = ${(value / base).toFixed(2)}`;
      console.log(`  ${name} p${p * 100}: ${value.toFixed(1)} ms${ratio}`);
    }
  }
  if (idle) {
    const ack = [...figures.ack].sort((a, b) => a - b);
    console.log(
      `  ${ratioLine(`genuine 202 p99 under ${phase} flood`, percentile(ack, 0.99), "ms", GRAPH_SLOW_MS)}`,
    );
  }
}

launch(twoTenantSeed(people), main, ["--allow-http-notifications"]).catch(fail);
