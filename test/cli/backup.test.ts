import { existsSync } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Migrator } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase } from "../../src/store/database.js";
import { migrations } from "../../src/store/migrations/index.js";
import { meeting, person } from "../engine/fixture.js";
import { duplicated, mailboxContent } from "../helpers/copies.js";
import { type CliFixture, startCliFixture } from "./fixture.js";

const ADELE = { A: "adele@contoso.test", B: "adele@fabrikam.test" };
const TIMEOUT_MS = 120_000;

describe("crosscal backup and restore (SQLite)", () => {
  let f: CliFixture;
  let backupFile: string;
  beforeEach(async () => {
    f = await startCliFixture();
    backupFile = path.join(f.dir, "backups", "crosscal-backup.db");
  });
  afterEach(() => f.close());

  const backup = (...more: string[]) => f.cli("backup", "--db", f.dbFile, "--to", backupFile, ...more);
  const restore = (from: string, ...more: string[]) =>
    f.cli("restore", "--db", f.dbFile, "--from", from, ...more);

  it(
    "restoring an older backup duplicates nothing: the copies made since are found by their tag and kept",
    async () => {
      const first = [
        await person(f.emulator, ADELE.A).create(meeting("Budget review", 2)),
        await person(f.emulator, ADELE.B).create(meeting("Hiring panel", 3)),
      ];
      expect((await f.crosscal("sync")).code).toBe(0);

      const backedUp = await backup();
      expect(backedUp.code, backedUp.stderr).toBe(0);
      expect(backedUp.stdout.trim()).toBe(backupFile);
      expect(backedUp.stderr).toMatch(/backed up .* \(\d+\.\d MB, schema \d{3}_\w+\)/);
      expect(backedUp.stderr).toContain("the secret key is not in the backup");
      expect((await stat(backupFile)).mode & 0o777).toBe(0o600);
      // One self-contained file: nothing beside it.
      expect(existsSync(`${backupFile}-wal`)).toBe(false);

      // After the backup: more originals on both sides, and their copies.
      const later = [
        await person(f.emulator, ADELE.A).create(meeting("Offsite planning", 4)),
        await person(f.emulator, ADELE.A).create(meeting("Quarterly numbers", 5)),
        await person(f.emulator, ADELE.B).create(meeting("Vendor call", 6)),
      ];
      expect((await f.crosscal("sync")).stderr).toMatch(/created 3/);
      const copiesBefore = {
        A: (await mailboxContent(f.emulator, ADELE.A)).copyIds.sort(),
        B: (await mailboxContent(f.emulator, ADELE.B)).copyIds.sort(),
      };

      const restored = await restore(backupFile);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stderr).toContain(`the database it replaced is kept as ${f.dbFile}.before-restore`);
      expect(existsSync(`${f.dbFile}.before-restore`)).toBe(true);

      const again = await f.crosscal("sync");
      expect(again.code, again.stderr).toBe(0);
      // Nothing created: the three copies the restored store does not know are adopted by their tag.
      expect(again.stderr).toMatch(/created 0/);

      const sides = {
        A: await mailboxContent(f.emulator, ADELE.A),
        B: await mailboxContent(f.emulator, ADELE.B),
      };
      for (const side of ["A", "B"] as const) {
        expect(duplicated(sides[side].copies)).toEqual([]);
        expect(sides[side].copyIds.sort()).toEqual(copiesBefore[side]);
      }
      // Every original of each mailbox has exactly one copy in the other.
      const ids = (events: Record<string, unknown>[]) => events.map((event) => String(event.id)).sort();
      expect(sides.A.originals.sort()).toEqual(ids([first[0]!, later[0]!, later[1]!]));
      expect(sides.B.originals.sort()).toEqual(ids([first[1]!, later[2]!]));
      expect([...sides.B.copies.keys()].sort()).toEqual(sides.A.originals);
      expect([...sides.A.copies.keys()].sort()).toEqual(sides.B.originals);

      // And the store knows them again: one more sync has nothing to do.
      expect((await f.crosscal("sync")).stderr).toMatch(/nothing to do/);
    },
    TIMEOUT_MS,
  );

  it(
    "refuses to overwrite a backup, to restore over a database in use, and files that are no crosscal backup",
    async () => {
      expect((await f.crosscal("sync")).code).toBe(0);
      expect((await backup()).code).toBe(0);

      const again = await backup();
      expect(again.code).toBe(2);
      expect(again.stderr).toContain(`${backupFile} exists already: choose another file, or add --force`);
      expect((await backup("--force")).code).toBe(0);

      const inUse = openDatabase(f.dbFile);
      try {
        await inUse.selectFrom("profiles").selectAll().execute();
        const refused = await restore(backupFile);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain("is in use by another process");
        expect(refused.stderr).toContain("stop crosscal serve");
      } finally {
        await closeDatabase(inUse);
      }

      const notSqlite = path.join(f.dir, "notes.txt");
      await writeFile(notSqlite, "not a database at all, just some words\n".repeat(200));
      const wrong = await restore(notSqlite);
      expect(wrong.code).toBe(2);
      // The file the admin named, not the temporary copy it was checked in.
      expect(wrong.stderr).toContain(`${notSqlite} is not a crosscal database`);
      expect(wrong.stderr).not.toMatch(/\n\s+at /);

      const notADatabase = await f.cli("backup", "--db", notSqlite, "--to", path.join(f.dir, "of-notes.db"));
      expect(notADatabase.code).toBe(2);
      expect(notADatabase.stderr).toContain(
        `${notSqlite} is not a SQLite database: check --data or --database`,
      );

      const folder = await restore(f.dir);
      expect(folder.code).toBe(2);
      expect(folder.stderr).toContain(`${f.dir} is not a crosscal database (not a file)`);

      const missing = await restore(path.join(f.dir, "nowhere.db"));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("no backup at");
      expect(existsSync(`${f.dbFile}.before-restore`)).toBe(false);
    },
    TIMEOUT_MS,
  );

  it(
    "restores a backup of an older schema, which the next start migrates",
    async () => {
      const olderFile = path.join(f.dir, "crosscal-009.db");
      const older = openDatabase(olderFile);
      const migrator = new Migrator({
        db: older.withoutPlugins(),
        provider: { getMigrations: async () => migrations },
      });
      expect((await migrator.migrateTo("009_one_model")).error).toBeUndefined();
      await closeDatabase(older);

      const restored = await restore(olderFile);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stderr).toContain("schema 009_one_model");
      expect(restored.stderr).toMatch(
        /the backup lacks \d+ migrations of this crosscal: the next start applies them/,
      );

      const status = await f.cli("status", "--db", f.dbFile, "--json");
      expect(status.code, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout)).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it("with PostgreSQL prints the pg_dump and pg_restore commands, without the password, and exits 2", async () => {
    const url = "postgres://crosscal:s3cret@db.internal:5432/crosscal";
    const dump = await f.cli("backup", "--database", url, "--to", "/backups/crosscal.dump");
    expect(dump.code).toBe(2);
    expect(dump.stderr).toContain(
      "pg_dump --format=custom --file '/backups/crosscal.dump' 'postgres://crosscal@db.internal:5432/crosscal'",
    );
    const load = await f.cli("restore", "--database", url, "--from", "/backups/crosscal.dump");
    expect(load.code).toBe(2);
    expect(load.stderr).toContain("pg_restore --clean --if-exists --no-owner");
    expect(`${dump.stderr}${load.stderr}`).not.toContain("s3cret");
  });
});
