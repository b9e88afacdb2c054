import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { startWorker } from "../../jobs/graphile.js";
import type { RunObserver } from "../../jobs/profile-runner.js";
import { DEFAULT_SERVICE_LEASE_MS } from "../../jobs/profile-runner.js";
import type { ServiceLog } from "../../jobs/service.js";
import { DEFAULT_STOP_MS } from "../../jobs/stop-bound.js";
import { loadSecretBox, SECRET_KEY_ENV, SECRET_KEY_FILE } from "../../secrets/key.js";
import { LOG_REDACTION } from "../../secrets/redact.js";
import { looseModes } from "../../store/data-folder.js";
import { closeDatabase } from "../../store/database.js";
import { describeDatabase, openStore } from "../context.js";
import { badInput, CliError, describeError, EXIT, type ExitCode } from "../errors.js";
import { stopOnSignals } from "../stop.js";

export interface WorkerCommandOptions {
  /** The postgres:// URL `crosscal serve --database` uses. */
  database?: string;
  /** Where serve's secret.key lives, when CROSSCAL_SECRET_KEY is not set. */
  data: string;
  concurrency: number;
  /** How long a run holds its profile unless renewed (default 120): a tuning knob, see docs/service.md. */
  leaseSeconds?: number;
  /** On SIGTERM, how long runs in flight may take before they are stopped between two actions (default 25). */
  stopTimeoutSeconds?: number;
}

/** A postgres:// (or postgresql://) URL, which is what turns on the job queue. */
export const isPostgres = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/**
 * JSON lines on `write` (stderr), as serve's: pino with the same redaction of secrets, so no token, secret
 * or clientState reaches the log whatever a message carries; errors as one readable line.
 */
export function jsonLog(write: (line: string) => void, base: object = {}): ServiceLog {
  const logger = pino(
    { base, redact: LOG_REDACTION, timestamp: pino.stdTimeFunctions.isoTime },
    { write: (line: string) => write(line.trimEnd()) },
  );
  const line = (level: "info" | "warn" | "error") => (detail: object, message: string) => {
    const { err, ...rest } = detail as { err?: unknown };
    logger[level]({ ...rest, ...(err === undefined ? {} : { err: describeError(err) }) }, message);
  };
  return { info: line("info"), warn: line("warn"), error: line("error") };
}

/** One log line per run: which worker ran what, and how it ended. */
function runLog(log: ServiceLog): RunObserver {
  return {
    finished(report, request) {
      const { runId, outcome, counts, reason } = report;
      const detail = { runId, outcome, trigger: request.trigger, counts, ...(reason && { reason }) };
      if (outcome === "failed") log.warn(detail, "run finished");
      else log.info(detail, "run finished");
    },
    threw(error, profileId) {
      log.error({ err: error, profileId }, "run failed");
    },
  };
}

/**
 * Workers must open the connection secrets serve sealed, so they use serve's key: the variable, or the key
 * file in --data. Unlike serve, a worker never creates a key (a new key would open nothing).
 */
function requireSharedKey(data: string): void {
  const file = path.resolve(data, SECRET_KEY_FILE);
  if (process.env[SECRET_KEY_ENV] !== undefined || existsSync(file)) return;
  throw badInput(
    `no secret key: set ${SECRET_KEY_ENV} to the key crosscal serve uses, or point --data at a folder holding serve's ${SECRET_KEY_FILE} (${file} does not exist)`,
  );
}

const workerId = () => `worker-${hostname()}-${process.pid}-${randomBytes(2).toString("hex")}`;

/**
 * `crosscal worker`: takes profile runs from graphile-worker's queue in the PostgreSQL database until
 * SIGINT or SIGTERM, then lets the runs in progress finish within `--stop-timeout-seconds` (stopping the
 * rest between two actions, their jobs queued again) and exits 0. The one stdout line says it is
 * ready and names the worker; logs are JSON lines on stderr.
 */
export async function workerCommand(
  options: WorkerCommandOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  const target = options.database;
  if (!target || !isPostgres(target))
    throw badInput(
      `crosscal worker needs the PostgreSQL database crosscal serve uses (--database postgres://... or CROSSCAL_DATABASE)${target ? `, not ${describeDatabase(target)}` : ""}; with SQLite, crosscal serve runs every profile itself`,
    );
  requireSharedKey(options.data);
  const secrets = await loadSecretBox({ dataDir: options.data });
  const db = (await openStore(target, true))!;
  const id = workerId();
  const logger = jsonLog(log, { worker: id });
  // The folder holds serve's key: the worker only reads it, and says so when others may too.
  for (const warning of await looseModes({ folder: options.data })) logger.warn({}, warning);
  const stopMs = (options.stopTimeoutSeconds ?? DEFAULT_STOP_MS / 1000) * 1000;
  const stop = stopOnSignals((signal) =>
    logger.info(
      { signal, stopTimeoutSeconds: stopMs / 1000 },
      "stopping: no new run starts, the runs in progress may finish within the stop timeout, then stop between two actions",
    ),
  );
  try {
    const worker = await startWorker({
      connectionString: target,
      db,
      secrets: secrets.box,
      concurrency: options.concurrency,
      leaseMs: (options.leaseSeconds ?? DEFAULT_SERVICE_LEASE_MS / 1000) * 1000,
      owner: id,
      stopTimeoutMs: stopMs,
      observer: runLog(logger),
      log: logger,
    });
    out(
      `crosscal worker ${id} ready: ${options.concurrency} runs at a time from ${describeDatabase(target)}`,
    );
    const signalled = new Promise<"signal">((resolve) => {
      if (stop.signal.aborted) resolve("signal");
      stop.signal.addEventListener("abort", () => resolve("signal"));
    });
    const ended = await Promise.race([signalled, worker.done.then(() => "ended" as const)]);
    if (ended === "ended") throw new CliError("graphile-worker stopped on its own; see the log above");
    await worker.stop();
  } finally {
    stop.dispose();
    await closeDatabase(db);
  }
  logger.info({}, "stopped");
  return EXIT.ok;
}
