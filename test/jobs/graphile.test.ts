import { randomBytes } from "node:crypto";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openServeQueue, type ServeQueue } from "../../src/jobs/graphile.js";
import { CrosscalService, type ServiceLog } from "../../src/jobs/service.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { insertProfile } from "../../src/store/profiles.js";
import { listRuns } from "../../src/store/runs.js";
import { meeting, person } from "../engine/fixture.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { createTestDatabase, postgresContext, type TestDatabase } from "../helpers/postgres.js";
import { seedServiceTenants, storeServiceSync } from "../helpers/service-tenants.js";
import { eventually } from "../helpers/wait.js";

/**
 * serve in PostgreSQL mode: the service hands runs to graphile-worker, and serve's own worker runs them,
 * so a single serve syncs on its own. With no worker (`--no-worker`) the job waits in the queue until one
 * starts: nothing is lost.
 */

const ADELE = { A: "adele@contoso.test", B: "adele@fabrikam.test" };
const { skipReason } = postgresContext();

describe.skipIf(skipReason !== undefined)(
  `the service with graphile-worker (PostgreSQL)${skipReason ? ` skipped: ${skipReason}` : ""}`,
  () => {
    let emulator: RunningEmulator;
    let database: TestDatabase;
    let db: Store;
    let profileId: string;
    const box = new SecretBox(randomBytes(32));
    const errors: string[] = [];
    const log: ServiceLog = {
      info() {},
      warn: (_detail, message) => errors.push(message),
      error: (_detail, message) => errors.push(message),
    };
    const open = (worker: boolean) =>
      openServeQueue({ connectionString: database.url, db, secrets: box, log, worker, leaseMs: 10_000 });
    const copiesIn = async (upn: string) =>
      (await person(emulator, upn).list()).filter((event) =>
        JSON.stringify(event.singleValueExtendedProperties ?? []).includes("crosscal.source"),
      );

    beforeAll(async () => {
      emulator = await startTestEmulator();
      const tenants = await seedServiceTenants(emulator, { people: ["adele"] });
      database = await createTestDatabase();
      db = openDatabase(database.url);
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
      profileId = profile.id;
    });
    afterAll(async () => {
      if (db) await closeDatabase(db);
      await database?.drop();
      await emulator?.close();
    });

    it("keeps a requested run in the queue while no worker runs, and runs it once one starts", async () => {
      await person(emulator, ADELE.A).create(meeting("Queued review", 2));
      const serveOnly = await open(false);
      const service = new CrosscalService({
        db,
        secrets: box,
        log,
        external: serveOnly.runs,
        debounceMs: 10,
      });
      await service.requestRuns([profileId], "start");
      await service.idle();
      await serveOnly.start(); // --no-worker: starts nothing
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await listRuns(db, { profileId })).toEqual([]);
      await service.stop();
      await serveOnly.stop();

      let withWorker: ServeQueue | undefined;
      try {
        withWorker = await open(true);
        await withWorker.start();
        await eventually("the queued run", async () => (await copiesIn(ADELE.B)).length === 1, 15_000);
      } finally {
        await withWorker?.stop();
      }
      expect((await listRuns(db, { profileId })).map((run) => [run.trigger, run.outcome])).toEqual([
        ["start", "ok"],
      ]);
    });

    it("syncs with serve's own worker: a request becomes a job and the job a run", async () => {
      const queue = await open(true);
      const service = new CrosscalService({ db, secrets: box, log, external: queue.runs, debounceMs: 10 });
      try {
        await queue.start();
        await person(emulator, ADELE.B).create(meeting("Worker planning", 3));
        await service.requestRuns([profileId], "notification", ["B"]);
        await eventually(
          "the copy of the new meeting",
          async () => (await copiesIn(ADELE.A)).some((copy) => copy.subject === "Worker planning"),
          15_000,
        );
      } finally {
        await service.stop();
        await queue.stop();
      }
      expect(errors).toEqual([]);
    });
  },
);
