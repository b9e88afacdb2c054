import { mkdir } from "node:fs/promises";
import path from "node:path";
import { loadSecretBox, type SecretKeyOrigin } from "../../secrets/key.js";
import { buildApp } from "../../server/app.js";
import { issueSetupTokenIfNeeded, SETUP_TOKEN_LIFETIME_MS } from "../../server/auth/setup.js";
import { closeDatabase } from "../../store/database.js";
import { describeDatabase, openStore } from "../context.js";
import { EXIT, type ExitCode } from "../errors.js";
import { stopOnSignals } from "../stop.js";

export interface ServeOptions {
  port: number;
  host: string;
  data: string;
  /** A postgres:// URL or a SQLite file; `<data>/crosscal.db` when omitted. */
  database?: string;
  trustProxy?: boolean;
}

/** The SQLite file under the data folder unless a database is named. */
export const databaseTarget = (options: Pick<ServeOptions, "data" | "database">) =>
  options.database ?? path.join(options.data, "crosscal.db");

function setupMessage(token: string, address: string): string {
  const minutes = SETUP_TOKEN_LIFETIME_MS / 60_000;
  return [
    "",
    `No administrator exists yet. Create one within the next ${minutes} minutes with this one-time setup token:`,
    "",
    `  ${token}`,
    "",
    `  curl -X POST ${address}/api/setup -H 'content-type: application/json' \\`,
    `    -d '{"setupToken":"${token}","username":"admin","password":"<at least 12 characters>"}'`,
    "",
    "It works once; restart crosscal serve for a new one if it expires.",
    "",
  ].join("\n");
}

function keyOrigin(origin: SecretKeyOrigin): string {
  if (origin.kind === "env") return `the environment variable ${origin.variable}`;
  return `${origin.created ? "the new key file" : "the key file"} ${origin.file}`;
}

/**
 * `crosscal serve`: opens (and migrates) the store, listens, and serves until SIGINT or SIGTERM, then
 * finishes the requests in flight and closes the store. The first stdout line is the bound address
 * (scripts and tests read it; with --port 0 it names the port picked); logs are JSON lines on stderr.
 */
export async function serveCommand(
  options: ServeOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  await mkdir(options.data, { recursive: true });
  // Before the store opens: a missing or unsafe key stops the service before anything is served.
  const secrets = await loadSecretBox({ dataDir: options.data });
  const target = databaseTarget(options);
  const db = (await openStore(target, true))!;
  const stop = stopOnSignals((signal) => log(`${signal}: stopping (a second signal stops at once)`));
  try {
    const app = await buildApp({
      db,
      log: { level: "info", stream: process.stderr },
      trustProxy: options.trustProxy ?? false,
      secrets: secrets.box,
    });
    try {
      // Issued before listening, so no request can meet a token from an earlier start.
      const token = await issueSetupTokenIfNeeded(db, new Date());
      const address = await app.listen({ port: options.port, host: options.host });
      out(address);
      log(`crosscal serving on ${address} with the database ${describeDatabase(target)}`);
      log(`connection secrets are sealed with key ${secrets.box.keyId} from ${keyOrigin(secrets.origin)}`);
      if (token) out(setupMessage(token, address));
      if (!stop.signal.aborted)
        await new Promise((resolve) => stop.signal.addEventListener("abort", resolve));
    } finally {
      await app.close();
    }
  } finally {
    stop.dispose();
    await closeDatabase(db);
  }
  log("stopped");
  return EXIT.ok;
}
