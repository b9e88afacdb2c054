import type { Config } from "../../config/types.js";
import type { Store } from "../../store/database.js";
import { listProfiles, type Profile } from "../../store/profiles.js";
import { listRuns, type Run } from "../../store/runs.js";
import { listSyncs } from "../../store/syncs.js";
import { describeDatabase, openStore, readConfig } from "../context.js";
import { EXIT, type ExitCode } from "../errors.js";
import { cell, formatCounts, renderTable } from "../format.js";
import { type StoreOptions, storeLocation } from "../service-store.js";

export interface StatusOptions extends StoreOptions {
  /** Only the syncs of this config file, with its profiles not in the database yet. */
  config?: string;
  json?: boolean;
}

export interface StatusRow {
  sync: string;
  profile: string;
  mailboxA: string;
  mailboxB: string;
  /** The store's status; "not applied yet" for a profile of the file the store does not hold. */
  status: string;
  reason: string | null;
  lastRun: { startedAt: string; outcome: string; counts: Run["counts"]; error: string | null } | null;
}

/**
 * `crosscal status`: every profile of the database (made by the service, `apply` or `sync` alike) with its
 * sync, status and last run; with a config file, only its syncs' profiles, and those it adds that the
 * database does not hold yet. Reads only.
 */
export async function statusCommand(
  options: StatusOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  const config = options.config === undefined ? undefined : await readConfig(options.config);
  const { target } = storeLocation(options);
  const db = await openStore(target, false);
  if (!db) log(`no database at ${describeDatabase(target)} yet: no profile has been synced`);
  let rows: StatusRow[] = [];
  try {
    rows = db ? await storedRows(db, config) : [];
    if (config) rows.push(...notApplied(config, rows));
  } finally {
    await db?.destroy();
  }
  if (options.json) out(JSON.stringify(rows, null, 2));
  else out(renderTable(["SYNC", "PROFILE", "MAILBOXES (A / B)", "STATUS", "LAST RUN"], rows.map(cells)));
  return EXIT.ok;
}

async function storedRows(db: Store, config: Config | undefined): Promise<StatusRow[]> {
  const syncNames = new Map((await listSyncs(db)).map((sync) => [sync.id, sync.name]));
  const inFile = config ? new Set(config.syncs.map((sync) => sync.name)) : undefined;
  const rows: StatusRow[] = [];
  for (const profile of await listProfiles(db)) {
    // A profile the command line stored before its sync had a row names the sync itself.
    const sync = syncNames.get(profile.sync) ?? profile.sync;
    if (inFile && !inFile.has(sync)) continue;
    rows.push(await rowOf(db, profile, sync));
  }
  return rows;
}

/** The file's profiles the database does not hold yet (`sync` or `apply` adds them). */
function notApplied(config: Config, stored: StatusRow[]): StatusRow[] {
  const key = (sync: string, a: string, b: string) => `${sync}\n${a.toLowerCase()}\n${b.toLowerCase()}`;
  const known = new Set(stored.map((row) => key(row.sync, row.mailboxA, row.mailboxB)));
  return config.syncs.flatMap((sync) =>
    sync.profiles
      .filter((profile) => !known.has(key(sync.name, profile.a, profile.b)))
      .map((profile) => ({
        sync: sync.name,
        profile: profile.name,
        mailboxA: profile.a,
        mailboxB: profile.b,
        status: "not applied yet",
        reason: null,
        lastRun: null,
      })),
  );
}

async function rowOf(db: Store, profile: Profile, sync: string): Promise<StatusRow> {
  const [run] = await listRuns(db, { profileId: profile.id, limit: 1 });
  return {
    sync,
    profile: profile.name,
    mailboxA: profile.mailboxA,
    mailboxB: profile.mailboxB,
    status: profile.status.replace("_", " "),
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
