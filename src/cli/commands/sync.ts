import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { Config } from "../../config/types.js";
import { ConnectionPool, syncSettings } from "../../engine/from-config.js";
import { type ConfiguredProfile, reconcileProfiles } from "../../profiles/reconcile-profiles.js";
import { type RunReport, runProfile } from "../../engine/run-profile.js";
import type { Store } from "../../store/database.js";
import { findProfileById, type Profile, updateProfileStatus } from "../../store/profiles.js";
import { type RunCounts, zeroCounts } from "../../store/runs.js";
import {
  type CommonOptions,
  openStore,
  profileLabel,
  readConfig,
  type Selection,
  selectProfiles,
  sidesOf,
} from "../context.js";
import { adviceFor, describeError, EXIT, type ExitCode } from "../errors.js";
import { addCounts, changedNothing, formatCounts, seconds } from "../format.js";
import { forEachLimited, stopOnSignals } from "../stop.js";

export interface SyncOptions extends CommonOptions, Selection {
  watch?: boolean;
  /** Seconds between rounds in watch mode. */
  interval: number;
  confirm?: boolean;
  resume?: boolean;
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
  config: Config;
  db: Store;
  pool: ConnectionPool;
  owner: string;
  log: (line: string) => void;
  /** Watch mode after the first round: profiles with nothing to do are not listed. */
  quiet: boolean;
}

/** `crosscal sync`: reconcile the config's profiles into the store, then run them once or periodically. */
export async function syncCommand(options: SyncOptions, log: (line: string) => void): Promise<ExitCode> {
  const config = await readConfig(options.config);
  const selected = selectProfiles(config, options);
  const db = (await openStore(options.db, true))!;
  const stop = stopOnSignals((signal) =>
    log(`${signal}: stopping after the runs in progress (send it again to stop at once)`),
  );
  try {
    await reportReconciliation(db, config, log);
    const ctx: SyncContext = {
      options,
      config,
      db,
      pool: new ConnectionPool(),
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

async function reportReconciliation(db: Store, config: Config, log: (line: string) => void) {
  const result = await reconcileProfiles(db, config, new Date());
  for (const profile of result.added) {
    log(
      `${profileLabel(profile.name, profile.sync)}: added (start mode ${profile.startMode.replace("_", "-")})`,
    );
  }
  for (const profile of result.notInConfig) {
    log(
      `${profileLabel(profile.name, profile.sync)}: in the database but no longer in the config: left alone, ` +
        `its copies stay (remove them with: crosscal cleanup --sync ${profile.sync} --profile "${profile.name}")`,
    );
  }
}

async function runRound(ctx: SyncContext, selected: ConfiguredProfile[], stop: AbortSignal): Promise<Round> {
  const round: Round = {
    outcomes: { ok: 0, failed: 0, needs_confirmation: 0, skipped: 0 },
    counts: zeroCounts(),
  };
  await forEachLimited(selected, ctx.options.concurrency, stop, async (configured, index) => {
    const prefix = `[${index + 1}/${selected.length}] ${profileLabel(configured.profile.name, configured.sync.name)}`;
    const say: Say = (line, ...notes) => {
      ctx.log(`${prefix}: ${line}`);
      for (const note of notes) ctx.log(`    ${note}`);
    };
    const outcome = await runOne(ctx, configured, say, round.counts);
    round.outcomes[outcome]++;
  });
  return round;
}

/** Runs one profile and prints its line; never throws (one profile failing does not stop the others). */
async function runOne(
  ctx: SyncContext,
  configured: ConfiguredProfile,
  say: Say,
  total: RunCounts,
): Promise<Outcome> {
  const started = Date.now();
  try {
    const profile = await runnableProfile(ctx, configured, say);
    if (!profile) return "skipped";
    const report = await runProfile({
      db: ctx.db,
      ports: ctx.pool.portsFor(configured.sync, profile),
      profile,
      settings: syncSettings(configured.sync),
      owner: ctx.owner,
      trigger: ctx.options.watch ? "schedule" : "manual",
      // --confirm releases only what the guards stopped before: it never waives them for a fresh run.
      confirmed: Boolean(ctx.options.confirm) && profile.status === "needs_confirmation",
    });
    addCounts(total, report.counts);
    return describeReport(ctx, configured, report, Date.now() - started, say);
  } catch (error) {
    const message = describeError(error).replace(`profile ${configured.profile.name}: `, "");
    const advice = adviceFor(error, sidesOf(configured));
    say(`failed: ${message}`, ...(advice ? [`what to do: ${advice}`] : []));
    return "failed";
  }
}

/** The profile's row as it is now, or undefined (and a line saying why) when it is not to run. */
async function runnableProfile(
  ctx: SyncContext,
  configured: ConfiguredProfile,
  say: Say,
): Promise<Profile | undefined> {
  const profile = await findProfileById(ctx.db, configured.id);
  if (!profile) throw new Error("the profile vanished from the database during the run");
  if (profile.status !== "paused" && profile.status !== "draft") return profile;
  if (!ctx.options.resume) {
    const why = profile.statusReason ? ` (${profile.statusReason})` : "";
    say(`${profile.status === "paused" ? "paused" : "not started"}${why}: skipped; --resume starts it again`);
    return undefined;
  }
  await updateProfileStatus(ctx.db, profile.id, "active", null, new Date());
  say("resumed");
  return { ...profile, status: "active", statusReason: null };
}

function describeReport(
  ctx: SyncContext,
  configured: ConfiguredProfile,
  report: RunReport,
  elapsedMs: number,
  say: Say,
): Outcome {
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
        `what to do: check both mailboxes; if this is intended, run: ${confirmCommand(ctx, configured)}`,
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

function confirmCommand(ctx: SyncContext, configured: ConfiguredProfile): string {
  const name = configured.profile.name.replace(/"/g, '\\"');
  return `crosscal sync --config ${ctx.options.config} --sync ${configured.sync.name} --profile "${name}" --confirm`;
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
