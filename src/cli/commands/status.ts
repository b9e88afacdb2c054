import { configuredProfiles } from "../../profiles/reconcile-profiles.js";
import type { Store } from "../../store/database.js";
import { listProfiles, type Profile } from "../../store/profiles.js";
import { listRuns, type Run } from "../../store/runs.js";
import { type CommonOptions, describeDatabase, openStore, readConfig } from "../context.js";
import { EXIT, type ExitCode } from "../errors.js";
import { cell, formatCounts, renderTable } from "../format.js";

export interface StatusOptions extends CommonOptions {
  json?: boolean;
}

export interface StatusRow {
  sync: string;
  profile: string;
  mailboxA: string;
  mailboxB: string;
  /** The store's status, "not started" before the first sync, with " (not in config)" when removed. */
  status: string;
  reason: string | null;
  lastRun: { startedAt: string; outcome: string; counts: Run["counts"]; error: string | null } | null;
}

/** `crosscal status`: every profile of the config and the database, with its state and its last run. */
export async function statusCommand(
  options: StatusOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  const config = await readConfig(options.config);
  const db = await openStore(options.db, false);
  if (!db) log(`no database at ${describeDatabase(options.db)} yet: no profile has been synced`);
  const stored = db ? await listProfiles(db) : [];
  const byId = new Map(stored.map((profile) => [profile.id, profile]));
  const rows: StatusRow[] = [];
  try {
    for (const configured of configuredProfiles(config)) {
      const profile = byId.get(configured.id);
      byId.delete(configured.id);
      const base = {
        sync: configured.sync.name,
        profile: configured.profile.name,
        mailboxA: configured.profile.a,
        mailboxB: configured.profile.b,
      };
      rows.push(
        profile && db
          ? await rowOf(db, profile, "")
          : { ...base, status: "not started", reason: null, lastRun: null },
      );
    }
    for (const profile of byId.values()) rows.push(await rowOf(db!, profile, " (not in config)"));
  } finally {
    await db?.destroy();
  }
  if (options.json) out(JSON.stringify(rows, null, 2));
  else out(renderTable(["SYNC", "PROFILE", "MAILBOXES (A / B)", "STATUS", "LAST RUN"], rows.map(cells)));
  return EXIT.ok;
}

async function rowOf(db: Store, profile: Profile, note: string): Promise<StatusRow> {
  const [run] = await listRuns(db, { profileId: profile.id, limit: 1 });
  return {
    sync: profile.sync,
    profile: profile.name,
    mailboxA: profile.mailboxA,
    mailboxB: profile.mailboxB,
    status: `${profile.status.replace("_", " ")}${note}`,
    // The engine names the profile in its reasons; the row already does.
    reason: profile.statusReason?.replace(`profile ${profile.name}: `, "") ?? null,
    lastRun: run
      ? { startedAt: run.startedAt, outcome: run.outcome ?? "running", counts: run.counts, error: run.error }
      : null,
  };
}

function cells(row: StatusRow): string[] {
  const status = row.reason ? `${row.status}: ${cell(row.reason, 60)}` : row.status;
  const run = row.lastRun
    ? `${row.lastRun.startedAt.replace("T", " ").slice(0, 19)}Z ${row.lastRun.outcome.replace("_", " ")}: ${formatCounts(row.lastRun.counts)}`
    : "never";
  return [row.sync, row.profile, `${row.mailboxA} / ${row.mailboxB}`, status, run];
}
