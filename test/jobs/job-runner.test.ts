import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { StoredClients } from "../../src/connections/stored-clients.js";
import { queueProfileActionJob } from "../../src/jobs/background-jobs.js";
import { JobRunner } from "../../src/jobs/job-runner.js";
import { StoredProfileActions } from "../../src/jobs/profile-actions.js";
import type { RunRequester } from "../../src/jobs/service-types.js";
import { keepSubscriptions } from "../../src/jobs/subscription-upkeep.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { insertConnection } from "../../src/store/connections.js";
import type { Store } from "../../src/store/database.js";
import { claimJob, findJob } from "../../src/store/jobs.js";
import { insertCheckedProfiles } from "../../src/store/profiles.js";
import { insertSync } from "../../src/store/syncs.js";
import { TEST_SYNC_SETTINGS } from "../helpers/service-tenants.js";
import { eventually } from "../helpers/wait.js";
import { newConnection } from "../store/fixtures.js";
import { describeStores } from "../store/targets.js";

const BOX = new SecretBox(randomBytes(32));
const ADMIN = { actor: "admin" };

/** Pausing asks for no run: a request would be a bug. */
const NO_RUNS: RunRequester = {
  requestRuns: async () => {
    throw new Error("pausing asks for no run");
  },
};

/**
 * The runner of background jobs over a real store and the real profile actions (pausing needs no Graph, and
 * without a public URL subscription upkeep has nothing to do): the truth of a job is its row, so another
 * runner (a restarted serve) resumes it where the last recorded batch left it.
 */
describeStores("background job runner", ({ db, openAnother }) => {
  let syncId: string;

  const runner = (
    store: Store,
    owner: string,
    more: Partial<ConstructorParameters<typeof JobRunner>[0]> = {},
  ) => {
    const clients = new StoredClients(store, BOX);
    const now = () => new Date();
    const actions = new StoredProfileActions({
      db: store,
      clients,
      runs: NO_RUNS,
      keepSubscriptions: async () => {
        await keepSubscriptions({ db: store, clients, publicUrl: undefined, now, runs: NO_RUNS });
      },
      now,
    });
    return new JobRunner({
      db: store,
      actions,
      runs: NO_RUNS,
      log: { warn() {}, error: (detail, message) => console.error(message, detail) },
      now,
      owner,
      batchSize: 25,
      ...more,
    });
  };
  const paused = async () =>
    Number(
      (
        await db()
          .selectFrom("profiles")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("status", "=", "paused")
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeEach(async () => {
    await db().deleteFrom("jobs").execute();
    const connection = async (name: string) =>
      (await insertConnection(db(), newConnection(randomUUID(), `${name}-${randomUUID()}`), new Date())).id;
    const sync = await insertSync(
      db(),
      {
        id: randomUUID(),
        name: `sync-${randomUUID()}`,
        connectionA: await connection("contoso"),
        connectionB: await connection("fabrikam"),
        startMode: "merge",
        settings: JSON.stringify(TEST_SYNC_SETTINGS),
      },
      new Date(),
    );
    syncId = sync.id;
    const profiles = Array.from({ length: 60 }, (_, i) => ({
      id: randomUUID(),
      sync: syncId,
      status: "active" as const,
      name: `Person ${String(i).padStart(2, "0")}`,
      mailboxA: `person${i}@contoso.test`,
      mailboxB: `person${i}@fabrikam.test`,
      startMode: "merge" as const,
      source: "manual" as const,
      bindingId: null,
      mailboxCheck: { check: "verified" as const, reason: null },
    }));
    await insertCheckedProfiles(db(), profiles, new Date());
  });

  it("a restarted service resumes a running job after the profiles it recorded as done", async () => {
    const waiting: Array<() => void> = [];
    const first = runner(db(), "serve-1", { sleep: () => new Promise((resolve) => waiting.push(resolve)) });
    const job = await first.queueProfileAction({ action: "pause", filter: { sync: syncId } }, ADMIN);
    await eventually("the first batch", () => waiting.length === 1);

    const stopping = first.stop();
    waiting.shift()!();
    await stopping;
    expect(await findJob(db(), job.id)).toMatchObject({ status: "running", done: 25, owner: null });
    expect(await paused()).toBe(25);

    const second = runner(openAnother(), "serve-2");
    second.start();
    try {
      await eventually("the job done", async () => (await findJob(db(), job.id))?.status === "done");
    } finally {
      await second.stop();
    }
    // Nothing was paused twice: a second pause would have been refused and counted as failed.
    expect(await findJob(db(), job.id)).toMatchObject({ done: 60, failed: 0, failures: [] });
    expect(await paused()).toBe(60);
  });

  it("takes over a job whose process died once its lease has run out, not before", async () => {
    const deps = { db: db(), now: () => new Date() };
    const job = await queueProfileActionJob(deps, { action: "pause", filter: { sync: syncId } }, ADMIN);
    // A process took the job, then died without a word.
    expect(await claimJob(db(), { owner: "dead", leaseMs: 60_000 }, new Date())).toMatchObject({
      id: job.id,
    });
    const survivor = runner(openAnother(), "serve-2", { pollMs: 50 });
    survivor.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await findJob(db(), job.id)).toMatchObject({ owner: "dead", done: 0 });

      await db()
        .updateTable("jobs")
        .set({ leaseExpiresAt: new Date(Date.now() - 1).toISOString() })
        .execute();
      await eventually("the job done", async () => (await findJob(db(), job.id))?.status === "done");
    } finally {
      await survivor.stop();
    }
    expect(await findJob(db(), job.id)).toMatchObject({ done: 60, failed: 0, owner: null });
  });

  it("gives a job to one of two runners that look for it at once", async () => {
    const deps = { db: db(), now: () => new Date() };
    const job = await queueProfileActionJob(deps, { action: "pause", filter: { sync: syncId } }, ADMIN);
    const claims = await Promise.all(
      ["a", "b", "c"].map((owner) => claimJob(openAnother(), { owner, leaseMs: 60_000 }, new Date())),
    );
    expect(claims.filter((claim) => claim?.id === job.id)).toHaveLength(1);
  });
});
