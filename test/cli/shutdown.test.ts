import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RunningEmulator } from "m365-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GraphileRuns } from "../../src/jobs/graphile.js";
import { loadSecretBox } from "../../src/secrets/key.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { listLinks } from "../../src/store/links.js";
import { insertProfile } from "../../src/store/profiles.js";
import { listRuns, STOPPED_RUN_ERROR } from "../../src/store/runs.js";
import { meeting, person } from "../engine/fixture.js";
import { duplicated, mailboxContent } from "../helpers/copies.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { createTestDatabase, postgresContext, type TestDatabase } from "../helpers/postgres.js";
import { seedServiceTenants, storeServiceSync } from "../helpers/service-tenants.js";
import { eventually } from "../helpers/wait.js";

/**
 * SIGTERM to `crosscal serve` (and `crosscal worker`) in the middle of a merge of one profile with 100
 * meetings, slowed down by the emulator's latency: the process exits 0 within its stop bound, holds no
 * lease, records the run as ended, and the next run completes the merge without a duplicate, keeping the
 * copies written before the stop.
 */

const ADELE = { A: "adele@contoso.test", B: "adele@fabrikam.test" };
const MEETINGS = 100;
/** Each Graph request waits this long: 100 creates, four at a time, then take about 7 s. */
const LATENCY_MS = 300;
/** Child processes on a busy machine: tsx starts each in a few seconds. */
const TIMEOUT_MS = 120_000;

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `crosscal <args>` as a child process (the emulator's CA comes along in the environment). */
function crosscal(args: string[]): Running {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Sends SIGTERM and resolves with the exit code and how long the process took to exit. */
async function terminate(running: Running): Promise<{ code: number | null; seconds: number }> {
  const sent = Date.now();
  running.child.kill("SIGTERM");
  const code = await running.exited;
  return { code, seconds: (Date.now() - sent) / 1000 };
}

interface Installation {
  emulator: RunningEmulator;
  dir: string;
  target: string;
  profileId: string;
  /** The ids of the originals in mailbox A. */
  originals: string[];
}

/** A data folder with serve's key, a store holding one active merge profile, and 100 meetings in A. */
async function install(emulator: RunningEmulator, target?: string): Promise<Installation> {
  const tenants = await seedServiceTenants(emulator, { people: ["adele"] });
  const dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-shutdown-"));
  const database = target ?? path.join(dir, "crosscal.db");
  const { box } = await loadSecretBox({ dataDir: dir });
  const db = openDatabase(database);
  try {
    await migrate(db);
    const { sync } = await storeServiceSync(db, box, tenants);
    const profile = await insertProfile(
      db,
      {
        sync: sync.id,
        name: "Adele",
        mailboxA: ADELE.A,
        mailboxB: ADELE.B,
        startMode: "merge",
        status: "active",
      },
      new Date(),
    );
    const originals: string[] = [];
    for (let i = 0; i < MEETINGS; i++)
      originals.push((await person(emulator, ADELE.A).create(meeting(`Review ${i}`, 1 + (i % 60)))).id);
    return { emulator, dir, target: database, profileId: profile.id, originals };
  } finally {
    await closeDatabase(db);
  }
}

/** Waits until mailbox B holds at least `count` copies: the merge is under way. */
const copiesReach = (emulator: RunningEmulator, count: number) =>
  eventually(
    `${count} copies in B`,
    async () => (await mailboxContent(emulator, ADELE.B)).copyIds.length >= count,
    30_000,
    50,
  );

/** What the store says after the stop: leases held, the profile's runs, its links. */
async function storeAfter(target: string, profileId: string) {
  const db: Store = openDatabase(target);
  try {
    return {
      leases: await db.selectFrom("profileLeases").selectAll().execute(),
      runs: await listRuns(db, { profileId }),
      links: await listLinks(db, profileId),
    };
  } finally {
    await closeDatabase(db);
  }
}

/** Every original of A has exactly one copy in B, and the copies written before the stop are among them. */
async function expectMergedOnce(installation: Installation, before: string[]) {
  const { copies, copyIds } = await mailboxContent(installation.emulator, ADELE.B);
  expect(duplicated(copies)).toEqual([]);
  expect([...copies.keys()].sort()).toEqual([...installation.originals].sort());
  expect(copyIds).toHaveLength(MEETINGS);
  // Linked, not recreated: every copy the stopped run wrote is still there, with its id.
  expect(copyIds).toEqual(expect.arrayContaining(before));
}

describe("SIGTERM to crosscal serve in the middle of a merge", () => {
  let emulator: RunningEmulator;
  let installation: Installation;
  const running: Running[] = [];
  beforeEach(async () => {
    emulator = await startTestEmulator();
    installation = await install(emulator);
  });
  afterEach(async () => {
    for (const process of running.splice(0)) process.child.kill("SIGKILL");
    await emulator.close();
    await rm(installation.dir, { recursive: true, force: true });
  });

  const serve = (...more: string[]) => {
    const process = crosscal([
      "serve",
      "--port",
      "0",
      "--host",
      "127.0.0.1",
      "--data",
      installation.dir,
      "--reconcile-minutes",
      "60",
      ...more,
    ]);
    running.push(process);
    return process;
  };

  it(
    "stops the run between two actions at the bound, exits 0, and a fresh start completes the merge",
    async () => {
      emulator.ctx.traffic.setLatency(LATENCY_MS);
      const server = serve("--stop-timeout-seconds", "1");
      await copiesReach(emulator, 8);

      const { code, seconds } = await terminate(server);
      const before = (await mailboxContent(emulator, ADELE.B)).copyIds;

      expect(code, server.stderr()).toBe(0);
      // One second of bound, then each stopping action's request (300 ms), far below the 5 s grace.
      expect(seconds).toBeLessThan(5);
      expect(server.stderr()).toContain("runs in flight have 1 s to finish");
      expect(before.length).toBeGreaterThan(0);
      expect(before.length).toBeLessThan(MEETINGS);
      const after = await storeAfter(installation.target, installation.profileId);
      expect(after.leases).toEqual([]);
      expect(after.runs).toHaveLength(1);
      expect(after.runs[0]).toMatchObject({ outcome: "failed", error: STOPPED_RUN_ERROR });
      expect(after.runs[0]!.finishedAt).not.toBeNull();
      expect(after.runs[0]!.counts.created).toBe(before.length);
      // Each copy written was committed with its link: nothing half-written.
      expect(after.links.map((link) => link.copyId).sort()).toEqual([...before].sort());

      emulator.ctx.traffic.setLatency(0);
      const again = serve();
      await copiesReach(emulator, MEETINGS);
      expect((await terminate(again)).code).toBe(0);
      await expectMergedOnce(installation, before);
      const runs = (await storeAfter(installation.target, installation.profileId)).runs;
      expect(runs.map((run) => run.outcome)).toEqual(["ok", "failed"]);
      expect(runs[0]!.counts.created).toBe(MEETINGS - before.length);
    },
    TIMEOUT_MS,
  );

  it(
    "lets a run in flight finish within the bound, then exits 0",
    async () => {
      emulator.ctx.traffic.setLatency(LATENCY_MS / 3);
      const server = serve("--stop-timeout-seconds", "25");
      await copiesReach(emulator, 8);

      const { code } = await terminate(server);

      expect(code, server.stderr()).toBe(0);
      await expectMergedOnce(installation, []);
      const after = await storeAfter(installation.target, installation.profileId);
      expect(after.leases).toEqual([]);
      expect(after.runs.map((run) => [run.outcome, run.counts.created])).toEqual([["ok", MEETINGS]]);
    },
    TIMEOUT_MS,
  );
});

const { skipReason } = postgresContext();
describe.skipIf(skipReason !== undefined)(
  `SIGTERM to crosscal worker in the middle of a merge${skipReason ? ` skipped: ${skipReason}` : ""}`,
  () => {
    let emulator: RunningEmulator;
    let database: TestDatabase;
    let installation: Installation;
    const running: Running[] = [];
    beforeEach(async () => {
      emulator = await startTestEmulator();
      database = await createTestDatabase();
      installation = await install(emulator, database.url);
    });
    afterEach(async () => {
      for (const process of running.splice(0)) process.child.kill("SIGKILL");
      await emulator.close();
      await database.drop();
      await rm(installation.dir, { recursive: true, force: true });
    });

    const worker = (...more: string[]) => {
      const process = crosscal(["worker", "--database", database.url, "--data", installation.dir, ...more]);
      running.push(process);
      return process;
    };

    it(
      "stops the run at the bound, queues its job again, exits 0; the next worker completes the merge",
      async () => {
        const queue = await GraphileRuns.open({
          connectionString: database.url,
          log: { info() {}, warn() {}, error() {} },
        });
        await queue.enqueue(installation.profileId, ["A", "B"], {
          trigger: "manual",
          since: Date.now(),
          confirmed: false,
        });
        await queue.release();
        emulator.ctx.traffic.setLatency(LATENCY_MS);
        const first = worker("--stop-timeout-seconds", "1");
        await copiesReach(emulator, 8);

        const { code, seconds } = await terminate(first);
        const before = (await mailboxContent(emulator, ADELE.B)).copyIds;

        expect(code, first.stderr()).toBe(0);
        expect(seconds).toBeLessThan(5);
        expect(before.length).toBeLessThan(MEETINGS);
        const after = await storeAfter(installation.target, installation.profileId);
        expect(after.leases).toEqual([]);
        expect(after.runs.map((run) => [run.outcome, run.error])).toEqual([["failed", STOPPED_RUN_ERROR]]);
        expect(after.links.map((link) => link.copyId).sort()).toEqual([...before].sort());

        // No serve, no reconcile: only the job the stopped worker queued again can finish the merge.
        emulator.ctx.traffic.setLatency(0);
        const second = worker();
        await copiesReach(emulator, MEETINGS);
        await eventually(
          "the second run recorded",
          async () =>
            (await storeAfter(installation.target, installation.profileId)).runs.some(
              (run) => run.outcome === "ok",
            ),
          10_000,
        );
        expect((await terminate(second)).code).toBe(0);
        await expectMergedOnce(installation, before);
      },
      TIMEOUT_MS,
    );
  },
);
