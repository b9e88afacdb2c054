import { existsSync } from "node:fs";
import path from "node:path";
import { recheckDueConnections } from "../../connections/connection-recheck.js";
import { type ConsentApp, ConsentAppConfigError, consentAppFromEnv } from "../../connections/consent-app.js";
import { openServeQueue } from "../../jobs/graphile.js";
import { DEFAULT_RETENTION } from "../../jobs/retention.js";
import { CrosscalService, type ExternalRuns, type ServiceLog } from "../../jobs/service.js";
import { DEFAULT_STOP_MS } from "../../jobs/stop-bound.js";
import { loadSecretBox, type SecretKeyOrigin } from "../../secrets/key.js";
import type { SecretBox } from "../../secrets/secret-box.js";
import { type App, buildApp } from "../../server/app.js";
import { issueSetupTokenIfNeeded, SETUP_TOKEN_LIFETIME_MS } from "../../server/auth/setup.js";
import { DEFAULT_DASHBOARD_DIR } from "../../server/plugins/dashboard.js";
import { createMetrics, runMetrics, type ServiceMetrics } from "../../server/plugins/metrics.js";
import { ensurePrivateFolder, looseModes } from "../../store/data-folder.js";
import type { Store } from "../../store/database.js";
import { closeDatabase } from "../../store/database.js";
import { describeDatabase, openStore } from "../context.js";
import { badInput, EXIT, type ExitCode } from "../errors.js";
import { stopOnSignals } from "../stop.js";
import { isPostgres } from "./worker.js";

export interface ServeOptions {
  port: number;
  host: string;
  data: string;
  /** A postgres:// URL or a SQLite file; `<data>/crosscal.db` when omitted. */
  database?: string;
  trustProxy?: boolean;
  /** The https origin Microsoft reaches this service at (webhooks); none: periodic reconcile only. */
  publicUrl?: string;
  /** Minutes between reconciles of every profile (default 15). */
  reconcileMinutes?: number;
  /** With PostgreSQL: false leaves every run to `crosscal worker` processes (`--no-worker`). */
  worker?: boolean;
  /** Connections made through the API may use custom endpoints at any public host (port 443). */
  allowCustomEndpoints?: boolean;
  /** `host[:port]` that custom endpoints may name whatever they resolve to (a proxy, the emulator). */
  allowEndpointHost?: string[];
  /** On SIGTERM, how long runs in flight may take before they are stopped between two actions (default 25). */
  stopTimeoutSeconds?: number;
  /** Runs and decisions older than this many days are deleted, each profile's last run excepted (default 90). */
  historyDays?: number;
  /** Audit log entries older than this many days are deleted (default 365). */
  auditDays?: number;
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
    `Open ${address}/ in a browser and paste it there, or:`,
    "",
    `  curl -X POST ${address}/api/setup -H 'content-type: application/json' \\`,
    `    -d '{"setupToken":"${token}","username":"admin","password":"<at least 12 characters>"}'`,
    "",
    "It works once; restart crosscal serve for a new one if it expires.",
    "",
  ].join("\n");
}

function dashboardLine(address: string): string {
  return existsSync(path.join(DEFAULT_DASHBOARD_DIR, "index.html"))
    ? `the dashboard is at ${address}/`
    : `the dashboard is not built (run npm run build): ${address}/ says so until it is`;
}

function keyOrigin(origin: SecretKeyOrigin): string {
  if (origin.kind === "env") return `the environment variable ${origin.variable}`;
  return `${origin.created ? "the new key file" : "the key file"} ${origin.file}`;
}

function webhookLine(options: ServeOptions): string {
  const minutes = options.reconcileMinutes ?? 15;
  return options.publicUrl
    ? `Microsoft Graph notifies ${options.publicUrl}/api/webhooks/graph; every profile is also reconciled every ${minutes} minutes`
    : `no --public-url: no change notifications, every profile is reconciled every ${minutes} minutes`;
}

const appLog = (app: () => App | undefined): ServiceLog => ({
  info: (detail, message) => app()?.log.info(detail, message),
  warn: (detail, message) => app()?.log.warn(detail, message),
  error: (detail, message) => app()?.log.error(detail, message),
});

/** The sync service behind the API: its logs go to the app's logger once there is one. */
function startService(
  db: Store,
  secrets: SecretBox,
  options: ServeOptions,
  metrics: ServiceMetrics,
  app: () => App | undefined,
  external?: ExternalRuns,
): CrosscalService {
  const log = appLog(app);
  return new CrosscalService({
    db,
    secrets,
    ...(options.publicUrl && { publicUrl: options.publicUrl }),
    ...(external && { external }),
    log,
    observer: runMetrics(metrics),
    clientOptions: { onEvent: (event) => event.type === "throttled" && metrics.throttled.inc() },
    reconcileMs: (options.reconcileMinutes ?? 15) * 60_000,
    retention: {
      historyDays: options.historyDays ?? DEFAULT_RETENTION.historyDays,
      auditDays: options.auditDays ?? DEFAULT_RETENTION.auditDays,
    },
    tasks: () => [
      {
        name: "connection rechecks",
        everyMs: 5_000,
        run: async () => {
          for (const outcome of await recheckDueConnections({ db, secrets }, new Date()))
            log.info(outcome, `connection ${outcome.name} re-checked: ${outcome.status}`);
        },
      },
    ],
  });
}

function stoppingLine(signal: string, stopMs: number): string {
  return `${signal}: stopping: no new run starts, runs in flight have ${stopMs / 1000} s to finish before they stop between two actions (a second signal stops at once)`;
}

function queueLine(options: ServeOptions): string {
  return options.worker === false
    ? "profile runs go to the PostgreSQL job queue; --no-worker: crosscal worker processes run them all"
    : "profile runs go to the PostgreSQL job queue; this process runs some, crosscal worker processes the rest";
}

/** The deployment's multi-tenant app for admin consent, from the environment; unusable values exit 2. */
function readConsentApp(): ConsentApp | undefined {
  try {
    return consentAppFromEnv(process.env);
  } catch (error) {
    if (error instanceof ConsentAppConfigError) throw badInput(error.message);
    throw error;
  }
}

/**
 * `crosscal serve`: opens (and migrates) the store, listens, and serves until SIGINT or SIGTERM, then
 * stops listening, finishes the requests in flight, starts no new run, gives the runs in flight
 * `--stop-timeout-seconds` before they stop between two actions, and closes the store. The first stdout line is the bound address
 * (scripts and tests read it; with --port 0 it names the port picked); logs are JSON lines on stderr.
 */
export async function serveCommand(
  options: ServeOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  await ensurePrivateFolder(options.data);
  // Before the store opens: a missing or unsafe key stops the service before anything is served.
  const secrets = await loadSecretBox({ dataDir: options.data });
  const consentApp = readConsentApp();
  const target = databaseTarget(options);
  // Before SQLite opens it: its -wal and -shm files, made then, would only repeat the database's warning.
  const database = isPostgres(target) ? undefined : target;
  for (const warning of await looseModes({ folder: options.data, database })) log(`warning: ${warning}`);
  const db = (await openStore(target, true))!;
  const stopMs = (options.stopTimeoutSeconds ?? DEFAULT_STOP_MS / 1000) * 1000;
  const stop = stopOnSignals((signal) => log(stoppingLine(signal, stopMs)));
  try {
    const metrics = createMetrics();
    let app: App | undefined;
    // PostgreSQL: runs become graphile-worker jobs, for this process's worker and any `crosscal worker`.
    const queue = isPostgres(target)
      ? await openServeQueue({
          connectionString: target,
          db,
          secrets: secrets.box,
          log: appLog(() => app),
          observer: runMetrics(metrics),
          worker: options.worker !== false,
          stopTimeoutMs: stopMs,
        })
      : undefined;
    const service = startService(db, secrets.box, options, metrics, () => app, queue?.runs);
    app = await buildApp({
      db,
      log: { level: "info", stream: process.stderr },
      trustProxy: options.trustProxy ?? false,
      secrets: secrets.box,
      ...(options.publicUrl && { publicUrl: options.publicUrl }),
      ...(consentApp && { consentApp }),
      service: service.hooks,
      metrics,
      endpointPolicy: {
        allowCustom: options.allowCustomEndpoints ?? false,
        allowedHosts: options.allowEndpointHost ?? [],
      },
    });
    try {
      // Issued before listening, so no request can meet a token from an earlier start.
      const token = await issueSetupTokenIfNeeded(db, new Date());
      const address = await app.listen({ port: options.port, host: options.host });
      out(address);
      log(`crosscal serving on ${address} with the database ${describeDatabase(target)}`);
      log(`connection secrets are sealed with key ${secrets.box.keyId} from ${keyOrigin(secrets.origin)}`);
      log(webhookLine(options));
      log(dashboardLine(address));
      if (token) out(setupMessage(token, address));
      if (queue) log(queueLine(options));
      service.start();
      await queue?.start();
      if (!stop.signal.aborted)
        await new Promise((resolve) => stop.signal.addEventListener("abort", resolve));
    } finally {
      // The listener closes at once (requests in flight finish, new ones are refused) while the runs end.
      await Promise.all([app.close(), service.stop(stopMs).then(() => queue?.stop())]);
    }
  } finally {
    stop.dispose();
    await closeDatabase(db);
  }
  log("stopped");
  return EXIT.ok;
}
