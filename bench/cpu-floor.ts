/**
 * A floor for "CPU per mirrored event", measured in the same run as the figure it divides (absolute CPU
 * differs twofold between machines; the ratio to this floor does not): the client CPU of the bare work one
 * mirrored change needs, with none of crosscal's logic around it.
 *
 * Per event: read the original (one HTTPS GET through crosscal's transport, `exchange` over its shared
 * keep-alive agent: the same TLS, undici and JSON parsing, none of the Graph client's retries, limiter or
 * mapping), write its copy in the other tenant (one HTTPS POST of a full-details body with crosscal's
 * tag), commit a link and a decision row in one transaction of crosscal's own schema (prepared statements
 * on the store the service uses: SQLite, or PostgreSQL through pg), and receive the change notifications
 * the copy's write makes Graph send (a plain node:http receiver that parses them and answers 202). The
 * emulator runs in its own process, so only the client's side is measured: `process.cpuUsage()` of this
 * process over `events` such changes, one after another, after a warm-up.
 *
 * The warm-up is long and the figure is the median of several rounds, because the floor is compared with a
 * process that has been busy for minutes: in a new process the same change cost 1,200 µs at first and
 * 400–800 µs after a few thousand (V8 still compiling undici's, TLS's and JSON's hot paths), and a round
 * that meets a major collection of this process's heap costs half as much again. With 50 events of
 * warm-up, floors of one build on one machine ranged from 950 to 1,590 µs (six runs); with 3,000 and the
 * median of five rounds of 200, from 620 to 760 µs (four runs).
 *
 * That floor is the bare work at its cheapest: back to back, every cache warm, Graph's notifications of
 * dozens of copies in one POST. A service's steady state gets its changes a few a second, with Graph's
 * latency in every request and the process idle in between, and the same bare work then costs more: at 20
 * changes a second with 50 ms per request, 2,030–2,540 µs where back to back it cost 620–980 (six runs;
 * see bench/README.md). So `pace` measures it that way too, and a benchmark divides by both.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { exchange, sharedAgent } from "../src/graph/http.js";
import { TAG_PROPERTY_ID } from "../src/graph/tag.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../src/store/database.js";
import { startRun } from "../src/store/runs.js";
import {
  addProfile,
  control,
  DOMAINS,
  graphClients,
  type Json,
  mailboxOf,
  meeting,
  type StartLine,
  startWebhook,
  subscribe,
} from "./engine-harness.js";
import { median } from "./stats.js";

export interface FloorOptions {
  /** The person whose two mailboxes the floor uses (in the seed, in no profile). */
  person: string;
  /** Events measured, in `rounds` rounds of equal size (default 1,000 in 5). */
  events?: number;
  rounds?: number;
  /** Events mirrored first, unmeasured (default 3,000). */
  warmup?: number;
  /** Where the floor commits: a SQLite file in a temporary folder, or a new database on this server. */
  postgresAdminUrl?: string;
  /**
   * Also measure the same events at the pace of a steady state: `perSecond` started a second, each on
   * its schedule (they overlap when a change takes longer than the gap), with Graph answering every
   * request after `latencyMs`. The emulator's latency is set for this phase and put back as it was after it.
   */
  pace?: Pace;
}

export interface Pace {
  perSecond: number;
  latencyMs: number;
  events: number;
}

export interface Floor {
  /** CPU µs (user + system) of this process per mirrored change: the median round's. */
  microsPerEvent: number;
  /** Each round's figure, in the order measured. */
  rounds: number[];
  events: number;
  /** CPU µs per change at the steady state's pace (idle time between changes included), when asked. */
  paced?: Pace & { microsPerEvent: number };
}

/** How a floor was measured, for the line that prints it: the rounds and their range. */
export function describeFloor(floor: Floor): string {
  const low = Math.round(Math.min(...floor.rounds));
  const high = Math.round(Math.max(...floor.rounds));
  return `median of ${floor.rounds.length} rounds of ${floor.events / floor.rounds.length} events after a warm-up, ${low}–${high} µs`;
}

const TIMEOUT_MS = 30_000;

/** This process's CPU µs (user + system) spent on `work`, per each of its `count` events. */
async function cpuMicrosEach(count: number, work: () => Promise<void>): Promise<number> {
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / count;
}

async function token(emulator: StartLine, domain: string): Promise<string> {
  const tenant = emulator.tenants.find((t) => t.domain === domain)!;
  const response = await fetch(`${emulator.url}/${tenant.id}/oauth2/v2.0/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: tenant.clientId,
      client_secret: tenant.clientSecret,
      scope: "https://graph.microsoft.com/.default",
    }),
  });
  if (!response.ok) throw new Error(`token for ${domain}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A link and a decision per event, in one transaction, with prepared statements: the bare commit. */
interface Committer {
  commit(sourceId: string, copyId: string): Promise<void>;
  close(): Promise<void>;
}

const LINK_COLUMNS =
  "profile_id, source_side, source_id, copy_id, owned, ical_uid, kind, series_source_id, original_start, source_version, copy_version, content_hash, created_at, updated_at";
const DECISION_COLUMNS =
  "id, run_id, profile_id, seq, side, source_id, copy_id, action, reason, subject_hint, at";

function rows(profileId: string, runId: string, seq: number, sourceId: string, copyId: string) {
  const now = new Date().toISOString();
  const hash = "f".repeat(64);
  return {
    link: [profileId, "A", sourceId, copyId, 1, null, "single", null, null, "v1", "v1", hash, now, now],
    decision: [
      randomUUID(),
      runId,
      profileId,
      seq,
      "A",
      sourceId,
      copyId,
      "create",
      "new original",
      "Floor",
      now,
    ],
  };
}

/** The store's schema (migrated as the service's is), one profile and one run to hang the rows on. */
async function preparedStore(db: Store) {
  await migrate(db);
  const profile = await addProfile(db, "cpu-floor", "merge");
  const run = await startRun(db, { profileId: profile.id, trigger: "floor" }, new Date());
  return { profileId: profile.id, runId: run.id };
}

async function sqliteCommitter(): Promise<Committer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-floor-"));
  const file = path.join(dir, "floor.db");
  const db = openDatabase(file);
  const { profileId, runId } = await preparedStore(db);
  await closeDatabase(db);
  // The pragmas of the service's connection (src/store/database.ts).
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  const link = sqlite.prepare(`insert into links (${LINK_COLUMNS}) values (${"?, ".repeat(13)}?)`);
  const decision = sqlite.prepare(
    `insert into decisions (${DECISION_COLUMNS}) values (${"?, ".repeat(10)}?)`,
  );
  let seq = 0;
  const commitBoth = sqlite.transaction((values: ReturnType<typeof rows>) => {
    link.run(values.link);
    decision.run(values.decision);
  });
  return {
    commit: async (sourceId, copyId) => commitBoth(rows(profileId, runId, seq++, sourceId, copyId)),
    close: async () => {
      sqlite.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function postgresCommitter(adminUrl: string): Promise<Committer> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const name = `floor_${randomUUID().replaceAll("-", "")}`;
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openDatabase(url.toString(), { maxConnections: 1 });
  const { profileId, runId } = await preparedStore(db);
  await closeDatabase(db);
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const params = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => `$${from + i}`).join(", ");
  const link = { name: "floor-link", text: `insert into links (${LINK_COLUMNS}) values (${params(1, 14)})` };
  const decision = {
    name: "floor-decision",
    text: `insert into decisions (${DECISION_COLUMNS}) values (${params(1, 11)})`,
  };
  let seq = 0;
  return {
    commit: async (sourceId, copyId) => {
      const values = rows(profileId, runId, seq++, sourceId, copyId);
      await client.query("begin");
      await client.query({ ...link, values: values.link });
      await client.query({ ...decision, values: values.decision });
      await client.query("commit");
    },
    close: async () => {
      await client.end();
      await admin.query(`drop database ${name}`);
      await admin.end();
    },
  };
}

/** The copy's body as a full-details copy carries it: content, times, show-as, no reminder, crosscal's tag. */
function copyOf(original: Json, sourceId: string): Json {
  return {
    subject: original.subject,
    body: original.body,
    start: original.start,
    end: original.end,
    location: original.location,
    showAs: original.showAs,
    sensitivity: original.sensitivity,
    isReminderOn: false,
    transactionId: randomUUID(),
    singleValueExtendedProperties: [{ id: TAG_PROPERTY_ID, value: `floor|A|${sourceId}` }],
  };
}

/** Measures the floor (see the file comment). Its events stay in the floor person's mailboxes. */
export async function measureCpuFloor(emulator: StartLine, options: FloorOptions): Promise<Floor> {
  const { events = 1_000, rounds: roundCount = 5, warmup = 3_000 } = options;
  const mailboxA = mailboxOf(options.person, "A");
  const mailboxB = mailboxOf(options.person, "B");
  const total = warmup + events + (options.pace?.events ?? 0);
  const originals: string[] = [];
  for (let i = 0; i < total; i++) {
    const event = await control(emulator, "POST", `/mailboxes/${encodeURIComponent(mailboxA)}/events`, {
      ...meeting(`Floor meeting ${i}`, 1 + (i % 20), 8 + (i % 8)),
      location: { displayName: "Room 4" },
    });
    originals.push(event.id as string);
  }
  const webhook = await startWebhook();
  const committer = options.postgresAdminUrl
    ? await postgresCommitter(options.postgresAdminUrl)
    : await sqliteCommitter();
  try {
    await subscribe(graphClients(emulator).B, mailboxB, `${webhook.url}/B/floor`);
    const headers = {
      A: { authorization: `Bearer ${await token(emulator, DOMAINS.A)}` },
      B: {
        authorization: `Bearer ${await token(emulator, DOMAINS.B)}`,
        "content-type": "application/json",
      },
    };
    const agent = sharedAgent();
    const graph = `${emulator.url}/v1.0/users`;
    const mirror = async (sourceId: string) => {
      const original = await exchange(agent, {
        method: "GET",
        url: `${graph}/${encodeURIComponent(mailboxA)}/events/${encodeURIComponent(sourceId)}`,
        headers: headers.A,
        timeoutMs: TIMEOUT_MS,
      });
      if (original.status !== 200) throw new Error(`floor: reading an original answered ${original.status}`);
      const copy = await exchange(agent, {
        method: "POST",
        url: `${graph}/${encodeURIComponent(mailboxB)}/events`,
        headers: headers.B,
        body: JSON.stringify(copyOf(original.body as Json, sourceId)),
        timeoutMs: TIMEOUT_MS,
      });
      if (copy.status !== 201) throw new Error(`floor: writing a copy answered ${copy.status}`);
      await committer.commit(sourceId, (copy.body as Json).id as string);
    };
    /** Mirrors `ids` on a schedule of `pace.perSecond`, Graph answering after `pace.latencyMs`. */
    const mirrorPaced = async (pace: Pace, ids: string[]) => {
      const before = webhook.hints.length;
      const started = performance.now();
      const mirrored: Promise<void>[] = [];
      for (const [i, id] of ids.entries()) {
        const wait = started + (i * 1000) / pace.perSecond - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        mirrored.push(mirror(id));
      }
      await Promise.all(mirrored);
      await settled(ids.length, before);
    };
    /** Mirrors `ids` and waits until Graph's notifications of every copy have arrived, then 300 ms more. */
    const mirrorAll = async (ids: string[]) => {
      const before = webhook.hints.length;
      for (const id of ids) await mirror(id);
      await settled(ids.length, before);
    };
    /** Waits until the notifications of `count` more copies than `before` have arrived, then 300 ms more. */
    const settled = async (count: number, before: number) => {
      for (let waited = 0; webhook.hints.length - before < count; waited += 20) {
        if (waited > TIMEOUT_MS) throw new Error("floor: the copies' notifications did not arrive");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (let seen = -1; seen !== webhook.hints.length; ) {
        seen = webhook.hints.length;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    };
    await mirrorAll(originals.slice(0, warmup));
    const perRound = Math.floor(events / roundCount);
    const rounds: number[] = [];
    for (let round = 0; round < roundCount; round++) {
      const from = warmup + round * perRound;
      rounds.push(await cpuMicrosEach(perRound, () => mirrorAll(originals.slice(from, from + perRound))));
    }
    const floor: Floor = { microsPerEvent: median(rounds), rounds, events: perRound * roundCount };
    const { pace } = options;
    if (!pace) return floor;
    const paced = originals.slice(warmup + events);
    const latency = (await control(emulator, "GET", "/latency")) as { ms: number };
    await control(emulator, "PUT", "/latency", { ms: pace.latencyMs });
    try {
      const microsPerEvent = await cpuMicrosEach(paced.length, () => mirrorPaced(pace, paced));
      return { ...floor, paced: { ...pace, microsPerEvent } };
    } finally {
      await control(emulator, "PUT", "/latency", { ms: latency.ms });
    }
  } finally {
    await webhook.close();
    await committer.close();
  }
}
