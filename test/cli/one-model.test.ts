import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CrosscalService } from "../../src/jobs/service.js";
import { loadSecretBox } from "../../src/secrets/key.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { listProfiles } from "../../src/store/profiles.js";
import { listRuns, type Run } from "../../src/store/runs.js";
import { meeting, person } from "../engine/fixture.js";
import { createTestDatabase, postgresContext, type TestDatabase } from "../helpers/postgres.js";
import { eventually } from "../helpers/wait.js";
import { type CliFixture, startCliFixture } from "./fixture.js";

const { skipReason } = postgresContext();
const A = "adele@contoso.test";
const B = "adele@fabrikam.test";

/**
 * The command line and the service keep one set of records: a profile merged by one is a profile the
 * other plans nothing for, whichever came first, on both databases.
 */
for (const dialect of ["sqlite", "postgres"] as const) {
  describe.skipIf(dialect === "postgres" && skipReason !== undefined)(
    `the CLI and the service on one store [${dialect}]`,
    () => {
      let f: CliFixture;
      let database: TestDatabase | undefined;
      let target: string;
      let data: string;
      let db: Store | undefined;
      let service: CrosscalService | undefined;

      beforeEach(async () => {
        f = await startCliFixture();
        data = path.join(f.dir, "data");
        database = dialect === "postgres" ? await createTestDatabase() : undefined;
        target = database?.url ?? path.join(data, "crosscal.db");
        await person(f.emulator, A).create(meeting("Budget review", 2));
        await person(f.emulator, B).create(meeting("Dentist", 3));
      });
      afterEach(async () => {
        await service?.stop();
        if (db) await closeDatabase(db);
        service = undefined;
        db = undefined;
        await database?.drop();
        await f.close();
      });

      const cli = (command: string, ...more: string[]) =>
        f.cli(command, "--config", f.configFile, "--data", data, "--database", target, ...more);
      const copies = async (upn: string) =>
        (await person(f.emulator, upn).list())
          .filter((event) => JSON.stringify(event).includes("crosscal.source"))
          .map((event) => event.subject)
          .sort();

      /** The service in this process, on the store and key the CLI uses. */
      async function startService(): Promise<{ service: CrosscalService; db: Store }> {
        db = openDatabase(target);
        await migrate(db);
        const secrets = (await loadSecretBox({ dataDir: data })).box;
        service = new CrosscalService({
          db,
          secrets,
          log: { info() {}, warn() {}, error: (detail, message) => console.error(message, detail) },
          debounceMs: 50,
          clientOptions: { sleep: async () => {} },
        });
        return { service, db };
      }

      const finishedRuns = async (store: Store, profileId: string): Promise<Run[]> =>
        (await listRuns(store, { profileId, limit: 20 })).filter((run) => run.outcome !== null);

      it("the service merges first; then preview and sync --once with the same config plan and write nothing", async () => {
        expect((await f.cli("apply", "-f", f.configFile, "--data", data, "--database", target)).code).toBe(0);
        const { service, db } = await startService();
        const [profile] = await listProfiles(db);
        const [started] = await service.hooks.actions.apply("start", [profile!.id], {
          actor: "test",
          mode: "merge",
        });
        expect(started).toMatchObject({ ok: true, status: "active" });
        await eventually("the merge run", async () => (await finishedRuns(db, profile!.id)).length === 1);
        expect(await copies(A)).toEqual(["Dentist"]);
        expect(await copies(B)).toEqual(["Budget review"]);

        const preview = await cli("preview");
        expect(preview.code, preview.stderr).toBe(0);
        expect(preview.stderr).toContain("preview: 1 profile, 0 planned changes");
        const sync = await cli("sync", "--once");
        expect(sync.code, sync.stderr).toBe(0);
        expect(sync.stderr).toMatch(/ok in [\d.]+ s, nothing to do/);
        expect(sync.stderr).not.toMatch(/created$|updated \(|started/m);
        expect(await copies(A)).toEqual(["Dentist"]);
        expect(await copies(B)).toEqual(["Budget review"]);
        // One profile, whichever way it came: the CLI's run is the same profile's second run.
        expect(await listProfiles(db)).toHaveLength(1);
        expect(await finishedRuns(db, profile!.id)).toHaveLength(2);
      });

      it("the CLI syncs first; then the service's run of the same profile writes nothing", async () => {
        const sync = await cli("sync", "--once");
        expect(sync.code, sync.stderr).toBe(0);
        expect(sync.stderr).toMatch(/ok in [\d.]+ s: created 2/);
        const { service, db } = await startService();
        const [profile] = await listProfiles(db);
        expect(profile).toMatchObject({ status: "active", source: "config" });
        const cursors = () =>
          db.selectFrom("cursors").select(["side", "settingsHash"]).orderBy("side").execute();
        const before = await cursors();

        await service.requestRuns([profile!.id], "reconcile");
        await eventually("the service's run", async () => (await finishedRuns(db, profile!.id)).length === 2);
        const [latest] = await finishedRuns(db, profile!.id);
        expect(latest).toMatchObject({
          outcome: "ok",
          counts: { created: 0, updated: 0, deleted: 0, linked: 0, tombstoned: 0 },
        });
        expect(await copies(A)).toEqual(["Dentist"]);
        expect(await copies(B)).toEqual(["Budget review"]);
        // The same settings fingerprint: the service's run read the changes since the CLI's, no full listing.
        expect(await cursors()).toEqual(before);
        const status = JSON.parse((await cli("status", "--json")).stdout);
        expect(status).toMatchObject([
          { sync: "contoso-fabrikam", profile: "Adele Vance", status: "active" },
        ]);
      });
    },
  );
}
