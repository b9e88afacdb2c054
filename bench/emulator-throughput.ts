/**
 * Emulator throughput: how many simple Graph requests per second the emulator answers on this machine,
 * as a ratio to the bound later benchmarks need (it must never be their bottleneck).
 *
 *   npm run bench:emulator [-- --requests 20000 --concurrency 40]
 *
 * The emulator runs as its own process (as in every other benchmark), seeded with the demo tenants; the
 * load is spread over the demo mailboxes so Exchange's 4-concurrent-requests-per-mailbox limit is never hit.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";

const BOUND_REQUESTS_PER_SECOND = 3000;

const { values } = parseArgs({
  options: { requests: { type: "string", default: "20000" }, concurrency: { type: "string", default: "40" } },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);

interface StartLine {
  url: string;
  caCert: string;
  tenants: Array<{ id: string; clientId: string; clientSecret: string; users: string[] }>;
}

async function startEmulator() {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "emulator/src/main.ts", "--port", "0", "--seed", "demo"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { child, start: JSON.parse(firstLine) as StartLine };
}

async function token(agent: Agent, start: StartLine): Promise<string> {
  const tenant = start.tenants[0]!;
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: tenant.clientId,
    client_secret: tenant.clientSecret,
    scope: "https://graph.microsoft.com/.default",
  });
  const response = await request(`${start.url}/${tenant.id}/oauth2/v2.0/token`, {
    method: "POST",
    dispatcher: agent,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  const body = (await response.body.json()) as { access_token: string };
  return body.access_token;
}

/** Sends `count` requests from `concurrency` workers; returns requests per second and the failures. */
async function measure(count: number, send: (i: number) => Promise<number>) {
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const status = await send(next++);
      if (status >= 400) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { perSecond: count / ((performance.now() - started) / 1000), failures };
}

async function main() {
  const { child, start } = await startEmulator();
  try {
    const agent = new Agent({
      connect: { ca: readFileSync(start.caCert, "utf8") },
      connections: concurrency,
    });
    const authorization = `Bearer ${await token(agent, start)}`;
    const users = start.tenants[0]!.users;
    const get = (path: string) => async () => {
      const response = await request(`${start.url}${path}`, {
        dispatcher: agent,
        headers: { authorization },
      });
      await response.body.dump();
      return response.statusCode;
    };
    await measure(1000, get(`/v1.0/users/${users[0]}`)); // warm-up
    const results = {
      "GET /v1.0/users/{id} (directory)": await measure(total, (i) =>
        get(`/v1.0/users/${users[i % users.length]}`)(),
      ),
      "GET /v1.0/users/{id}/events?$top=10": await measure(total, (i) =>
        get(`/v1.0/users/${users[i % users.length]}/events?$top=10`)(),
      ),
    };
    for (const [name, { perSecond, failures }] of Object.entries(results)) {
      const ratio = perSecond / BOUND_REQUESTS_PER_SECOND;
      console.log(
        `${name}: ${perSecond.toFixed(0)} req/s, ratio to bound ${BOUND_REQUESTS_PER_SECOND} req/s = ${ratio.toFixed(2)} (${ratio >= 1 ? "ok" : "BELOW BOUND"}), failures ${failures}`,
      );
    }
    await agent.close();
  } finally {
    child.kill("SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
