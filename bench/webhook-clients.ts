/**
 * The HTTP clients of `service-webhook-flood.ts`, in processes of their own, so that building and sending
 * their requests costs the measured service nothing and their timings are what a caller outside sees.
 *
 * `flood URL KIND CLIENTS`: CLIENTS concurrent senders POST forged bodies of one KIND to the webhook URL
 * until stdin closes, then print one JSON line: bodies sent, answers by status, errors, seconds.
 *   cap        MAX_NOTIFICATIONS_PER_BODY notifications sized like Graph's (~1 KiB), unknown subscriptions:
 *              the largest body the route accepts.
 *   oversize   ~1 MB of 8,500 small notifications (the security review's flood): under the API's 1 MiB,
 *              over the webhook routes' byte limit.
 *   overcount  2,000 small notifications, under the byte limit and over the notification cap.
 *
 * `probe URL GENUINE SAMPLES`: GETs /healthz every 10 ms until done, and POSTs SAMPLES genuine
 * notifications (GENUINE: a JSON object with a real subscription's id, clientState and mailbox), one at
 * a time: after each it prints `{"sentAt", "ackMs"}` and waits for a line on stdin before the next. At the
 * end it prints `{"healthzMs": [...]}`.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { MAX_NOTIFICATIONS_PER_BODY } from "../src/notifications/webhooks.js";
import { DEFAULT_BODY_LIMIT } from "../src/server/options.js";
import { WEBHOOK_BODY_LIMIT } from "../src/server/routes/webhooks.js";

export type FloodKind = "cap" | "oversize" | "overcount";

export interface FloodResult {
  sent: number;
  byStatus: Record<string, number>;
  errors: number;
  seconds: number;
}

export interface GenuineSubscription {
  subscriptionId: string;
  clientState: string;
  mailbox: string;
}

/** Graph's event ids are about 152 characters. */
const itemId = () => `AAMk${randomBytes(111).toString("base64url")}`;

function graphShaped(
  subscription: GenuineSubscription,
  eventId = itemId(),
  etag = randomBytes(12).toString("base64"),
) {
  const resource = `Users/${subscription.mailbox}/Events/${eventId}`;
  return {
    subscriptionId: subscription.subscriptionId,
    subscriptionExpirationDateTime: new Date(Date.now() + 86_400_000).toISOString(),
    changeType: "updated",
    clientState: subscription.clientState,
    tenantId: randomUUID(),
    resource,
    resourceData: {
      "@odata.type": "#Microsoft.Graph.Event",
      "@odata.id": resource,
      "@odata.etag": `W/"${etag}"`,
      id: eventId,
    },
  };
}

const forgedSubscription = (): GenuineSubscription => ({
  subscriptionId: randomUUID(),
  clientState: randomBytes(32).toString("base64url"),
  mailbox: randomUUID(),
});

const small = () => ({
  subscriptionId: randomUUID(),
  changeType: "updated",
  resourceData: { id: randomBytes(6).toString("hex") },
});

function floodBody(kind: FloodKind): Buffer {
  const count = { cap: MAX_NOTIFICATIONS_PER_BODY, oversize: 8_500, overcount: 2_000 }[kind];
  const make: () => object = kind === "cap" ? () => graphShaped(forgedSubscription()) : small;
  const body = Buffer.from(JSON.stringify({ value: Array.from({ length: count }, make) }));
  const fits = body.length <= (kind === "oversize" ? DEFAULT_BODY_LIMIT : WEBHOOK_BODY_LIMIT);
  if (!fits || (kind === "oversize" && body.length <= WEBHOOK_BODY_LIMIT))
    throw new Error(`a ${kind} body of ${body.length} bytes does not fit its purpose`);
  return body;
}

async function flood(url: string, kind: FloodKind, clients: number): Promise<void> {
  // A few different bodies, built before the first is sent.
  const bodies = Array.from({ length: 4 }, () => floodBody(kind));
  const result: FloodResult = { sent: 0, byStatus: {}, errors: 0, seconds: 0 };
  let stopping = false;
  createInterface({ input: process.stdin }).once("close", () => {
    stopping = true;
  });
  const started = performance.now();
  const sender = async (index: number) => {
    for (let i = index; !stopping; i++) {
      result.sent++;
      try {
        const response = await fetch(url, {
          method: "POST",
          body: bodies[i % bodies.length],
          headers: { "content-type": "application/json" },
        });
        await response.arrayBuffer();
        result.byStatus[response.status] = (result.byStatus[response.status] ?? 0) + 1;
      } catch {
        // The service may close the connection on a body it refuses while it arrives.
        result.errors++;
      }
    }
  };
  console.log("ready");
  await Promise.all(Array.from({ length: clients }, (_, i) => sender(i)));
  result.seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify(result));
}

async function probe(base: string, subscription: GenuineSubscription, samples: number): Promise<void> {
  const input = createInterface({ input: process.stdin });
  const lines = input[Symbol.asyncIterator]();
  const healthzMs: number[] = [];
  let done = false;
  const healthz = async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(`${base}/healthz`);
      await response.arrayBuffer();
      healthzMs.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const probing = healthz();
  for (let i = 0; i < samples; i++) {
    const body = JSON.stringify({ value: [graphShaped(subscription, `bench-genuine-${randomUUID()}`)] });
    const sentAt = Date.now();
    const started = performance.now();
    const response = await fetch(`${base}/api/webhooks/graph`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
    });
    const answer = await response.text();
    if (response.status !== 202 || !answer.includes('"accepted":1'))
      throw new Error(`genuine POST answered ${response.status} ${answer}`);
    console.log(JSON.stringify({ sentAt, ackMs: performance.now() - started }));
    await lines.next();
  }
  done = true;
  await probing;
  console.log(JSON.stringify({ healthzMs }));
  input.close();
  process.stdin.destroy();
}

const [mode, url, ...rest] = process.argv.slice(2);
const run =
  mode === "flood"
    ? flood(url!, rest[0] as FloodKind, Number(rest[1]))
    : probe(url!, JSON.parse(rest[0]!) as GenuineSubscription, Number(rest[1]));
run.catch((error) => {
  console.error(error);
  process.exit(1);
});
