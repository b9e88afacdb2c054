import { createInterface } from "node:readline/promises";
import { applyWithRecords } from "../../config/apply.js";
import type { Config } from "../../config/types.js";
import { StoredClients } from "../../connections/stored-clients.js";
import { cleanupProfile, ProfileBusyError } from "../../engine/cleanup-profile.js";
import { GraphCalendar } from "../../graph/calendar.js";
import type { SecretBox } from "../../secrets/secret-box.js";
import { listConnections } from "../../store/connections.js";
import type { Store } from "../../store/database.js";
import { findProfileById, listProfiles, type Profile } from "../../store/profiles.js";
import { listSyncs } from "../../store/syncs.js";
import { describeDatabase, readConfig } from "../context.js";
import { adviceFor, badInput, describeError, EXIT, type ExitCode } from "../errors.js";
import {
  labelOf,
  type Records,
  type Selected,
  type Selection,
  selectProfiles,
  sidesOf,
} from "../selection.js";
import { openForDryRun, type StoreOptions } from "../service-store.js";

export interface CleanupOptions extends StoreOptions, Selection {
  /** A config file naming the syncs and connections, for when the database lacks them (or is lost). */
  config?: string;
  yes?: boolean;
}

/**
 * `crosscal cleanup`: removes every copy crosscal made for the chosen profiles from both mailboxes, found
 * by their tag (so it works without the database, given the config file), then forgets the profiles'
 * links, tombstones and cursors and pauses them, so the next `sync` does not copy everything again.
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
  const config = options.config === undefined ? undefined : await readConfig(options.config);
  const { db, secrets, target, scratch } = await openForDryRun(options);
  try {
    if (scratch && !config)
      throw badInput(
        `no database at ${describeDatabase(target)}: give the config file (--config) to find the copies by their tag`,
      );
    const records = await recordsToClean(db, secrets, config);
    const targets = selectProfiles(
      records,
      options,
      config ? `${config.file} or the database` : "the database",
    );
    if (!(await confirmed(options, targets, log))) {
      log("cleanup cancelled: nothing was removed");
      return EXIT.ok;
    }
    if (scratch) log(`no database at ${describeDatabase(target)}: copies are found by their tag alone`);
    const clients = new StoredClients(db, secrets);
    let failed = 0;
    for (const item of targets) {
      const stored = !scratch && (await findProfileById(db, item.profile.id)) !== undefined;
      if (!(await cleanOne(stored ? db : undefined, clients, item, log))) failed++;
    }
    return failed > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    await db.destroy();
  }
}

/**
 * The file's records (as a dry run of `apply` leaves them), with the store's other profiles of the same
 * syncs (taken out of the file since: their copies are still out there); or the store's own records.
 */
async function recordsToClean(db: Store, secrets: SecretBox, config: Config | undefined): Promise<Records> {
  const stored = await listProfiles(db);
  if (!config)
    return { connections: await listConnections(db), syncs: await listSyncs(db), profiles: stored };
  const { records } = await applyWithRecords(db, secrets, config, new Date(), { dryRun: true });
  const syncOf = new Map(
    records.syncs.flatMap((sync) => [[sync.id, sync.id] as const, [sync.name, sync.id] as const]),
  );
  const known = new Set(records.profiles.map((profile) => profile.id));
  const others = stored
    .filter((profile) => !known.has(profile.id) && syncOf.has(profile.sync))
    .map((profile): Profile => ({ ...profile, sync: syncOf.get(profile.sync)! }));
  return { ...records, profiles: [...records.profiles, ...others] };
}

/** --yes, or a "y" typed at a terminal; without a terminal and without --yes, refuse (exit 2). */
async function confirmed(options: CleanupOptions, targets: Selected[], log: (line: string) => void) {
  if (options.yes) return true;
  if (!process.stdin.isTTY) {
    throw badInput(
      "cleanup removes copies from people's calendars: confirm with --yes (no terminal to ask on)",
    );
  }
  for (const item of targets) log(`  ${labelOf(item)}: ${item.profile.mailboxA} / ${item.profile.mailboxB}`);
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
  db: Store | undefined,
  clients: StoredClients,
  item: Selected,
  log: (line: string) => void,
) {
  const { profile } = item;
  try {
    const ports = {
      A: new GraphCalendar({ requester: clients.clientOf(item.a), mailbox: profile.mailboxA }),
      B: new GraphCalendar({ requester: clients.clientOf(item.b), mailbox: profile.mailboxB }),
    };
    const removed = await cleanupProfile(db, ports, profile, "sync --resume starts it again");
    log(
      `${labelOf(item)}: removed ${removed.A} cop${removed.A === 1 ? "y" : "ies"} from mailbox A (${profile.mailboxA}) ` +
        `and ${removed.B} from mailbox B (${profile.mailboxB})${db ? "; the profile is paused" : ""}`,
    );
    return true;
  } catch (error) {
    log(`${labelOf(item)}: failed: ${describeError(error)}`);
    if (error instanceof ProfileBusyError) return false;
    const advice = adviceFor(error, sidesOf(item));
    if (advice) log(`  what to do: ${advice}`);
    log("  nothing was forgotten in the database; run cleanup again to finish");
    return false;
  }
}
