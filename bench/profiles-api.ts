/**
 * The profiles API at 10,000 profiles (issue 5, the dashboard): a filtered page must answer in p95 <= 100 ms.
 *
 * A store with 10,000 profiles (`--profiles`) over 10 syncs (`--syncs`): various statuses, sources and
 * mailbox checks, most with one to three runs and some copies. The app is built in-process, as `crosscal
 * serve` builds it, and listens on a local port; an administrator signs in once and every request carries
 * the session cookie, as the dashboard's do. Requests go one at a time over HTTP, the cases interleaved
 * (`--samples` of each, after a warm-up), so every case meets the same machine.
 *
 * Printed per case: p50, p95 and p99 in ms, the p95's ratio to the 100 ms bound, and its ratio to two
 * baselines measured in the same run: `GET /healthz` (the HTTP stack alone) and `GET /api/auth/me` (the
 * HTTP stack, the session check and its one store read). A bare `SELECT 1` through the store is printed
 * too. SQLite by default; `--postgres` runs the same on a private PostgreSQL cluster (the server binaries
 * of the machine, as the tests use them).
 */
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { request } from "undici";
import { buildApp } from "../src/server/app.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../src/store/database.js";
import { findPostgresBin, startPostgresCluster } from "../test/helpers/postgres-server.js";
import { openStore, ratioLine } from "./engine-harness.js";
import { seedProfiles, setUpAndSignIn } from "./profiles-store.js";
import { percentile } from "./stats.js";

const { values: options } = parseArgs({
  options: {
    profiles: { type: "string", default: "10000" },
    syncs: { type: "string", default: "10" },
    samples: { type: "string", default: "200" },
    warmup: { type: "string", default: "20" },
    postgres: { type: "boolean", default: false },
  },
});
const PROFILES = Number(options.profiles);
const SYNCS = Number(options.syncs);
const SAMPLES = Number(options.samples);
const WARMUP = Number(options.warmup);
/** The issue's bound for a filtered page. */
const BOUND_MS = 100;
/** The dashboard's table shows 50 rows a page. */
const PAGE = 50;

/** A store on SQLite (a temp file) or on a private PostgreSQL cluster. */
async function openBenchStore(): Promise<{ db: Store; close: () => Promise<void> }> {
  if (!options.postgres) return openStore();
  const bin = findPostgresBin();
  if (!bin) throw new Error("no PostgreSQL server binaries (set CROSSCAL_PG_BIN)");
  const cluster = await startPostgresCluster(bin);
  const url = new URL(cluster.adminUrl);
  const admin = openDatabase(cluster.adminUrl);
  await sql`create database crosscal_bench`.execute(admin);
  await closeDatabase(admin);
  url.pathname = "/crosscal_bench";
  const db = openDatabase(url.toString());
  await migrate(db);
  return {
    db,
    close: async () => {
      await closeDatabase(db);
      await cluster.stop();
    },
  };
}

interface Case {
  name: string;
  /** A request over HTTP (a path), or a call in-process. */
  path?: string;
  call?: () => Promise<unknown>;
}

async function main() {
  const { db, close } = await openBenchStore();
  const app = await buildApp({ db });
  try {
    const syncIds = await seedProfiles(db, { profiles: PROFILES, syncs: SYNCS, postgres: options.postgres });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    if (!address || typeof address === "string") throw new Error("the app has no port");
    const base = `http://127.0.0.1:${address.port}`;

    const cookie = await setUpAndSignIn(db, base);

    const get = async (path: string) => {
      const response = await request(`${base}${path}`, { headers: { cookie } });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode} ${text}`);
      return JSON.parse(text) as { nextCursor?: string | null; total?: number; profiles?: unknown[] };
    };

    // A cursor deep in the list: the page after the first 90% of the profiles by name (9,000 of 10,000), in
    // steps of at most 500 that end before the last page (whose nextCursor is null).
    const step = Math.max(1, Math.min(500, Math.floor(PROFILES / 10)));
    const skipped = Math.ceil((PROFILES * 0.9) / step) * step;
    let deep: string | undefined;
    for (let seen = 0; seen < skipped; seen += step) {
      const page = await get(`/api/profiles?limit=${step}${deep ? `&cursor=${deep}` : ""}`);
      deep = page.nextCursor ?? undefined;
    }
    if (!deep) throw new Error(`no page after the first ${skipped} of ${PROFILES} profiles`);
    const search = await get(`/api/profiles?search=adel&limit=${PAGE}`);
    const errors = await get(`/api/profiles?status=error&limit=${PAGE}`);
    console.log(`filters: search "adel" matches ${search.total}, status error ${errors.total}\n`);

    const cases: Case[] = [
      { name: "GET /healthz (baseline)", path: "/healthz" },
      { name: "GET /api/auth/me (baseline)", path: "/api/auth/me" },
      { name: "SELECT 1 through the store", call: () => sql`select 1`.execute(db) },
      { name: "first page, no filter", path: `/api/profiles?limit=${PAGE}` },
      { name: 'search "adel"', path: `/api/profiles?search=adel&limit=${PAGE}` },
      { name: "status error", path: `/api/profiles?status=error&limit=${PAGE}` },
      { name: "sort by last run, newest first", path: `/api/profiles?sort=lastRun&order=desc&limit=${PAGE}` },
      {
        name: `deep page (after ${skipped.toLocaleString("en")}) by cursor`,
        path: `/api/profiles?limit=${PAGE}&cursor=${deep}`,
      },
      {
        name: "one sync, active, by status desc",
        path: `/api/profiles?sync=${syncIds[3]}&status=active&sort=status&order=desc&limit=${PAGE}`,
      },
    ];
    const timings = new Map<string, number[]>(cases.map((c) => [c.name, []]));
    for (let round = 0; round < WARMUP + SAMPLES; round++) {
      for (const item of cases) {
        const started = process.hrtime.bigint();
        if (item.path) await get(item.path);
        else await item.call!();
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (round >= WARMUP) timings.get(item.name)!.push(ms);
      }
    }

    const p95Of = (name: string) =>
      percentile(
        [...timings.get(name)!].sort((x, y) => x - y),
        0.95,
      );
    const healthz = p95Of(cases[0]!.name);
    const me = p95Of(cases[1]!.name);
    console.log(
      `${options.postgres ? "PostgreSQL" : "SQLite"}, ${PROFILES} profiles, ${SAMPLES} samples each, one request at a time\n`,
    );
    for (const item of cases) {
      const sorted = [...timings.get(item.name)!].sort((x, y) => x - y);
      const [p50, p95, p99] = [0.5, 0.95, 0.99].map((p) => percentile(sorted, p));
      const figures = `p50 ${p50!.toFixed(2)} ms, p95 ${p95!.toFixed(2)} ms, p99 ${p99!.toFixed(2)} ms`;
      if (item.name.includes("baseline") || item.call) {
        console.log(`${item.name}: ${figures}`);
        continue;
      }
      console.log(`${item.name}: ${figures}`);
      console.log(`  ${ratioLine("p95", p95!, "ms", BOUND_MS)}`);
      console.log(
        `  p95 / GET /healthz p95 = ${(p95! / healthz).toFixed(1)}, p95 / GET /api/auth/me p95 = ${(p95! / me).toFixed(1)}`,
      );
    }
  } finally {
    await app.close();
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
