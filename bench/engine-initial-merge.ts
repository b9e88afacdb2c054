/**
 * Initial merge of 1,000 events per mailbox (issue "Must show" (b), target time / bound <= 1.2, no failure).
 *
 *   npm run bench:engine:merge [-- --events 1000 --latency 50]
 *
 * Both mailboxes of one person hold `--events` single meetings (one in twenty the same meeting on both
 * sides, which the merge links instead of copying), seeded before anything is timed. The emulator applies
 * Exchange's real per-mailbox limits (4 concurrent requests, 10,000 per 10 minutes) and adds `--latency` ms
 * to every request. One merge-start first run is timed. No client can do better than
 * (requests it sends to a mailbox x latency) / 4 concurrent, for its busiest mailbox: that is the bound.
 * Requests are counted as the emulator meters them per mailbox ($batch items each; the envelope pays no
 * latency). A per-kind table shows how concurrent each kind of request really was, to find serialization.
 */
import { parseArgs } from "node:util";
import type { Side } from "../src/core/event.js";
import { runProfile } from "../src/engine/run-profile.js";
import type { GraphEvent } from "../src/graph/metrics.js";
import {
  addProfile,
  appIdOf,
  control,
  emulatorStats,
  fail,
  graphClients,
  type Json,
  launch,
  mailboxOf,
  meeting,
  openStore,
  portsFor,
  SETTINGS,
  type StartLine,
  twoTenantSeed,
} from "./engine-harness.js";

const TARGET = 1.2;
const CONCURRENT_PER_MAILBOX = 4;

const { values } = parseArgs({
  options: { events: { type: "string", default: "1000" }, latency: { type: "string", default: "50" } },
});
const EVENTS = Number(values.events);
const LATENCY_MS = Number(values.latency);

/** Event `i` of a side: eight a day from tomorrow; every twentieth is the same meeting on both sides. */
function seedEvent(side: Side, i: number): Json {
  const shared = i % 20 === 0;
  const hour = shared ? 8 : side === "A" ? 9 + (i % 4) : 13 + (i % 4);
  const subject = shared ? `Shared meeting ${i}` : `${side} meeting ${i}`;
  return { mailbox: mailboxOf("adele", side), ...meeting(subject, 1 + Math.floor(i / 4), hour) };
}

function kindOf(method: string, path: string): string {
  if (path.includes("/calendarView/delta")) return "delta page";
  if (path.startsWith("/$batch")) return "$batch (tag reads)";
  if (path.includes("/instances")) return "instances";
  if (method === "POST") return "write: create";
  if (method === "PATCH") return "write: update";
  if (method === "DELETE") return "write: delete";
  if (decodeURIComponent(path).includes("iCalUId")) return "look-up by iCalUId";
  return "other read";
}

/** Per kind of request: how many, the time from the first start to the last end, and the busy time. */
class Timeline {
  readonly kinds = new Map<string, { count: number; first: number; last: number; busy: number }>();
  failed = 0;
  throttled = 0;
  retries = 0;

  listener = (event: GraphEvent) => {
    if (event.type === "throttled") this.throttled++;
    if (event.type === "retry") this.retries++;
    if (event.type !== "request") return;
    if (event.status === undefined || event.status >= 400) this.failed++;
    const end = performance.now();
    const kind = `${event.mailbox?.split("@")[1] ?? "-"} ${kindOf(event.method, event.path)}`;
    const entry = this.kinds.get(kind) ?? { count: 0, first: Infinity, last: 0, busy: 0 };
    entry.count++;
    entry.first = Math.min(entry.first, end - event.durationMs);
    entry.last = Math.max(entry.last, end);
    entry.busy += event.durationMs;
    this.kinds.set(kind, entry);
  };
}

async function main(emulator: StartLine) {
  const timeline = new Timeline();
  const clients = graphClients(emulator, timeline.listener);
  const ports = portsFor(clients, "adele");
  const { db, close } = await openStore();
  try {
    const profile = await addProfile(db, "adele", "merge");
    await control(emulator, "PUT", "/limits", {
      requestsPerWindow: 10_000,
      windowSeconds: 600,
      concurrentPerMailbox: CONCURRENT_PER_MAILBOX,
    });
    await control(emulator, "PUT", "/latency", { ms: LATENCY_MS });
    // Tokens first (a directory read each), so the clock times the merge and not MSAL's start-up.
    for (const side of ["A", "B"] as const)
      await clients[side].request("GET", `/users/${mailboxOf("adele", side)}`);
    await control(emulator, "POST", "/stats/reset");
    timeline.kinds.clear();
    timeline.failed = 0;

    const started = performance.now();
    const report = await runProfile({ db, ports, profile, settings: SETTINGS, trigger: "benchmark" });
    const seconds = (performance.now() - started) / 1000;
    if (report.outcome !== "ok") throw new Error(`the merge ended ${report.outcome}: ${report.reason}`);

    const stats = await emulatorStats(emulator);
    const perMailbox = (["A", "B"] as const).map((side) => {
      const key = `${appIdOf(emulator, side)}|${mailboxOf("adele", side)}`;
      return { side, requests: stats.requests.byAppMailbox[key] ?? 0 };
    });
    const busiest = Math.max(...perMailbox.map((m) => m.requests));
    const bound = (busiest * LATENCY_MS) / 1000 / CONCURRENT_PER_MAILBOX;
    const ratio = seconds / bound;
    const { created, linked } = report.counts;
    console.log(
      `initial merge of ${EVENTS} events per mailbox, ${LATENCY_MS} ms latency, limits 4 concurrent and 10,000 per 10 min: ${created} copies created, ${linked} linked`,
    );
    console.log(
      `requests per mailbox (as metered): ${perMailbox.map((m) => `${m.side} ${m.requests}`).join(", ")}; bound = ${busiest} x ${LATENCY_MS} ms / ${CONCURRENT_PER_MAILBOX} = ${bound.toFixed(1)} s`,
    );
    console.log(
      `merge time: ${seconds.toFixed(1)} s, ratio to bound ${bound.toFixed(1)} s = ${ratio.toFixed(2)} (target <= ${TARGET}: ${ratio <= TARGET ? "ok" : "ABOVE TARGET"})`,
    );
    console.log(
      `failed requests: ${timeline.failed} (crosscal saw), 429s: ${stats.throttled.total} (emulator), ${timeline.throttled} (crosscal saw), retries ${timeline.retries} (${timeline.failed + stats.throttled.total === 0 ? "ok" : "FAILURES"})`,
    );
    console.log(
      "where the time went (per mailbox and kind: requests, first start and last end after the run began, mean in flight):",
    );
    const rows = [...timeline.kinds.entries()].sort((x, y) => x[1].first - y[1].first);
    for (const [kind, entry] of rows) {
      const span = (entry.last - entry.first) / 1000;
      const inFlight = span > 0 ? entry.busy / 1000 / span : 1;
      const at = (time: number) => ((time - started) / 1000).toFixed(1).padStart(6);
      console.log(
        `  ${kind.padEnd(36)} ${String(entry.count).padStart(5)}  ${at(entry.first)} s to ${at(entry.last)} s  in flight ${inFlight.toFixed(2)}`,
      );
    }
  } finally {
    await close();
  }
}

const seed = twoTenantSeed(["adele"], {
  A: Array.from({ length: EVENTS }, (_, i) => seedEvent("A", i)),
  B: Array.from({ length: EVENTS }, (_, i) => seedEvent("B", i)),
});
launch(seed, main).catch(fail);
