import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, postgresContext } from "../helpers/postgres.js";

/**
 * Every command that creates the data folder or the SQLite database makes them private from their
 * creation (folder 0700, database and its -wal and -shm 0600), under the usual umask 022, which the
 * children inherit from this process; and one that finds them open to others says how to fix it.
 */

const run = promisify(execFile);
const running: ChildProcess[] = [];
let dir: string;
let umask: number;

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;
const modesOf = (files: string[]) => Promise.all(files.map(modeOf));
const args = (argv: string[]) => ["--import", "tsx", "src/cli/main.ts", ...argv];
const cleanEnv = (more: Record<string, string> = {}) => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...more };
  for (const name of ["CROSSCAL_SECRET_KEY", "CROSSCAL_CONFIG", "CROSSCAL_DB", "CROSSCAL_DATABASE"])
    delete env[name];
  return env;
};

/** Starts `crosscal <argv>` and resolves once it printed its first stdout line (serve's address). */
async function start(argv: string[], env = cleanEnv()) {
  const child = spawn(process.execPath, args(argv), { env, stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    exited.then((code) => reject(new Error(`crosscal ${argv[0]} exited with ${code}: ${stderr}`)));
  });
  const stop = () => {
    child.kill("SIGTERM");
    return exited;
  };
  return { first, stderr: () => stderr, stop };
}

const cli = (argv: string[]) => run(process.execPath, args(argv), { env: cleanEnv(), timeout: 60_000 });

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-data-"));
  umask = process.umask(0o022);
});
afterEach(async () => {
  process.umask(umask);
  for (const child of running.splice(0)) child.kill("SIGKILL");
  await rm(dir, { recursive: true, force: true });
});

const SERVE = ["serve", "--port", "0", "--host", "127.0.0.1"];

describe.skipIf(process.platform === "win32")("the data folder and the database", () => {
  it("serve creates a fresh --data folder 0700 and crosscal.db, -wal and -shm 0600", async () => {
    const data = path.join(dir, "srv", "data");
    const server = await start([...SERVE, "--data", data]);
    const db = path.join(data, "crosscal.db");
    expect(await modesOf([path.dirname(data), data])).toEqual([0o700, 0o700]);
    expect(await modesOf([db, `${db}-wal`, `${db}-shm`, path.join(data, "secret.key")])).toEqual([
      0o600, 0o600, 0o600, 0o600,
    ]);
    expect(server.stderr()).not.toContain("warning:");
    await server.stop();
  });

  it("serve leaves an existing folder and database as they are and warns once, naming the chmod", async () => {
    const data = path.join(dir, "data");
    const db = path.join(data, "crosscal.db");
    await mkdir(data);
    await chmod(data, 0o755);
    await writeFile(db, "");
    await chmod(db, 0o644);
    const server = await start([...SERVE, "--data", data]);
    expect(await modesOf([data, db])).toEqual([0o755, 0o644]);
    const warnings = server
      .stderr()
      .split("\n")
      .filter((line) => line.startsWith("warning:"));
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(`^warning: the data folder ${data} .*\\(mode 0755\\).*chmod 700 ${data}$`),
      ),
      expect.stringMatching(
        new RegExp(`^warning: the database file ${db} .*\\(mode 0644\\).*chmod 600 ${db}$`),
      ),
    ]);
    await server.stop();
  });

  it("apply creates a fresh --data folder 0700 and the database 0600", async () => {
    const data = path.join(dir, "new", "data");
    const file = path.join(dir, "crosscal.yaml");
    await writeFile(file, "version: 1\n");
    await cli(["apply", "-f", file, "--data", data]);
    expect(await modesOf([path.dirname(data), data])).toEqual([0o700, 0o700]);
    expect(await modesOf([path.join(data, "crosscal.db"), path.join(data, "secret.key")])).toEqual([
      0o600, 0o600,
    ]);
  });

  it("sync creates the folder of a new --db 0700 and the database 0600", async () => {
    const db = path.join(dir, "state", "crosscal.db");
    const file = path.join(dir, "crosscal.yaml");
    await writeFile(file, "version: 1\n");
    await cli(["sync", "--config", file, "--db", db]);
    expect(await modesOf([path.dirname(db), db])).toEqual([0o700, 0o600]);
  });
});

const { skipReason } = postgresContext();

describe.skipIf(process.platform === "win32" || skipReason !== undefined)(
  `crosscal worker${skipReason ? ` skipped: ${skipReason}` : ""}`,
  () => {
    it("warns once when the data folder holding the key is open to other users", async () => {
      const database = await createTestDatabase();
      try {
        const data = path.join(dir, "data");
        await cli(["apply", "-f", await emptyConfig(), "--data", data, "--database", database.url]);
        await chmod(data, 0o755);
        const worker = await start(["worker", "--database", database.url, "--data", data]);
        expect(worker.first).toContain("ready");
        await worker.stop();
        const warnings = worker
          .stderr()
          .split("\n")
          .filter((line) => line.includes('"level":40'));
        expect(warnings.map((line) => JSON.parse(line).msg)).toEqual([
          expect.stringMatching(new RegExp(`the data folder ${data} .*\\(mode 0755\\).*chmod 700 ${data}$`)),
        ]);
      } finally {
        await database.drop();
      }
    });
  },
);

async function emptyConfig(): Promise<string> {
  const file = path.join(dir, "crosscal.yaml");
  await writeFile(file, "version: 1\n");
  return file;
}
