import { createInterface } from "node:readline/promises";
import type { Config, Sync } from "../../config/types.js";
import { cleanupProfile, ProfileBusyError } from "../../engine/cleanup-profile.js";
import { ConnectionPool } from "../../engine/from-config.js";
import { configuredProfiles } from "../../profiles/reconcile-profiles.js";
import type { Store } from "../../store/database.js";
import { listProfiles } from "../../store/profiles.js";
import {
  type CommonOptions,
  describeDatabase,
  openStore,
  profileLabel,
  readConfig,
  type Selection,
} from "../context.js";
import { adviceFor, badInput, describeError, EXIT, type ExitCode } from "../errors.js";

export interface CleanupOptions extends CommonOptions, Selection {
  yes?: boolean;
}

/** A profile to clean up: from the config, or only in the database (removed from the config since). */
interface Target {
  id: string;
  name: string;
  sync: Sync;
  mailboxA: string;
  mailboxB: string;
  /** Whether the database has a row for it (a lease to take, state to forget). */
  stored: boolean;
}

/**
 * `crosscal cleanup`: removes every copy crosscal made for the chosen profiles from both mailboxes, found
 * by their tag (so it works without the database), then forgets the profiles' links, tombstones and
 * cursors and pauses them, so the next `sync` does not copy everything again.
 */
export async function cleanupCommand(
  options: CleanupOptions,
  log: (line: string) => void,
): Promise<ExitCode> {
  if (options.profile === undefined && options.sync === undefined) {
    throw badInput(
      "say what to clean up: --profile NAME or --sync NAME (or both, for one profile of one sync)",
    );
  }
  const config = await readConfig(options.config);
  const db = await openStore(options.db, false);
  try {
    const targets = await resolveTargets(config, db, options);
    if (!(await confirmed(options, targets, log))) {
      log("cleanup cancelled: nothing was removed");
      return EXIT.ok;
    }
    if (!db) log(`no database at ${describeDatabase(options.db)}: copies are found by their tag alone`);
    const pool = new ConnectionPool();
    let failed = 0;
    for (const target of targets) {
      if (!(await cleanOne(db, pool, target, log))) failed++;
    }
    return failed > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    await db?.destroy();
  }
}

async function resolveTargets(
  config: Config,
  db: Store | undefined,
  selection: Selection,
): Promise<Target[]> {
  const syncs = new Map(config.syncs.map((sync) => [sync.name, sync]));
  if (selection.sync !== undefined && !syncs.has(selection.sync)) {
    throw badInput(`no sync named "${selection.sync}" in ${config.file}: cleanup needs its connections`);
  }
  const targets: Target[] = configuredProfiles(config).map(({ id, sync, profile }) => ({
    id,
    name: profile.name,
    sync,
    mailboxA: profile.a,
    mailboxB: profile.b,
    stored: false,
  }));
  for (const stored of db ? await listProfiles(db) : []) {
    const sync = syncs.get(stored.sync);
    const configured = targets.find((t) => t.id === stored.id);
    if (configured) {
      configured.stored = true;
      continue;
    }
    if (!sync) {
      if (stored.name === selection.profile && selection.sync === undefined)
        throw badInput(
          `${profileLabel(stored.name, stored.sync)} is only in the database, and sync "${stored.sync}" is no longer in the config: add the sync back (its connections are needed to reach the mailboxes)`,
        );
      continue;
    }
    const { id, name, mailboxA, mailboxB } = stored;
    targets.push({ id, name, sync, mailboxA, mailboxB, stored: true });
  }
  const chosen = targets.filter(
    (t) =>
      (selection.sync === undefined || t.sync.name === selection.sync) &&
      (selection.profile === undefined || t.name === selection.profile),
  );
  if (selection.profile !== undefined && chosen.length === 0) {
    const scope = selection.sync === undefined ? "" : ` in sync "${selection.sync}"`;
    throw badInput(`no profile named "${selection.profile}"${scope}, in ${config.file} or the database`);
  }
  if (selection.profile !== undefined && new Set(chosen.map((t) => t.sync.name)).size > 1) {
    const names = [...new Set(chosen.map((t) => `"${t.sync.name}"`))].join(", ");
    throw badInput(`profile "${selection.profile}" is in several syncs (${names}): add --sync to say which`);
  }
  return chosen;
}

/** --yes, or a "y" typed at a terminal; without a terminal and without --yes, refuse (exit 2). */
async function confirmed(options: CleanupOptions, targets: Target[], log: (line: string) => void) {
  if (options.yes) return true;
  if (!process.stdin.isTTY) {
    throw badInput(
      "cleanup removes copies from people's calendars: confirm with --yes (no terminal to ask on)",
    );
  }
  for (const target of targets)
    log(`  ${profileLabel(target.name, target.sync.name)}: ${target.mailboxA} / ${target.mailboxB}`);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const count = `${targets.length} profile${targets.length === 1 ? "" : "s"}`;
    const answer = await prompt.question(
      `Remove every copy crosscal made for these ${count} from both mailboxes? [y/N] `,
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

/** Removes one profile's copies, then its sync state. Reports and returns false on failure. */
async function cleanOne(
  store: Store | undefined,
  pool: ConnectionPool,
  target: Target,
  log: (line: string) => void,
) {
  const db = target.stored ? store : undefined;
  const label = profileLabel(target.name, target.sync.name);
  try {
    const ports = pool.portsFor(target.sync, target);
    const removed = await cleanupProfile(db, ports, target, "sync --resume starts it again");
    log(
      `${label}: removed ${removed.A} cop${removed.A === 1 ? "y" : "ies"} from mailbox A (${target.mailboxA}) ` +
        `and ${removed.B} from mailbox B (${target.mailboxB})${db ? "; the profile is paused" : ""}`,
    );
    return true;
  } catch (error) {
    log(`${label}: failed: ${describeError(error)}`);
    if (error instanceof ProfileBusyError) return false;
    const advice = adviceFor(error, {
      A: { connection: target.sync.a.name, mailbox: target.mailboxA },
      B: { connection: target.sync.b.name, mailbox: target.mailboxB },
    });
    if (advice) log(`  what to do: ${advice}`);
    log("  nothing was forgotten in the database; run cleanup again to finish");
    return false;
  }
}
