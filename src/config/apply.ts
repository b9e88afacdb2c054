import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { SyncSettings } from "../engine/settings.js";
import { credentialContext } from "../connections/stored-connection.js";
import { canonicalSettings, settingsOfConfigSync, storedStartMode } from "./sync-document.js";
import { type SecretBox, SecretBoxError } from "../secrets/secret-box.js";
import { recordAudit } from "../store/admin-audit.js";
import {
  type ConnectionChanges,
  type ConnectionRow,
  findConnectionByName,
  insertConnection,
  listConnections,
  updateConnection,
} from "../store/connections.js";
import { type Store, transaction } from "../store/database.js";
import { insertProfile, listProfiles, type Profile, updateProfileDetails } from "../store/profiles.js";
import { findSyncByName, insertSync, listSyncs, type Sync, updateSync } from "../store/syncs.js";
import type { Instant } from "../store/timestamps.js";
import type { Config, Sync as ConfigSync, Connection, Credential, StoredCredential } from "./types.js";

/**
 * Brings a loaded config file into the service's store: its connections (secrets sealed), syncs and
 * profiles are created or updated, everything else is left alone and listed. One transaction: a file
 * applies completely or not at all. Applying the same file twice changes nothing the second time.
 */

export type ApplyOutcome = "created" | "updated" | "unchanged";

export interface AppliedItem {
  name: string;
  id: string;
  outcome: ApplyOutcome;
  /** What an update changed (field names, never values). */
  changed?: string[];
}

export interface AppliedProfile {
  sync: string;
  name: string;
  a: string;
  b: string;
  id: string;
  outcome: ApplyOutcome;
}

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
}

/** The file cannot be applied to this store as it is; nothing was written. */
export class ApplyError extends Error {
  override readonly name = "ApplyError";
}

export interface ApplyOptions {
  /** Compute the report, then roll everything back. */
  dryRun?: boolean;
  /** Who applies it, for the audit log (an admin's name, or "cli"). */
  actor?: string;
  ip?: string;
}

class DryRun extends Error {
  constructor(readonly report: ApplyReport) {
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
  const dryRun = options.dryRun ?? false;
  try {
    return await transaction(db, async (trx) => {
      const connections = await applyConnections(trx, secrets, config.connections, now);
      const ids = new Map(connections.map((item) => [item.name, item.id]));
      const applied = await applySyncs(trx, config.syncs, ids, now);
      const report: ApplyReport = {
        dryRun,
        connections,
        syncs: applied.syncs,
        profiles: applied.profiles,
        notInFile: {
          connections: await othersOf(listConnections(trx), config.connections),
          syncs: await othersOf(listSyncs(trx), config.syncs),
          profiles: applied.notInFile,
        },
      };
      if (dryRun) throw new DryRun(report);
      if (changedAnything(report)) {
        const detail = { file: config.file, secretsReadFrom: secretSources(config), ...countsOf(report) };
        await recordAudit(
          trx,
          { action: "config_applied", actor: options.actor ?? null, ip: options.ip ?? null, detail },
          now,
        );
      }
      return report;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    throw error;
  }
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

// ---- connections -----------------------------------------------------------------------------------

async function applyConnections(
  db: Store,
  secrets: SecretBox,
  connections: Connection[],
  now: Instant,
): Promise<AppliedItem[]> {
  const items: AppliedItem[] = [];
  for (const connection of connections) items.push(await applyConnection(db, secrets, connection, now));
  return items;
}

async function applyConnection(
  db: Store,
  secrets: SecretBox,
  connection: Connection,
  now: Instant,
): Promise<AppliedItem> {
  const { name } = connection;
  const row = await findConnectionByName(db, name);
  const columns = plainColumns(connection);
  if (!row) {
    const id = randomUUID();
    const credential = sealedColumns(secrets, id, connection);
    await insertConnection(db, { id, name, probeMailbox: null, ...columns, ...credential }, now);
    return { name, id, outcome: "created" };
  }
  const changes: ConnectionChanges = {};
  for (const [key, value] of Object.entries(columns) as [keyof typeof columns, string | null][]) {
    if (row[key] !== value) Object.assign(changes, { [key]: value });
  }
  const changed = [...Object.keys(columns).filter((key) => key in changes)];
  const credential = connection.credential;
  if (credential.kind === "stored") {
    if (movesHosts(row, columns)) throw credentialNeeded(name, "its endpoints change");
  } else if (!sameCredential(secrets, row, credential)) {
    Object.assign(changes, sealedColumns(secrets, row.id, connection));
    changed.push("credential");
  }
  if (changed.length === 0) return { name, id: row.id, outcome: "unchanged" };
  await updateConnection(db, row.id, changes, now, { resetStatus: true });
  return { name, id: row.id, outcome: "updated", changed };
}

/** A stored credential only goes to the hosts it was given for (the cloud names them, or the endpoints). */
const movesHosts = (row: ConnectionRow, next: ReturnType<typeof plainColumns>) =>
  row.cloud !== next.cloud || row.authorityHost !== next.authorityHost || row.graphHost !== next.graphHost;

const credentialNeeded = (name: string, why: string) =>
  new ApplyError(
    `connection "${name}": ${why}, so give its client secret in the config (clientSecret: { value: ... }), or change it through /api/connections with its certificate`,
  );

function plainColumns(connection: Connection) {
  const custom = connection.cloud === "custom";
  return {
    tenant: connection.tenant,
    clientId: connection.clientId,
    cloud: connection.cloud,
    authorityHost: custom ? connection.endpoints.authority : null,
    graphHost: custom ? connection.endpoints.graph : null,
    graphScope: custom ? connection.endpoints.graphScope : null,
  };
}

function sealedColumns(secrets: SecretBox, id: string, connection: Connection) {
  const credential = connection.credential;
  const context = credentialContext(id);
  if (credential.kind === "stored") throw credentialNeeded(connection.name, "it is new");
  if (credential.kind === "client-secret") {
    return {
      credentialKind: "secret" as const,
      sealedCredential: secrets.seal(credential.secret.reveal(), context),
      certificatePem: null,
      certificateThumbprint: null,
    };
  }
  return {
    credentialKind: "certificate" as const,
    sealedCredential: secrets.seal(credential.privateKey.reveal(), context),
    certificatePem: credential.certificatePem,
    certificateThumbprint: credential.thumbprintSha256,
  };
}

/**
 * Whether the stored credential is the file's. A stored secret the key cannot open stops the apply:
 * sealing the file's secrets with a key the service does not use would lock the service out of them.
 */
function sameCredential(
  secrets: SecretBox,
  row: ConnectionRow,
  credential: Exclude<Credential, StoredCredential>,
): boolean {
  let stored: string;
  try {
    stored = secrets.open(row.sealedCredential, credentialContext(row.id));
  } catch (error) {
    if (error instanceof SecretBoxError) {
      throw new ApplyError(
        `connection "${row.name}": the stored secret cannot be opened (${error.message}); apply with the secret key the service uses (CROSSCAL_SECRET_KEY or <data>/secret.key)`,
        { cause: error },
      );
    }
    throw error;
  }
  if (credential.kind === "client-secret") {
    return row.credentialKind === "secret" && stored === credential.secret.reveal();
  }
  return (
    row.credentialKind === "certificate" &&
    row.certificateThumbprint === credential.thumbprintSha256 &&
    stored === credential.privateKey.reveal()
  );
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

// ---- syncs and their profiles ------------------------------------------------------------------------

async function applySyncs(db: Store, syncs: ConfigSync[], connectionIds: Map<string, string>, now: Instant) {
  const result = {
    syncs: [] as AppliedItem[],
    profiles: [] as AppliedProfile[],
    notInFile: [] as ApplyReport["notInFile"]["profiles"],
  };
  for (const sync of syncs) {
    const item = await applySync(db, sync, connectionIds, now);
    result.syncs.push(item);
    const profiles = await applyProfiles(db, sync, item.id, now);
    result.profiles.push(...profiles.applied);
    result.notInFile.push(...profiles.notInFile);
  }
  return result;
}

async function applySync(
  db: Store,
  sync: ConfigSync,
  connectionIds: Map<string, string>,
  now: Instant,
): Promise<AppliedItem> {
  const desired = {
    connectionA: connectionIds.get(sync.a.name)!,
    connectionB: connectionIds.get(sync.b.name)!,
    startMode: storedStartMode(sync.startMode),
    settings: settingsOfConfigSync(sync),
  };
  const row = await findSyncByName(db, sync.name);
  if (!row) {
    const id = randomUUID();
    await insertSync(
      db,
      { id, name: sync.name, ...desired, settings: JSON.stringify(desired.settings) },
      now,
    );
    return { name: sync.name, id, outcome: "created" };
  }
  const changed = changedSyncFields(row, desired);
  if (changed.length === 0) return { name: sync.name, id: row.id, outcome: "unchanged" };
  if (changed.includes("connections")) await refuseMovingProfiles(db, row);
  const { settings, ...columns } = desired;
  await updateSync(db, row.id, { ...columns, settings: JSON.stringify(settings) }, now);
  return { name: sync.name, id: row.id, outcome: "updated", changed };
}

function changedSyncFields(
  row: Sync,
  desired: { connectionA: string; connectionB: string; startMode: string; settings: SyncSettings },
): string[] {
  const changed: string[] = [];
  if (row.connectionA !== desired.connectionA || row.connectionB !== desired.connectionB) {
    changed.push("connections");
  }
  if (row.startMode !== desired.startMode) changed.push("startMode");
  const stored = canonicalSettings(JSON.parse(row.settings) as SyncSettings);
  if (!isDeepStrictEqual(stored, desired.settings)) changed.push("settings");
  return changed;
}

/** Copies were made through the sync's connections: moving it would orphan them (as the API refuses). */
async function refuseMovingProfiles(db: Store, row: Sync): Promise<void> {
  const profiles = await listProfiles(db, { sync: row.id });
  if (profiles.length > 0) {
    throw new ApplyError(
      `sync "${row.name}": its connections cannot change while it has ${profiles.length} profile(s) (copies were made through them); remove its profiles first, or give the sync another name`,
    );
  }
}

const mailboxKey = (a: string, b: string) => `${a.toLowerCase()}\n${b.toLowerCase()}`;

async function applyProfiles(db: Store, sync: ConfigSync, syncId: string, now: Instant) {
  const existing = new Map<string, Profile>(
    (await listProfiles(db, { sync: syncId })).map((row) => [mailboxKey(row.mailboxA, row.mailboxB), row]),
  );
  const applied: AppliedProfile[] = [];
  for (const profile of sync.profiles) {
    const key = mailboxKey(profile.a, profile.b);
    const row = existing.get(key);
    existing.delete(key);
    const base = { sync: sync.name, name: profile.name, a: profile.a, b: profile.b };
    if (!row) {
      const created = await insertProfile(
        db,
        {
          sync: syncId,
          name: profile.name,
          mailboxA: profile.a,
          mailboxB: profile.b,
          startMode: storedStartMode(sync.startMode),
          status: "draft",
          source: "config",
        },
        now,
      );
      applied.push({ ...base, id: created.id, outcome: "created" });
    } else if (row.name !== profile.name) {
      await updateProfileDetails(db, row.id, { name: profile.name }, now);
      applied.push({ ...base, id: row.id, outcome: "updated" });
    } else {
      applied.push({ ...base, id: row.id, outcome: "unchanged" });
    }
  }
  const notInFile = [...existing.values()].map((row) => ({
    id: row.id,
    sync: sync.name,
    name: row.name,
    a: row.mailboxA,
    b: row.mailboxB,
  }));
  return { applied, notInFile };
}
