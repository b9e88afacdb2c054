import { randomUUID } from "node:crypto";
import { sealedColumns } from "../connections/credentials.js";
import { credentialContext } from "../connections/stored-connection.js";
import { type SecretBox, SecretBoxError } from "../secrets/secret-box.js";
import {
  type ConnectionChanges,
  type ConnectionRow,
  findConnectionByName,
  insertConnection,
  updateConnection,
} from "../store/connections.js";
import type { Store } from "../store/database.js";
import type { Instant } from "../store/timestamps.js";
import { type AppliedItem, type ApplyContext, ApplyError } from "./apply-types.js";
import { changedSinceApplied, connectionHash } from "./drift.js";
import type { Connection, Credential, StoredCredential } from "./types.js";

/**
 * A config file's connection into the store: created (its secret sealed for the new row), updated where
 * the file differs, or left as it is. Names the drift it would revert, and never moves a stored secret to
 * other hosts without being given the secret again.
 */
export async function applyConnection(
  db: Store,
  context: ApplyContext,
  connection: Connection,
  now: Instant,
): Promise<AppliedItem> {
  const { name } = connection;
  const row = await findConnectionByName(db, name);
  const columns = plainColumns(connection);
  if (!row) {
    const id = randomUUID();
    const content = { ...columns, ...sealedColumnsOf(context.secrets, id, connection) };
    await insertConnection(
      db,
      { id, name, probeMailbox: null, ...content, appliedHash: connectionHash(content) },
      now,
    );
    return { name, id, outcome: "created" };
  }
  const { changes, changed } = changesOf(context.secrets, row, connection, columns);
  const current = connectionHash(row);
  if (changed.length > 0 && changedSinceApplied(row.appliedHash, current)) {
    context.drift.push({ kind: "connection", name, fields: changed });
  }
  const appliedHash = connectionHash({ ...row, ...changes });
  if (changed.length === 0) {
    // The file agrees with the row (perhaps an API edit made them agree): it is the file's version now.
    if (row.appliedHash !== appliedHash) await updateConnection(db, row.id, { appliedHash }, now, quiet);
    return { name, id: row.id, outcome: "unchanged" };
  }
  await updateConnection(db, row.id, { ...changes, appliedHash }, now, { resetStatus: true });
  return { name, id: row.id, outcome: "updated", changed };
}

const quiet = { resetStatus: false };

function changesOf(
  secrets: SecretBox,
  row: ConnectionRow,
  connection: Connection,
  columns: ReturnType<typeof plainColumns>,
): { changes: ConnectionChanges; changed: string[] } {
  const changes: ConnectionChanges = {};
  for (const [key, value] of Object.entries(columns) as [keyof typeof columns, string | null][]) {
    if (row[key] !== value) Object.assign(changes, { [key]: value });
  }
  const changed = Object.keys(columns).filter((key) => key in changes);
  const credential = connection.credential;
  if (credential.kind === "stored") {
    if (movesHosts(row, columns)) throw credentialNeeded(connection.name, "its endpoints change");
  } else if (!sameCredential(secrets, row, credential)) {
    Object.assign(changes, sealedColumnsOf(secrets, row.id, connection));
    changed.push("credential");
  }
  return { changes, changed };
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

function sealedColumnsOf(secrets: SecretBox, id: string, connection: Connection) {
  const credential = connection.credential;
  if (credential.kind === "stored") throw credentialNeeded(connection.name, "it is new");
  if (credential.kind === "client-secret") {
    return sealedColumns(secrets, id, { kind: "secret", secret: credential.secret.reveal() });
  }
  return sealedColumns(secrets, id, {
    kind: "certificate",
    certificate: {
      certificatePem: credential.certificatePem,
      thumbprintSha256: credential.thumbprintSha256,
      privateKeyPkcs8: credential.privateKey.reveal(),
    },
  });
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
