import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { type AppliedRecords, ApplyError, applyWithRecords } from "../../config/apply.js";
import { StoredClients } from "../../connections/stored-clients.js";
import { inParallel } from "../../core/in-parallel.js";
import type { RunReport } from "../../engine/run-profile.js";
import { type NotRun, runStoredProfile } from "../../jobs/profile-runner.js";
import { listConnections } from "../../store/connections.js";
import type { Store } from "../../store/database.js";
import { findProfileById, listProfiles, updateProfileStatusFrom } from "../../store/profiles.js";
import { type RunCounts, zeroCounts } from "../../store/runs.js";
import { listSyncs } from "../../store/syncs.js";
import { readConfig } from "../context.js";
import { adviceFor, badInput, describeError, EXIT, type ExitCode } from "../errors.js";
import { addCounts, changedNothing, formatCounts, seconds } from "../format.js";
import {
  labelOf,
  profileLabel,
  type Records,
  type Selected,
  type Selection,
  selectProfiles,
  sidesOf,
} from "../selection.js";
import { openForWriting, type StoreOptions } from "../service-store.js";
import { stopOnSignals } from "../stop.js";
import { applyLines } from "./apply.js";

export interface SyncOptions extends StoreOptions, Selection {
  /** A config file to apply first (as `crosscal apply` does); without one, the store's profiles run. */
  config?: string;
  watch?: boolean;
  /** Seconds between rounds in watch mode. */
  interval: number;
  confirm?: boolean;
  resume?: boolean;
  /** Take the config file's version over changes made through the API since it was last applied. */
  overwrite?: boolean;
  concurrency: number;
}

/** Prints a profile's line, then indented notes under it. */
type Say = (line: string, ...notes: string[]) => void;

type Outcome = "ok" | "failed" | "needs_confirmation" | "skipped";

interface Round {
  outcomes: Record<Outcome, number>;
  counts: RunCounts;
}

interface SyncContext {
  options: SyncOptions;
  db: Store;
  clients: StoredClients;
  owner: string;
  log: (line: string) => void;
  /** Watch mode after the first round: profiles with nothing to do are not listed. */
  quiet: boolean;
}

/**
 * `crosscal sync`: the config file applied to the store (as `crosscal apply` does), then the chosen
 * profiles run once or periodically, exactly as the service runs them: the same records, Graph clients,
 * settings and runnable check. A profile the file adds is started; paused ones wait for --resume.
 */
export async function syncCommand(options: SyncOptions, log: (line: string) => void): Promise<ExitCode> {
  const config = options.config === undefined ? undefined : await readConfig(options.config);
  const opened = await openForWriting(options);
  const { db, secrets } = opened;
  const stop = stopOnSignals((signal) =>
    log(`${signal}: stopping after the runs in progress (send it again to stop at once)`),
  );
  try {
    const records = config ? await applyFile(db, secrets, config, options, log) : await storeRecords(db);
    const selected = selectProfiles(records, options, config?.file ?? "the database");
    const ctx: SyncContext = {
      options,
      db,
      clients: new StoredClients(db, secrets),
      owner: `cli-${randomUUID()}`,
      log,
      quiet: false,
    };
    if (options.watch) log(`watching: a round every ${options.interval} s; Ctrl-C or SIGTERM stops`);
    for (let number = 1; ; number++) {
      const round = await runRound(ctx, selected, stop.signal);
      summarize(round, selected.length, log, options.watch ? number : undefined);
      if (!options.watch) return exitCodeOf(round, selected.length);
      ctx.quiet = true;
      await delay(options.interval * 1000, undefined, { signal: stop.signal }).catch(() => undefined);
      if (stop.signal.aborted) {
        log("stopped");
        return EXIT.ok;
      }
    }
  } finally {
    stop.dispose();
    await db.destroy();
  }
}

/** `crosscal apply`, then the records it left: what changed is said in a line each. */
async function applyFile(
  db: Store,
  secrets: Parameters<typeof applyWithRecords>[1],
  config: Parameters<typeof applyWithRecords>[2],
  options: SyncOptions,
  log: (line: string) => void,
): Promise<AppliedRecords> {
  try {
    const { report, records } = await applyWithRecords(db, secrets, config, new Date(), {
      actor: "cli",
      overwrite: options.overwrite ?? false,
    });
    for (const line of applyLines(report, { changesOnly: true })) log(line);
    for (const left of report.notInFile.profiles) {
      log(
        `${profileLabel(left.name, left.sync)}: in the database but no longer in the config: left alone, ` +
          `its copies stay (remove them with: crosscal cleanup --sync ${left.sync} --profile "${left.name}")`,
      );
    }
    return records;
  } catch (error) {
    if (error instanceof ApplyError) throw badInput(`${error.message}; nothing was written or run`);
    throw error;
  }
}

async function storeRecords(db: Store): Promise<Records> {
  return {
    connections: await listConnections(db),
    syncs: await listSyncs(db),
    profiles: await listProfiles(db),
  };
}

async function runRound(ctx: SyncContext, selected: Selected[], stop: AbortSignal): Promise<Round> {
  const round: Round = {
    outcomes: { ok: 0, failed: 0, needs_confirmation: 0, skipped: 0 },
    counts: zeroCounts(),
  };
  await inParallel(
    selected,
    ctx.options.concurrency,
    async (item, index) => {
      const prefix = `[${index + 1}/${selected.length}] ${labelOf(item)}`;
      const say: Say = (line, ...notes) => {
        ctx.log(`${prefix}: ${line}`);
        for (const note of notes) ctx.log(`    ${note}`);
      };
      const outcome = await runOne(ctx, item, say, round.counts);
      round.outcomes[outcome]++;
    },
    { signal: stop },
  );
  return round;
}

/** Runs one profile and prints its line; never throws (one profile failing does not stop the others). */
async function runOne(ctx: SyncContext, item: Selected, say: Say, total: RunCounts): Promise<Outcome> {
  const started = Date.now();
  try {
    const status = await readyToRun(ctx, item, say);
    if (!status) return "skipped";
    const result = await runStoredProfile(
      { db: ctx.db, clients: ctx.clients, owner: ctx.owner },
      item.profile.id,
      {
        trigger: ctx.options.watch ? "schedule" : "manual",
        // --confirm releases only what the guards stopped before: it never waives them for a fresh run.
        confirmed: Boolean(ctx.options.confirm) && status === "needs_confirmation",
      },
    );
    if (isNotRun(result)) {
      say(`skipped: ${result.skipped}`);
      return "skipped";
    }
    addCounts(total, result.counts);
    return describeReport(ctx, item, result, Date.now() - started, say);
  } catch (error) {
    const message = describeError(error).replace(`profile ${item.profile.name}: `, "");
    const advice = adviceFor(error, sidesOf(item));
    say(`failed: ${message}`, ...(advice ? [`what to do: ${advice}`] : []));
    return "failed";
  }
}

const isNotRun = (result: RunReport | NotRun): result is NotRun => "skipped" in result;

/**
 * The profile's status once it may run, or undefined (and a line saying why) when it is not to run. A
 * draft (new in the file) is started with its start mode; a paused one only with --resume.
 */
async function readyToRun(ctx: SyncContext, item: Selected, say: Say): Promise<string | undefined> {
  const profile = await findProfileById(ctx.db, item.profile.id);
  if (!profile) throw new Error("the profile vanished from the database during the run");
  if (profile.status === "draft") {
    if (await updateProfileStatusFrom(ctx.db, profile.id, ["draft"], "active", null, new Date())) {
      say(`started (${profile.startMode === "merge" ? "merging existing meetings" : "only new meetings"})`);
    }
    return "active";
  }
  if (profile.status !== "paused") return profile.status;
  if (!ctx.options.resume) {
    const why = profile.statusReason ? ` (${profile.statusReason})` : "";
    say(`paused${why}: skipped; --resume starts it again`);
    return undefined;
  }
  await updateProfileStatusFrom(ctx.db, profile.id, ["paused"], "active", null, new Date());
  say("resumed");
  return "active";
}

function describeReport(ctx: SyncContext, item: Selected, report: RunReport, elapsedMs: number, say: Say) {
  const took = `in ${seconds(elapsedMs)}`;
  switch (report.outcome) {
    case "ok":
      if (changedNothing(report.counts)) {
        if (!ctx.quiet) say(`ok ${took}, nothing to do (${formatCounts(report.counts)})`);
      } else say(`ok ${took}: ${formatCounts(report.counts)}`);
      return "ok";
    case "needs_confirmation":
      say(
        `stopped, needs confirmation: ${report.reason ?? "the guards stopped the run"}`,
        `what to do: check both mailboxes; if this is intended, run: ${confirmCommand(ctx, item)}`,
      );
      return "needs_confirmation";
    case "skipped":
      say(`skipped: ${report.reason ?? "not run"}`);
      return "skipped";
    default:
      say(`failed ${took}: ${report.reason ?? "unknown failure"} (${formatCounts(report.counts)})`);
      return "failed";
  }
}

function confirmCommand(ctx: SyncContext, item: Selected): string {
  const name = item.profile.name.replace(/"/g, '\\"');
  const config = ctx.options.config ? ` --config ${ctx.options.config}` : "";
  return `crosscal sync${config} --sync ${item.sync.name} --profile "${name}" --confirm`;
}

function summarize(round: Round, total: number, log: (line: string) => void, number?: number) {
  const { ok, failed, needs_confirmation, skipped } = round.outcomes;
  const ran = ok + failed + needs_confirmation + skipped;
  const notRun = total - ran;
  const parts = [
    `${ok} ok`,
    `${failed} failed`,
    `${needs_confirmation} need confirmation`,
    `${skipped} skipped`,
    ...(notRun > 0 ? [`${notRun} not run (stopped)`] : []),
  ];
  const head = number === undefined ? "sync" : `round ${number}`;
  log(
    `${head}: ${total} profile${total === 1 ? "" : "s"}: ${parts.join(", ")}; ${formatCounts(round.counts)}`,
  );
}

/** 1 when a profile failed, waits for confirmation, or was not run because a signal stopped the command. */
function exitCodeOf(round: Round, total: number): ExitCode {
  const { ok, failed, needs_confirmation, skipped } = round.outcomes;
  const notRun = total - (ok + failed + needs_confirmation + skipped);
  return failed > 0 || needs_confirmation > 0 || notRun > 0 ? EXIT.failed : EXIT.ok;
}
