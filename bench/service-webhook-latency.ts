/**
 * Change-to-copy latency through the service's webhook path, and notification ingestion rate (issue 3's
 * benchmark; see bench/README.md). The emulator (its own process, delivering notifications immediately)
 * posts to the service's real webhook route; the service debounces, runs the notified mailbox and writes
 * the copy. Latency runs from just before a person's change to the end of the run that mirrored it.
 */
import { randomUUID } from "node:crypto";
import type { RunReport } from "../src/engine/run-profile.js";
import { hashClientState } from "../src/notifications/subscriptions.js";
import type { Store } from "../src/store/database.js";
import { insertSubscription } from "../src/store/subscriptions.js";
import {
  fail,
  launch,
  mailboxOf,
  meeting,
  person,
  ratioLine,
  type StartLine,
  twoTenantSeed,
} from "./engine-harness.js";
import { startBenchService } from "./service-harness.js";
import { percentile } from "./stats.js";

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const CHANGES = argument("changes", 500);
const PEOPLE = argument("people", 50);
/** Changes made per second, spread over the people (a busy morning for 50 people is far less). */
const RATE = argument("rate", 10);
const NOTIFICATIONS = argument("notifications", 20_000);
const LATENCY_BOUND_MS = 1_000;
const INGESTION_BOUND = 2_000;

const people = Array.from({ length: PEOPLE }, (_, i) => `person${String(i).padStart(3, "0")}`);

async function main(emulator: StartLine) {
  const pending = new Map<string, number>();
  const latencies: number[] = [];
  const finished = (report: RunReport) => {
    for (const action of report.actions) {
      if (action.type !== "create") continue;
      const started = pending.get(action.source.id);
      if (started === undefined) continue;
      pending.delete(action.source.id);
      latencies.push(performance.now() - started);
    }
  };
  const bench = await startBenchService(emulator, people, { finished });
  try {
    await measureLatency(emulator, pending, latencies);
    await bench.service.idle();
    const ingestion = await measureIngestion(bench.db, bench.port, bench.connectionA);
    report(latencies, ingestion);
  } finally {
    await bench.close();
  }
}

/** CHANGES new meetings at RATE per second, round-robin over people and both sides. */
async function measureLatency(emulator: StartLine, pending: Map<string, number>, latencies: number[]) {
  const interval = 1000 / RATE;
  const changes: Promise<void>[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const name = people[i % people.length]!;
    const side = i % 2 === 0 ? "A" : "B";
    const at = performance.now();
    changes.push(
      person(emulator, mailboxOf(name, side))
        .create(meeting(`Change ${i}`, 1 + (i % 20), 8 + (i % 8)))
        .then((event) => {
          pending.set(event.id as string, at);
        }),
    );
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  await Promise.all(changes);
  for (let waited = 0; latencies.length < CHANGES && waited < 30_000; waited += 100)
    await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * Notifications per second the webhook route acknowledges: batches of 10 with a valid clientState, for a
 * mailbox no profile reads (so no run follows), from 16 concurrent senders — parsing, the clientState check
 * and the 202, which is what Graph waits for.
 */
async function measureIngestion(db: Store, port: number, connection: string) {
  const clientState = "bench-client-state";
  const subscriptionId = randomUUID();
  await insertSubscription(
    db,
    {
      connection,
      mailbox: "nobody@contoso.test",
      subscriptionId,
      clientStateHash: hashClientState(clientState),
      expiresAt: new Date(Date.now() + 86_400_000),
    },
    new Date(),
  );
  const notification = (i: number) => ({
    subscriptionId,
    clientState,
    changeType: "updated",
    resource: `Users/nobody@contoso.test/Events/${i}`,
    resourceData: { "@odata.type": "#Microsoft.Graph.Event", id: `event-${i}`, "@odata.etag": `W/"${i}"` },
    subscriptionExpirationDateTime: new Date(Date.now() + 86_400_000).toISOString(),
    tenantId: randomUUID(),
  });
  const batches = NOTIFICATIONS / 10;
  let next = 0;
  const started = performance.now();
  const sender = async () => {
    while (next < batches) {
      const batch = next++;
      const body = JSON.stringify({
        value: Array.from({ length: 10 }, (_, i) => notification(batch * 10 + i)),
      });
      const response = await fetch(`http://127.0.0.1:${port}/api/webhooks/graph`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      });
      if (response.status !== 202) throw new Error(`webhook answered ${response.status}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 16 }, sender));
  return NOTIFICATIONS / ((performance.now() - started) / 1000);
}

function report(latencies: number[], ingestion: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `${sorted.length} of ${CHANGES} changes mirrored (${PEOPLE} people, ${RATE} changes/s, debounce 300 ms)`,
  );
  if (sorted.length === 0) return;
  console.log(ratioLine("change-to-copy latency p50", percentile(sorted, 0.5), "ms", LATENCY_BOUND_MS));
  console.log(ratioLine("change-to-copy latency p99", percentile(sorted, 0.99), "ms", LATENCY_BOUND_MS));
  console.log(ratioLine("notification ingestion", ingestion, "notifications/s", INGESTION_BOUND, false));
}

launch(twoTenantSeed(people), main, ["--allow-http-notifications"]).catch(fail);
