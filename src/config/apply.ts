import type { SecretBox } from "../secrets/secret-box.js";
import { recordAudit } from "../store/admin-audit.js";
import { type ConnectionRow, listConnections } from "../store/connections.js";
import { type Store, transaction } from "../store/database.js";
import { listProfiles, type Profile } from "../store/profiles.js";
import { listSyncs, type Sync } from "../store/syncs.js";
import type { Instant } from "../store/timestamps.js";
import { applyConnection } from "./apply-connections.js";
import { applyProfiles, applySync } from "./apply-syncs.js";
import {
  type AppliedItem,
  type AppliedProfile,
  type ApplyContext,
  type ApplyOutcome,
  DriftError,
} from "./apply-types.js";
import { type DriftItem, driftMessage } from "./drift.js";
import type { Config } from "./types.js";

/**
 * Brings a loaded config file into the service's store: its connections (secrets sealed), syncs and
 * profiles are created or updated, everything else is left alone and listed. One transaction: a file
 * applies completely or not at all. Applying the same file twice changes nothing the second time. A file
 * that would revert changes made through the API since it was last applied (drift) is refused, naming
 * them, unless `overwrite` says to take the file's version.
 */

export type { AppliedItem, AppliedProfile, ApplyOutcome } from "./apply-types.js";
export { ApplyError, DriftError } from "./apply-types.js";

export interface ApplyReport {
  dryRun: boolean;
  connections: AppliedItem[];
  syncs: AppliedItem[];
  profiles: AppliedProfile[];
  /** In the store but not in the file: left as they are. */
  notInFile: {
    connections: { id: string; name: string }[];
    syncs: { id: string; name: string }[];
    profiles: { id: string; sync: string; name: string; a: string; b: string }[];
  };
  /** Changes made in the service since the file was last applied, that the file reverts (or would). */
  drift: DriftItem[];
}

export interface ApplyOptions {
  /** Compute the report, then roll everything back. */
  dryRun?: boolean;
  /** Take the file's version over drift (changes made through the API since it was last applied). */
  overwrite?: boolean;
  /** Who applies it, for the audit log (an admin's name, or "cli"). */
  actor?: string;
  ip?: string;
}

/** The records of a config file as the store holds them after applying it (or would, on a dry run). */
export interface AppliedRecords {
  connections: ConnectionRow[];
  syncs: Sync[];
  profiles: Profile[];
}

class DryRun extends Error {
  constructor(readonly result: { report: ApplyReport; records: AppliedRecords }) {
    super("dry run");
  }
}

export async function applyConfig(
  db: Store,
  secrets: SecretBox,
  config: Config,
  now: Instant,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  return (await applyWithRecords(db, secrets, config, now, options)).report;
}

/**
 * The same, with the records as they stand after the apply. On a dry run they are what the store would
 * hold (nothing is written): `crosscal preview` plans against them.
 */
export async function applyWithRecords(
  db: Store,
  secrets: SecretBox,
  config: Config,
  now: Instant,
  options: ApplyOptions = {},
): Promise<{ report: ApplyReport; records: AppliedRecords }> {
  const dryRun = options.dryRun ?? false;
  try {
    return await transaction(db, async (trx) => {
      const report = await applyAll(trx, { secrets, drift: [] }, config, now, dryRun);
      const records = await recordsOf(trx, report);
      if (dryRun) throw new DryRun({ report, records });
      if (report.drift.length > 0 && !options.overwrite) {
        throw new DriftError(driftMessage(report.drift), report.drift);
      }
      if (changedAnything(report)) {
        const detail = {
          file: config.file,
          secretsReadFrom: secretSources(config),
          ...countsOf(report),
          ...(report.drift.length > 0 && { overwrote: report.drift }),
        };
        await recordAudit(
          trx,
          { action: "config_applied", actor: options.actor ?? null, ip: options.ip ?? null, detail },
          now,
        );
      }
      return { report, records };
    });
  } catch (error) {
    if (error instanceof DryRun) return error.result;
    throw error;
  }
}

async function applyAll(
  db: Store,
  context: ApplyContext,
  config: Config,
  now: Instant,
  dryRun: boolean,
): Promise<ApplyReport> {
  const connections: AppliedItem[] = [];
  for (const connection of config.connections) {
    connections.push(await applyConnection(db, context, connection, now));
  }
  const ids = new Map(connections.map((item) => [item.name, item.id]));
  const syncs: AppliedItem[] = [];
  const profiles: AppliedProfile[] = [];
  const profilesNotInFile: ApplyReport["notInFile"]["profiles"] = [];
  for (const sync of config.syncs) {
    const item = await applySync(db, context, sync, ids, now);
    syncs.push(item);
    const applied = await applyProfiles(db, sync, item.id, now);
    profiles.push(...applied.applied);
    profilesNotInFile.push(...applied.notInFile);
  }
  return {
    dryRun,
    connections,
    syncs,
    profiles,
    notInFile: {
      connections: await othersOf(listConnections(db), config.connections),
      syncs: await othersOf(listSyncs(db), config.syncs),
      profiles: profilesNotInFile,
    },
    drift: context.drift,
  };
}

async function recordsOf(db: Store, report: ApplyReport): Promise<AppliedRecords> {
  const wanted = (items: { id: string }[]) => new Set(items.map((item) => item.id));
  const [connectionIds, syncIds, profileIds] = [report.connections, report.syncs, report.profiles].map(
    wanted,
  );
  return {
    connections: (await listConnections(db)).filter((row) => connectionIds!.has(row.id)),
    syncs: (await listSyncs(db)).filter((row) => syncIds!.has(row.id)),
    profiles: (await listProfiles(db)).filter((row) => profileIds!.has(row.id)),
  };
}

async function othersOf(rows: Promise<{ id: string; name: string }[]>, inFile: { name: string }[]) {
  const names = new Set(inFile.map((item) => item.name));
  return (await rows).filter((row) => !names.has(row.name)).map(({ id, name }) => ({ id, name }));
}

const changedAnything = (report: ApplyReport) =>
  [...report.connections, ...report.syncs, ...report.profiles].some((item) => item.outcome !== "unchanged");

/** `{ connections: { created: 1, updated: 0, unchanged: 1 }, ... }` for the audit log and summaries. */
export function countsOf(
  report: ApplyReport,
): Record<"connections" | "syncs" | "profiles", Record<ApplyOutcome, number>> {
  const count = (items: { outcome: ApplyOutcome }[]) => ({
    created: items.filter((item) => item.outcome === "created").length,
    updated: items.filter((item) => item.outcome === "updated").length,
    unchanged: items.filter((item) => item.outcome === "unchanged").length,
  });
  return {
    connections: count(report.connections),
    syncs: count(report.syncs),
    profiles: count(report.profiles),
  };
}

/**
 * Which environment variables and files the apply read secrets from, for the audit log: an operator can
 * tell afterwards what a config made crosscal read (names and paths only).
 */
function secretSources(config: Config): string[] {
  return config.connections.flatMap(({ credential }) => {
    if (credential.kind === "client-secret") {
      const source = credential.source;
      if ("env" in source) return [`env:${source.env}`];
      if ("file" in source) return [`file:${source.file}`];
      return [];
    }
    if (credential.kind === "certificate") {
      const passphrase = credential.passphraseEnv ? [`env:${credential.passphraseEnv}`] : [];
      return [...new Set([credential.certificateFile, credential.privateKeyFile])]
        .map((file) => `file:${file}`)
        .concat(passphrase);
    }
    return [];
  });
}
