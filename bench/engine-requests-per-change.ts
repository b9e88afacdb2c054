/**
 * Graph requests per mirrored change in steady state (issue "Must show" (a), target <= 3, echo included).
 *
 *   npm run bench:engine:requests [-- --changes 200]
 *
 * A profile already in sync, both mailboxes subscribed to change notifications (the emulator delivers them
 * to a local webhook). Then a person makes `--changes` changes (creates, updates and deletes of single
 * meetings, on both sides, in a fixed pseudo-random order). After each one the notification-driven path
 * runs: the notifications received are turned into the mailboxes to read (`sidesToRun`, which drops echoes
 * of what the store already holds), the profile runs for those (the change run, which writes the copy),
 * then the notifications of crosscal's own writes go the same way (an echo run happens only if one is not
 * recognized as an echo). Requests are counted twice: by crosscal's client (HTTP requests, a $batch is one)
 * and by the emulator (what Graph meters: each $batch item, plus the envelope). A breakdown by request kind
 * shows where they go.
 */
import { parseArgs } from "node:util";
import type { Side } from "../src/core/event.js";
import { type RunReport, runProfile } from "../src/engine/run-profile.js";
import type { GraphEvent } from "../src/graph/metrics.js";
import type { BatchRequestItem, GraphRequester } from "../src/graph/requester.js";
import { type ChangeHint, sidesToRun } from "../src/notifications/echoes.js";
import { findProfileById } from "../src/store/profiles.js";
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
  person,
  portsFor,
  ratioLine,
  SETTINGS,
  type StartLine,
  startWebhook,
  subscribe,
  twoTenantSeed,
} from "./engine-harness.js";

const TARGET_PER_CHANGE = 3;
const EXISTING_PER_SIDE = 20;

const { values } = parseArgs({ options: { changes: { type: "string", default: "200" } } });
const CHANGES = Number(values.changes);

/** Which kind of Graph work a request is, from its method and path (no host, no tokens). */
function kindOf(method: string, path: string): string {
  if (path.includes("/calendarView/delta")) return "delta page";
  if (path.startsWith("/$batch")) return "$batch envelope";
  if (path.includes("/instances")) return "instances";
  if (method === "POST") return "write: create";
  if (method === "PATCH") return "write: update";
  if (method === "DELETE") return "write: delete";
  if (path.includes("iCalUId")) return "look-up by iCalUId";
  if (path.includes("singleValueExtendedProperties/Any")) return "copies by tag";
  if (path.includes("$select=id")) return "exists? check";
  return "event read (with tag)";
}

/** Counts requests by kind: HTTP requests from the client's events, $batch items from the batches sent. */
class Tally {
  phase = "setup";
  readonly http = new Map<string, number>();
  readonly items = new Map<string, number>();

  listener = (event: GraphEvent) => {
    if (event.type === "request") this.add(this.http, event.method, event.path);
  };

  add(map: Map<string, number>, method: string, path: string) {
    const key = `${this.phase}|${kindOf(method, decodeURIComponent(path))}`;
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  total(map: Map<string, number>, phase?: string) {
    let sum = 0;
    for (const [key, count] of map) if (!phase || key.startsWith(`${phase}|`)) sum += count;
    return sum;
  }

  reset() {
    this.http.clear();
    this.items.clear();
  }
}

/** The client as the engine sees it, noting each $batch item's kind on the way. */
function counting(inner: GraphRequester, tally: Tally): GraphRequester {
  return {
    isGraphUrl: (url) => inner.isGraphUrl(url),
    request: (method, path, options) => inner.request(method, path, options),
    pages: (path, options) => inner.pages(path, options),
    batch: (requests: BatchRequestItem[], options) => {
      for (const item of requests) tally.add(tally.items, item.method, item.url);
      return inner.batch(requests, options);
    },
  };
}

/** A small deterministic generator, so every run of the benchmark makes the same changes. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const existing = (side: Side) =>
  Array.from({ length: EXISTING_PER_SIDE }, (_, i) => ({
    mailbox: mailboxOf("adele", side),
    ...meeting(`${side} existing ${i}`, 1 + i, 8 + (i % 8)),
  }));

const writes = (report: RunReport) => report.counts.created + report.counts.updated + report.counts.deleted;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The hints received once notifications have arrived (from `side`, when given) and none came for 100 ms
 * (the emulator batches a URL's notifications within 50 ms); taken out of `hints`.
 */
async function settle(hints: ChangeHint[], side?: Side): Promise<ChangeHint[]> {
  for (let waited = 0; !hints.some((hint) => !side || hint.side === side); waited += 10) {
    if (waited > 5_000) throw new Error(`no notification from mailbox ${side} within 5 s`);
    await pause(10);
  }
  for (let seen = -1; seen !== hints.length; ) {
    seen = hints.length;
    await pause(100);
  }
  return hints.splice(0);
}

async function main(emulator: StartLine) {
  const tally = new Tally();
  const clients = graphClients(emulator, tally.listener);
  const requesters = { A: counting(clients.A, tally), B: counting(clients.B, tally) };
  const ports = portsFor(requesters, "adele");
  const { db, close } = await openStore();
  const webhook = await startWebhook();
  try {
    const created = await addProfile(db, "adele", "merge");
    const run = async (sides?: Side[]) => {
      const profile = (await findProfileById(db, created.id))!;
      const report = await runProfile({
        db,
        ports,
        profile,
        settings: SETTINGS,
        trigger: "notification",
        ...(sides && { sides }),
      });
      if (report.outcome !== "ok") throw new Error(`run ended ${report.outcome}: ${report.reason}`);
      return report;
    };
    // Into steady state: the merge, then runs until one writes nothing (the merge's own echo).
    for (let i = 0; writes(await run()) > 0; i++) if (i > 3) throw new Error("the profile does not settle");
    for (const side of ["A", "B"] as const)
      await subscribe(clients[side], mailboxOf("adele", side), `${webhook.url}/${side}`);

    const originals: Record<Side, string[]> = { A: [], B: [] };
    for (const side of ["A", "B"] as const) {
      const events = await person(emulator, mailboxOf("adele", side)).list();
      originals[side] = events
        .filter((event: Json) => !JSON.stringify(event).includes("crosscal"))
        .map((event: Json) => event.id as string);
    }
    await pause(300);
    webhook.hints.length = 0;
    tally.reset();
    await control(emulator, "POST", "/stats/reset");

    const next = random(20_260_101);
    const made = { create: 0, update: 0, delete: 0 };
    const notifications = { received: 0, echoes: 0 };
    let mirrored = 0;
    let echoRuns = 0;
    let echoWrites = 0;
    for (let i = 0; i < CHANGES; i++) {
      const side: Side = next() < 0.5 ? "A" : "B";
      const outlook = person(emulator, mailboxOf("adele", side));
      const pick = next();
      const mine = originals[side];
      const at = Math.floor(next() * mine.length);
      if (pick < 0.4 || mine.length < 5) {
        const event = await outlook.create(meeting(`${side} new ${i}`, 1 + (i % 60), 7 + (i % 10)));
        mine.push(event.id);
        made.create++;
      } else if (pick < 0.8) {
        await outlook.update(mine[at]!, {
          subject: `${side} edited ${i}`,
          location: { displayName: `Room ${i}` },
        });
        made.update++;
      } else {
        await outlook.remove(mine.splice(at, 1)[0]!);
        made.delete++;
      }
      tally.phase = "change run";
      const news = await settle(webhook.hints, side);
      const sides = await sidesToRun(db, created.id, news);
      const change = sides.length > 0 ? await run(sides) : undefined;
      const written = change ? writes(change) : 0;
      mirrored += written;
      notifications.received += news.length;
      tally.phase = "echo run";
      if (written === 0) continue;
      const echoes = await settle(webhook.hints, side === "A" ? "B" : "A");
      notifications.received += echoes.length;
      const echoSides = await sidesToRun(db, created.id, echoes);
      if (echoSides.length === 0) notifications.echoes += echoes.length;
      else {
        echoRuns++;
        echoWrites += writes(await run(echoSides));
      }
    }

    const stats = await emulatorStats(emulator);
    const graphCounted = (["A", "B"] as const).reduce(
      (sum, side) => sum + (stats.requests.byApp[appIdOf(emulator, side)] ?? 0),
      0,
    );
    const http = tally.total(tally.http);
    console.log(
      `steady state: ${CHANGES} changes by a person (${made.create} creates, ${made.update} updates, ${made.delete} deletes), ${mirrored} mirrored; ${notifications.received} notifications, ${notifications.echoes} recognized as echoes; ${echoRuns} echo runs with ${echoWrites} writes`,
    );
    console.log(
      ratioLine(
        "HTTP requests crosscal sent per mirrored change (echo run included, a $batch is one)",
        http / mirrored,
        "requests",
        TARGET_PER_CHANGE,
      ),
    );
    console.log(
      ratioLine(
        "Graph requests per mirrored change as the emulator meters them ($batch items each, plus envelope)",
        graphCounted / mirrored,
        "requests",
        TARGET_PER_CHANGE,
      ),
    );
    console.log(
      `  of which echo runs: ${(tally.total(tally.http, "echo run") / mirrored).toFixed(2)} HTTP requests per change; throttled ${stats.throttled.total}; messages sent ${stats.messages.invitations + stats.messages.updates + stats.messages.cancellations}`,
    );
    console.log("breakdown per mirrored change (HTTP requests; $batch items listed under the envelope):");
    const kinds = [...new Set([...tally.http.keys(), ...tally.items.keys()])].sort();
    for (const key of kinds) {
      const [phase, kind] = key.split("|");
      const line = (label: string, count: number) =>
        console.log(`  ${phase!.padEnd(10)} ${label.padEnd(40)} ${(count / mirrored).toFixed(2)}`);
      if (tally.http.has(key)) line(kind!, tally.http.get(key)!);
      if (tally.items.has(key)) line(`  $batch item: ${kind}`, tally.items.get(key)!);
    }
  } finally {
    await webhook.close();
    await close();
  }
}

const seed = twoTenantSeed(["adele"], { A: existing("A"), B: existing("B") });
launch(seed, main, ["--allow-http-notifications"]).catch(fail);
