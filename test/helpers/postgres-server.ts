import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./wait.js";

/**
 * A private, throwaway PostgreSQL cluster for tests: initdb into a temp dir, listen on 127.0.0.1 at a free
 * port, trust authentication (nothing else can reach it), no fsync (the data dies with the run anyway).
 */

const run = promisify(execFile);

/** What the global setup hands to test files: a server to create databases on, or why there is none. */
export type PostgresContext =
  | { adminUrl: string; skipReason?: undefined }
  | { adminUrl?: undefined; skipReason: string };

declare module "vitest" {
  export interface ProvidedContext {
    postgres: PostgresContext;
  }
}

export interface PostgresCluster {
  adminUrl: string;
  stop(): Promise<void>;
}

/** The server binaries: $CROSSCAL_PG_BIN, else the newest /usr/lib/postgresql/N/bin (Debian's layout). */
export function findPostgresBin(): string | undefined {
  const hasInitdb = (dir: string) => existsSync(path.join(dir, "initdb"));
  const configured = process.env.CROSSCAL_PG_BIN;
  if (configured) return hasInitdb(configured) ? configured : undefined;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => hasInitdb(path.join(root, name, "bin")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && path.join(root, versions[0], "bin");
}

/**
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user, which owns the
 * temp dir. Anyone else runs it as themselves.
 */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch (error) {
    throw new Error("running as root, and there is no 'postgres' user to run the PostgreSQL server as", {
      cause: error,
    });
  }
}

export async function startPostgresCluster(bin: string): Promise<PostgresCluster> {
  const user = serverUser();
  const dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  const asServer = { ...user, cwd: dir, env: { ...process.env, LC_ALL: "C" } };
  const pgCtl = (...args: string[]) => run(path.join(bin, "pg_ctl"), ["-D", dataDir, ...args], asServer);
  try {
    await mkdir(dataDir, { mode: 0o700 });
    if (user) {
      await chown(dir, user.uid, user.gid);
      await chown(dataDir, user.uid, user.gid);
    }
    const initdb = path.join(bin, "initdb");
    await run(
      initdb,
      ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "-N"],
      asServer,
    );
    const port = await startServer(pgCtl, dir, logFile);
    return {
      adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: async () => {
        await pgCtl("stop", "-m", "immediate", "-w");
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-4000) : "(no server log)";
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not start a PostgreSQL test cluster with ${bin}\n${log}`, { cause: error });
  }
}

/** Starts on a free port; retries when another process grabbed the port between the probe and the start. */
async function startServer(
  pgCtl: (...args: string[]) => Promise<unknown>,
  socketDir: string,
  logFile: string,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = [
      `-p ${port}`,
      "-c listen_addresses=127.0.0.1",
      `-c unix_socket_directories=${socketDir}`,
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=300",
    ].join(" ");
    try {
      await pgCtl("start", "-w", "-t", "30", "-l", logFile, "-o", options);
      return port;
    } catch (error) {
      const log = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
      if (attempt >= 3 || !log.includes("could not bind")) throw error;
    }
  }
}
