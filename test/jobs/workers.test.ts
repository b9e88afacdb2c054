import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { sql } from "kysely";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphileRuns } from "../../src/jobs/graphile.js";
import { runJobKey } from "../../src/jobs/run-job.js";
import type { ServiceLog } from "../../src/jobs/service.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { insertProfile, type Profile } from "../../src/store/profiles.js";
import { ABANDONED_RUN_ERROR, listRuns, type Run } from "../../src/store/runs.js";
import { meeting, person } from "../engine/fixture.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { createTestDatabase, postgresContext, type TestDatabase } from "../helpers/postgres.js";
import { DOMAINS, seedServiceTenants, storeServiceSync } from "../helpers/service-tenants.js";

/**
 * Scale-out on PostgreSQL: two `crosscal worker` processes take the runs of many profiles from
 * graphile-worker's queue. Every change is processed, no copy is duplicated, no profile runs in both
 * workers at once (the runs table), both workers work, and a worker killed while it holds a profile is
 * recovered from: its lease expires, the next job for the profile runs, and the dead run is closed.
 */

const PEOPLE = Array.from({ length: 20 }, (_, i) => `person${String(i + 1).padStart(2, "0")}`);
const VICTIM = PEOPLE[0]!;
const TAG_PROPERTY = "crosscal.source";
const LEASE_SECONDS = 3;

interface WorkerProcess {
  child: ChildProcess;
  /** The worker's id (from its ready line): its runs hold leases as `<id>#<n>`. */
  id: Promise<string>;
  exit: Promise<number | string | null>;
  /** Run ids this worker logged as finished. */
  runIds: Set<string>;
  stderr: () => string;
}

const { skipReason } = postgresContext();

describe.skipIf(skipReason !== undefined)(
  `two crosscal worker processes on PostgreSQL${skipReason ? ` skipped: ${skipReason}` : ""}`,
  () => {
    let emulator: RunningEmulator;
    let database: TestDatabase;
    let db: Store;
    let runs: GraphileRuns;
    let dataDir: string;
    const key = randomBytes(32);
    const box = new SecretBox(key);
    const profiles = new Map<string, Profile>();
    const workers: WorkerProcess[] = [];
    const quiet: ServiceLog = {
      info() {},
      warn() {},
      error: (detail, message) => console.error(message, detail),
    };

    function startWorkerProcess(): WorkerProcess {
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "src/cli/main.ts",
          "worker",
          "--database",
          database.url,
          "--data",
          dataDir,
          "--concurrency",
          "4",
          "--lease-seconds",
          String(LEASE_SECONDS),
        ],
        {
          stdio: ["ignore", "pipe", "pipe"],
          env: {
            ...process.env,
            NODE_EXTRA_CA_CERTS: emulator.caCertPath,
            CROSSCAL_SECRET_KEY: key.toString("hex"),
          },
        },
      );
      let stderr = "";
      const runIds = new Set<string>();
      createInterface({ input: child.stderr! }).on("line", (line) => {
        stderr += `${line}\n`;
        try {
          const entry = JSON.parse(line) as { msg?: string; runId?: string };
          if (entry.msg === "run finished" && entry.runId) runIds.add(entry.runId);
        } catch {
          // not a log line (a Node warning): kept in stderr for the failure message
        }
      });
      const exit = new Promise<number | string | null>((resolve) =>
        child.once("exit", (code, signal) => resolve(code ?? signal)),
      );
      const id = new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once("line", (line) => {
          const match = /^crosscal worker (\S+) ready/.exec(line);
          if (match) resolve(match[1]!);
          else reject(new Error(`unexpected first line from the worker: ${line}`));
        });
        exit.then((code) => reject(new Error(`worker exited with ${code}: ${stderr}`)));
      });
      id.catch(() => {});
      const worker = { child, id, exit, runIds, stderr: () => stderr };
      workers.push(worker);
      return worker;
    }

    const enqueueAll = async (trigger: string) => {
      for (const profile of profiles.values())
        await runs.enqueue(profile.id, ["A", "B"], { trigger, since: Date.now(), confirmed: false });
    };

    const createMeetings = async (round: string, people = PEOPLE) => {
      for (const local of people) {
        await person(emulator, `${local}@${DOMAINS.A}`).create(meeting(`${local} ${round} from A`, 2));
        await person(emulator, `${local}@${DOMAINS.B}`).create(meeting(`${local} ${round} from B`, 3));
      }
    };

    /** Jobs waiting or running, except those locked by a killed worker (graphile unlocks them in hours). */
    const pendingJobs = async (dead: readonly string[]) => {
      const { rows } = await sql<{ id: string }>`select id::text from graphile_worker.jobs`.execute(db);
      return rows.filter((row) => !dead.includes(row.id)).length;
    };

    async function settled(dead: readonly string[] = [], timeoutMs = 40_000): Promise<void> {
      const started = Date.now();
      for (;;) {
        const leases = await db.selectFrom("profileLeases").select("profileId").execute();
        if (leases.length === 0 && (await pendingJobs(dead)) === 0) return;
        if (Date.now() - started > timeoutMs)
          throw new Error(`runs did not settle: ${leases.length} leases, ${await pendingJobs(dead)} jobs`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    const isCopy = (event: Record<string, unknown>) =>
      JSON.stringify(event.singleValueExtendedProperties ?? []).includes(TAG_PROPERTY);

    /** Every original of each person has exactly one copy, with its subject, in the other mailbox. */
    async function expectMirrored(): Promise<void> {
      const problems: string[] = [];
      for (const local of PEOPLE) {
        const a = await person(emulator, `${local}@${DOMAINS.A}`).list();
        const b = await person(emulator, `${local}@${DOMAINS.B}`).list();
        for (const [from, to] of [
          [a, b],
          [b, a],
        ] as const) {
          const originals = from.filter((event) => !isCopy(event)).map((event) => String(event.subject));
          const copies = to.filter(isCopy).map((event) => String(event.subject));
          if (JSON.stringify([...copies].sort()) !== JSON.stringify([...originals].sort()))
            problems.push(`${local}: originals ${originals.join(", ")}; copies ${copies.join(", ")}`);
        }
      }
      expect(problems).toEqual([]);
    }

    /** Per profile, no two runs' [started, finished] intervals overlap, and none is left open. */
    async function expectSerialized(): Promise<Run[]> {
      const all = await listRuns(db, { limit: 10_000 });
      const overlaps: string[] = [];
      for (const profile of profiles.values()) {
        const own = all.filter((run) => run.profileId === profile.id).reverse();
        own.forEach((run, i) => {
          const next = own[i + 1];
          if (run.finishedAt === null) overlaps.push(`${profile.name}: run ${run.id} never finished`);
          else if (next && next.startedAt < run.finishedAt)
            overlaps.push(`${profile.name}: run ${next.id} started before run ${run.id} finished`);
        });
      }
      expect(overlaps).toEqual([]);
      return all;
    }

    beforeAll(async () => {
      emulator = await startTestEmulator();
      const tenants = await seedServiceTenants(emulator, { people: PEOPLE });
      database = await createTestDatabase();
      db = openDatabase(database.url);
      await migrate(db);
      dataDir = await mkdtemp(path.join(os.tmpdir(), "crosscal-workers-"));
      const { sync } = await storeServiceSync(db, box, tenants);
      for (const local of PEOPLE) {
        const profile = await insertProfile(
          db,
          {
            sync: sync.id,
            name: local,
            mailboxA: `${local}@${DOMAINS.A}`,
            mailboxB: `${local}@${DOMAINS.B}`,
            startMode: "merge",
            status: "active",
          },
          new Date(),
        );
        profiles.set(local, profile);
      }
      // Migrates graphile-worker's schema before the workers start.
      runs = await GraphileRuns.open({ connectionString: database.url, log: quiet });
    });

    afterAll(async () => {
      for (const worker of workers) worker.child.kill("SIGKILL");
      await Promise.all(workers.map((worker) => worker.exit));
      await runs?.release();
      if (db) await closeDatabase(db);
      await database?.drop();
      await emulator?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it("runs every profile's changes once, never one profile in both, and recovers from a killed worker", async () => {
      const [first, second] = [startWorkerProcess(), startWorkerProcess()];
      const ids = await Promise.all([first.id, second.id]);
      // Slow enough that neither worker can take every job before the other does.
      emulator.ctx.traffic.setLatency(20);

      // Round 1, then round 2's changes and requests while round 1 still runs (jobs behind running ones,
      // jobs meeting a held lease), plus a burst that collapses into waiting jobs.
      await createMeetings("round 1");
      await enqueueAll("start");
      await createMeetings("round 2");
      await enqueueAll("notification");
      await enqueueAll("notification");
      await settled();
      await expectMirrored();
      await expectSerialized();
      expect(first.runIds.size).toBeGreaterThan(0);
      expect(second.runIds.size).toBeGreaterThan(0);

      // A slow run of one profile, its worker killed while it holds the lease.
      emulator.ctx.traffic.setLatency(0);
      const victim = profiles.get(VICTIM)!;
      for (const domain of [DOMAINS.A, DOMAINS.B])
        emulator.ctx.traffic.addFault({ mailbox: `${VICTIM}@${domain}`, latencyMs: 800 });
      await createMeetings("round 3", [VICTIM]);
      await runs.enqueue(victim.id, ["A", "B"], {
        trigger: "notification",
        since: Date.now(),
        confirmed: false,
      });
      const holder = await leaseHolder(victim.id, ids);
      const killed = holder === ids[0] ? first : second;
      const survivor = killed === first ? second : first;
      const deadJobs = await lockedJobsOf(victim.id);
      killed.child.kill("SIGKILL");
      await killed.exit;
      const abandoned = (await listRuns(db, { profileId: victim.id, limit: 1 }))[0]!;
      expect(abandoned.finishedAt).toBeNull();
      emulator.ctx.traffic.clearFaults();

      // What a reconcile or the next notification does: ask again. The survivor waits out the lease.
      await runs.enqueue(victim.id, ["A", "B"], {
        trigger: "reconcile",
        since: Date.now(),
        confirmed: false,
      });
      await settled(deadJobs);

      await expectMirrored();
      const all = await expectSerialized();
      const closed = all.find((run) => run.id === abandoned.id)!;
      expect(closed).toMatchObject({ outcome: "failed", error: ABANDONED_RUN_ERROR });
      const after = all.filter((run) => run.profileId === victim.id && run.startedAt >= closed.finishedAt!);
      expect(after.map((run) => run.outcome)).toContain("ok");
      await eventually("the survivor's log of its runs", () =>
        after.every((run) => survivor.runIds.has(run.id)),
      );

      // SIGTERM: the survivor finishes what it runs and exits 0.
      survivor.child.kill("SIGTERM");
      expect(await survivor.exit).toBe(0);
      expect(survivor.stderr()).toContain('"msg":"stopped"');
    }, 90_000);

    async function eventually(what: string, check: () => boolean): Promise<void> {
      for (const started = Date.now(); !check(); ) {
        if (Date.now() - started > 5_000) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }

    /** Waits for a lease on the profile held by one of the workers; returns that worker's id. */
    async function leaseHolder(profileId: string, ids: string[]): Promise<string> {
      for (const started = Date.now(); Date.now() - started < 20_000; ) {
        const lease = await db
          .selectFrom("profileLeases")
          .select("owner")
          .where("profileId", "=", profileId)
          .executeTakeFirst();
        const holder = ids.find((id) => lease?.owner.startsWith(`${id}#`));
        if (holder) return holder;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error("no worker took the profile's lease");
    }

    /** The profile's graphile job a worker has locked (the one about to be killed), by its key. */
    async function lockedJobsOf(profileId: string): Promise<string[]> {
      const { rows } = await sql<{ id: string }>`
        select id::text from graphile_worker.jobs
        where locked_at is not null and key = ${runJobKey(profileId, ["A", "B"])}`.execute(db);
      return rows.map((row) => row.id);
    }
  },
);
