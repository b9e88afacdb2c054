import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPrivateFileSync, ensurePrivateFolder, looseModes } from "../../src/store/data-folder.js";
import { closeDatabase, migrate, openDatabase } from "../../src/store/database.js";

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

describe.skipIf(process.platform === "win32")("the data folder and the database file", () => {
  let dir: string;
  let umask: number;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-data-folder-"));
    // The usual umask, stated: under it mkdir and open would make 0755 folders and 0644 files.
    umask = process.umask(0o022);
  });
  afterEach(async () => {
    process.umask(umask);
    await rm(dir, { recursive: true, force: true });
  });

  it("creates the folder and its missing parents with mode 0700", async () => {
    const data = path.join(dir, "srv", "crosscal", "data");
    await ensurePrivateFolder(data);
    expect(await Promise.all([data, path.dirname(data), path.join(dir, "srv")].map(modeOf))).toEqual([
      0o700, 0o700, 0o700,
    ]);
  });

  it("sets 0700 exactly even when the umask takes the owner's own bits away", async () => {
    process.umask(0o277);
    const data = path.join(dir, "data");
    await ensurePrivateFolder(data);
    expect(await modeOf(data)).toBe(0o700);
  });

  it("leaves an existing folder as its administrator made it, and says what would make it private", async () => {
    const data = path.join(dir, "data");
    await mkdir(data, { mode: 0o755 });
    await ensurePrivateFolder(data);
    expect(await modeOf(data)).toBe(0o755);
    expect(await looseModes({ folder: data })).toEqual([
      `the data folder ${data} (it holds the secret key and the SQLite database) is open to other users (mode 0755); make it private with: chmod 700 ${data}`,
    ]);
    await chmod(data, 0o700);
    expect(await looseModes({ folder: data })).toEqual([]);
  });

  it("creates a file 0600 once and never touches one that exists", async () => {
    const file = path.join(dir, "crosscal.db");
    expect(createPrivateFileSync(file)).toBe(true);
    expect(await modeOf(file)).toBe(0o600);
    await writeFile(file, "kept");
    await chmod(file, 0o640);
    expect(createPrivateFileSync(file)).toBe(false);
    expect([await modeOf(file), (await stat(file)).size]).toEqual([0o640, 4]);
  });

  it("opens a new SQLite database 0600, and SQLite gives its -wal and -shm files the same mode", async () => {
    const file = path.join(dir, "crosscal.db");
    const db = openDatabase(file);
    try {
      await migrate(db);
      expect(await Promise.all(["", "-wal", "-shm"].map((suffix) => modeOf(`${file}${suffix}`)))).toEqual([
        0o600, 0o600, 0o600,
      ]);
      expect(await looseModes({ folder: dir, database: file })).toEqual([]);
    } finally {
      await closeDatabase(db);
    }
  });

  it("leaves an existing database's mode alone and names each file open to others", async () => {
    const file = path.join(dir, "crosscal.db");
    await writeFile(file, "");
    await chmod(file, 0o644);
    const db = openDatabase(file);
    try {
      await migrate(db);
      expect(await modeOf(file)).toBe(0o644);
      expect(await looseModes({ database: file })).toEqual(
        ["", "-wal", "-shm"].map(
          (suffix) =>
            `the database file ${file}${suffix} (meeting details, password hashes, session tokens) is open to other users (mode 0644); make it private with: chmod 600 ${file}${suffix}`,
        ),
      );
    } finally {
      await closeDatabase(db);
    }
  });
});
