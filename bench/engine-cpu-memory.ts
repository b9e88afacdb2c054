/**
 * Engine CPU per mirrored event and peak memory for 1,000 profiles (issue "Must show" (c)).
 *
 *   npm run bench:engine:cpu [-- --profiles 1000 --parallel 16 --cpu-prof-dir DIR]
 *
 * `--cpu-prof-dir DIR` writes a V8 CPU profile of each measured phase alone (open it in Chrome DevTools or
 * speedscope); the profiler's own overhead then inflates the printed figures a little.
 *
 * Which calendars: the real connector against the emulator running as its own process. process.cpuUsage()
 * and process.memoryUsage() then measure exactly crosscal's work (planner, executor, store, Graph mapping,
 * HTTP/TLS, MSAL) and none of the emulator's. An in-process emulator would add its own CPU and heap to
 * the figures; an in-memory CalendarPort would leave the connector out and put the calendars themselves
 * in the measured heap.
 *
 * `--profiles` people each hold, in both tenants, four single meetings and a weekly series of eight. Phase
 * one runs every profile's merge-start first run, `--parallel` profiles at a time (as a worker pool
 * would). Then every profile runs once more, unmeasured, to take in the merge's own echo. Phase two
 * (polling): once a person has edited one meeting in every profile's mailbox A (made before the clock
 * starts), each profile runs for the change and once more for the echo of crosscal's write, both mailboxes
 * read each time, as a periodic reconcile does. Phase three (notifications): every mailbox is subscribed
 * to change notifications (the emulator posts them to a webhook in this process), a person edits another
 * meeting in every mailbox A, and each profile runs as the service does: the notifications received become
 * the mailboxes to read (`sidesToRun`), the change run reads mailbox A only, and the notifications of
 * crosscal's own writes are recognized as echoes (an echo run happens only for one that is not). Receiving
 * and parsing the notifications counts as crosscal's CPU.
 *
 * Absolute CPU differs up to twofold between machines, so each CPU figure is also divided by a floor
 * measured first in the same process (bench/cpu-floor.ts): the bare HTTPS requests, SQLite commit and
 * notifications one mirrored event needs, with none of crosscal's logic.
 *
 * Bounds, and why:
 * - 1,000 µs of CPU per mirrored event: one core then mirrors 1,000 events a second, so the merge of
 *   1,000 profiles (10,000 events) costs at most 10 s of CPU, and steady-state traffic of thousands of
 *   profiles a small fraction of one core; Graph's own latency (50-200 ms a request) stays the bottleneck.
 * - 512 MiB peak RSS for 1,000 profiles: the smallest common container and VM size, and the default
 *   deployment (one process, SQLite) is meant for thousands of profiles on a small machine.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { Session } from "node:inspector";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Side } from "../src/core/event.js";
import { type RunReport, runProfile } from "../src/engine/run-profile.js";
import { createGraphCounters } from "../src/graph/metrics.js";
import { sidesToRun } from "../src/notifications/echoes.js";
import { findProfileById, type Profile } from "../src/store/profiles.js";
import { describeFloor, measureCpuFloor } from "./cpu-floor.js";
import {
  addProfile,
  emulatorStats,
  fail,
  graphClients,
  type Json,
  launch,
  mailboxOf,
  meeting,
  openStore,
  person,
  portsFor,
  type ReceivedHint,
  ratioLine,
  SETTINGS,
  type StartLine,
  startWebhook,
  subscribe,
  twoTenantSeed,
  weeklySeries,
} from "./engine-harness.js";

const CPU_BOUND_US = 1_000;
const RSS_BOUND_MIB = 512;
const MIB = 1024 * 1024;

const { values } = parseArgs({
  options: {
    profiles: { type: "string", default: "1000" },
    parallel: { type: "string", default: "16" },
    // A V8 CPU profile of each measured phase alone (the whole process: CROSSCAL_BENCH_CPU_PROF=DIR).
    "cpu-prof-dir": { type: "string" },
  },
});
const PROFILES = Number(values.profiles);
const PARALLEL = Number(values.parallel);
const PROFILE_DIR = values["cpu-prof-dir"];

const people = Array.from({ length: PROFILES }, (_, i) => `person${String(i).padStart(4, "0")}`);
/** The floor's person (bench/cpu-floor.ts): in the seed, in no profile. */
const FLOOR_PERSON = "cpu-floor";

function eventsOf(side: Side): Json[] {
  return people.flatMap((who, p) => {
    const mailbox = mailboxOf(who, side);
    const hour = side === "A" ? 8 : 13;
    return [
      ...[0, 1, 2, 3].map((i) => ({
        mailbox,
        ...meeting(`${side} ${who} meeting ${i}`, 1 + ((p + i) % 20), hour + i),
      })),
      { mailbox, ...weeklySeries(`${side} ${who} weekly`, 2 + (p % 5), hour + 4) },
    ];
  });
}

/** Peak RSS and heap, sampled while the profiles run. */
function memorySampler() {
  const peak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    peak,
    stop: () => {
      clearInterval(timer);
      sample();
    },
  };
}

/** Records a V8 CPU profile from `start()` to `stop(name)` when --cpu-prof-dir is given; else does nothing. */
function phaseProfiler() {
  if (!PROFILE_DIR) return { start: async () => {}, stop: async (_name: string) => {} };
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  return {
    start: async () => {
      await post("Profiler.enable");
      await post("Profiler.start");
    },
    stop: async (name: string) => {
      const { profile } = (await post("Profiler.stop")) as { profile: unknown };
      await mkdir(PROFILE_DIR, { recursive: true });
      const file = path.join(PROFILE_DIR, `${name.replace(/[^a-z0-9]+/gi, "-")}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      console.log(`(CPU profile of this phase: ${file})`);
    },
  };
}

/** Runs `task` for every profile, `PARALLEL` at a time. */
async function forEachProfile<T>(profiles: T[], task: (profile: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < profiles.length) await task(profiles[next++]!);
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

/** A person edits meeting `index` in every profile's mailbox A (before the clock of a phase starts). */
async function editEveryMailboxA(emulator: StartLine, index: number) {
  await forEachProfile(people, async (who) => {
    const outlook = person(emulator, mailboxOf(who, "A"));
    const target = (await outlook.list()).find(
      (event: Json) => event.subject === `A ${who} meeting ${index}`,
    );
    if (!target) throw new Error(`${who}: meeting ${index} is missing`);
    await outlook.update(target.id, { subject: `A ${who} meeting ${index} (moved to room 4)` });
  });
}

/** Waits until `count` notifications from `side` have arrived, then until none came for 200 ms. */
async function arrived(hints: ReceivedHint[], side: Side, count: number) {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  for (let waited = 0; hints.filter((hint) => hint.side === side).length < count; waited += 20) {
    if (waited > 60_000) throw new Error(`only some of ${count} notifications from mailbox ${side} arrived`);
    await pause(20);
  }
  for (let seen = -1; seen !== hints.length; ) {
    seen = hints.length;
    await pause(200);
  }
}

const mirroredBy = (report: RunReport) =>
  report.counts.created + report.counts.updated + report.counts.deleted;

async function main(emulator: StartLine) {
  const counters = createGraphCounters();
  const clients = graphClients(emulator, counters.listener);
  const { db, close } = await openStore();
  // Before the sampler: the floor's own events and notifications are not the profiles' memory.
  const floor = await measureCpuFloor(emulator, { person: FLOOR_PERSON });
  const memory = memorySampler();
  try {
    const profiles: Profile[] = [];
    for (const who of people) profiles.push(await addProfile(db, who, "merge"));
    const runOnce = async (stored: Profile, sides?: Side[]) => {
      const profile = (await findProfileById(db, stored.id))!;
      const ports = portsFor(clients, profile.name);
      const report = await runProfile({
        db,
        ports,
        profile,
        settings: SETTINGS,
        trigger: "benchmark",
        ...(sides && { sides }),
      });
      if (report.outcome !== "ok")
        throw new Error(`${profile.name}: run ended ${report.outcome}: ${report.reason}`);
      return mirroredBy(report);
    };
    // Tokens first, so neither phase pays MSAL's start-up.
    for (const side of ["A", "B"] as const)
      await clients[side].request("GET", `/users/${mailboxOf(people[0]!, side)}`);

    const profiler = phaseProfiler();
    const phase = async (name: string, work: () => Promise<number>) => {
      const requestsBefore = counters.snapshot().requests;
      await profiler.start();
      const cpu = process.cpuUsage();
      const started = performance.now();
      const mirrored = await work();
      const used = process.cpuUsage(cpu);
      await profiler.stop(name);
      const micros = used.user + used.system;
      const requests = counters.snapshot().requests - requestsBefore;
      console.log(
        `${name}: ${PROFILES} profiles, ${mirrored} mirrored events, ${requests} HTTP requests, ${((performance.now() - started) / 1000).toFixed(1)} s wall, ${(micros / 1e6).toFixed(1)} s CPU (${(micros / requests).toFixed(0)} µs per request)`,
      );
      console.log(
        ratioLine(
          `${name}: engine CPU per mirrored event`,
          Math.round(micros / mirrored),
          "µs",
          CPU_BOUND_US,
        ),
      );
      console.log(
        `  the same / the floor measured in this run (${Math.round(floor.microsPerEvent)} µs: the bare HTTPS requests, commit and notifications of one mirrored event; ${describeFloor(floor)}) = ${(micros / mirrored / floor.microsPerEvent).toFixed(2)}`,
      );
    };
    /** Runs every profile `runs` times (both mailboxes read); the events mirrored. */
    const runAll = (runs: number) => async () => {
      let mirrored = 0;
      await forEachProfile(profiles, async (profile) => {
        for (let i = 0; i < runs; i++) {
          // Not `mirrored += await …`: that reads `mirrored` before the await and loses other workers' counts.
          const count = await runOnce(profile);
          mirrored += count;
        }
      });
      return mirrored;
    };

    await phase("merge (first runs)", runAll(1));
    await runAll(1)();
    await editEveryMailboxA(emulator, 0);
    await phase("steady state, polling (change run + echo run)", runAll(2));

    const webhook = await startWebhook();
    await forEachProfile(profiles, async (profile) => {
      for (const side of ["A", "B"] as const)
        await subscribe(
          clients[side],
          mailboxOf(profile.name, side),
          `${webhook.url}/${side}/${profile.name}`,
        );
    });
    await editEveryMailboxA(emulator, 1);
    await arrived(webhook.hints, "A", PROFILES);
    const echoes = { runs: 0, recognized: 0 };
    /** Each profile's hints from one side, taken out of the webhook's list. */
    const takeHints = (side: Side) => {
      const byPath = new Map<string, ReceivedHint[]>();
      for (const hint of webhook.hints.splice(0))
        byPath.set(hint.path, [...(byPath.get(hint.path) ?? []), hint]);
      return (profile: Profile) => byPath.get(`/${side}/${profile.name}`) ?? [];
    };
    await phase("steady state, notifications (change run; echoes recognized)", async () => {
      let mirrored = 0;
      const changes = takeHints("A");
      await forEachProfile(profiles, async (profile) => {
        const sides = await sidesToRun(db, profile.id, changes(profile));
        if (sides.length === 0) return;
        const count = await runOnce(profile, sides);
        mirrored += count;
      });
      await arrived(webhook.hints, "B", mirrored);
      const echoed = takeHints("B");
      await forEachProfile(profiles, async (profile) => {
        const hints = echoed(profile);
        const sides = await sidesToRun(db, profile.id, hints);
        if (sides.length === 0) echoes.recognized += hints.length;
        else {
          echoes.runs++;
          await runOnce(profile, sides);
        }
      });
      return mirrored;
    });
    console.log(
      `  notifications of crosscal's writes recognized as echoes: ${echoes.recognized}; echo runs: ${echoes.runs}`,
    );
    await webhook.close();
    memory.stop();
    const stats = await emulatorStats(emulator);
    console.log(
      ratioLine(`peak RSS for ${PROFILES} profiles`, Math.round(memory.peak.rss / MIB), "MiB", RSS_BOUND_MIB),
    );
    console.log(
      `peak heap used: ${Math.round(memory.peak.heapUsed / MIB)} MiB; 429s ${stats.throttled.total}; messages sent ${stats.messages.invitations + stats.messages.updates + stats.messages.cancellations}`,
    );
  } finally {
    memory.stop();
    await close();
  }
}

launch(twoTenantSeed([...people, FLOOR_PERSON], { A: eventsOf("A"), B: eventsOf("B") }), main, [
  "--allow-http-notifications",
]).catch(fail);
