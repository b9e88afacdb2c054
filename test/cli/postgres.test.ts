import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { meeting, person } from "../engine/fixture.js";
import { createTestDatabase, postgresContext, type TestDatabase } from "../helpers/postgres.js";
import { type CliFixture, startCliFixture } from "./fixture.js";

const { skipReason } = postgresContext();

describe.skipIf(skipReason !== undefined)(
  `crosscal with a PostgreSQL database${skipReason ? ` skipped: ${skipReason}` : ""}`,
  () => {
    let f: CliFixture;
    let database: TestDatabase;
    beforeEach(async () => {
      f = await startCliFixture();
      database = await createTestDatabase();
    });
    afterEach(async () => {
      await database.drop();
      await f.close();
    });

    it("syncs with its state in PostgreSQL and shows it in status", async () => {
      await person(f.emulator, "adele@contoso.test").create(meeting("Budget review", 2));
      const sync = await f.cli("sync", "--config", f.configFile, "--data", f.dir, "--db", database.url);
      expect(sync.code).toBe(0);
      expect(sync.stderr).toMatch(/ok in [\d.]+ s: created 1/);
      const status = await f.cli(
        "status",
        "--config",
        f.configFile,
        "--data",
        f.dir,
        "--db",
        database.url,
        "--json",
      );
      expect(JSON.parse(status.stdout)).toMatchObject([
        { profile: "Adele Vance", status: "active", lastRun: { outcome: "ok", counts: { created: 1 } } },
      ]);
      const again = await f.cli("sync", "--config", f.configFile, "--data", f.dir, "--db", database.url);
      expect(again.stderr).toMatch(/nothing to do/);
    });
  },
);
