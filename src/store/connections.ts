import type { Generated, Selectable } from "kysely";
import { fixedQuery } from "./compiled.js";
import type { Store } from "./database.js";
import { insertUnique } from "./errors.js";
import type { Timestamp } from "./schema.js";
import { type Instant, toOptionalTimestamp, toTimestamp } from "./timestamps.js";

/**
 * Connections entered through the REST API (migration 006). The store never sees a secret in clear: the
 * credential arrives sealed (see src/secrets/secret-box.ts) and leaves sealed.
 */

export type CredentialKind = "secret" | "certificate";
export type ConnectionCloud = "global" | "usgov" | "usgov-dod" | "china" | "custom";
/** The outcome of the last live check; `unchecked` until the first one, and again after a change. */
export const CONNECTION_STATUSES = [
  "unchecked",
  "connected",
  "bad_credentials",
  "consent_missing",
  "permission_missing",
  "mailbox_out_of_scope",
  "mailbox_not_found",
  "tenant_not_found",
  "unreachable",
  "error",
] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export interface ConnectionsTable {
  id: string;
  name: string;
  tenant: string;
  clientId: string;
  credentialKind: CredentialKind;
  /** The client secret, or the certificate's PKCS#8 private key, sealed for `connection:<id>:credential`. */
  sealedCredential: string;
  /** The public certificate (PEM) and its SHA-256 thumbprint (hex), for certificate credentials. */
  certificatePem: string | null;
  certificateThumbprint: string | null;
  cloud: ConnectionCloud;
  /** Set only for the custom cloud: https origins without a trailing slash, and the token scope. */
  authorityHost: string | null;
  graphHost: string | null;
  graphScope: string | null;
  /** A mailbox whose calendar the live check reads; without one it reads the directory. */
  probeMailbox: string | null;
  /** What a config file last wrote into the row (see config/drift.ts); null: never a config file. */
  appliedHash: string | null;
  status: ConnectionStatus;
  statusReason: string | null;
  checkedAt: Timestamp | null;
  /** When the live check runs again by itself (permissions propagating); null: not scheduled. */
  recheckAt: Timestamp | null;
  /** Checks made by the schedule since the last change, for its backoff. */
  recheckAttempts: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type ConnectionRow = Selectable<ConnectionsTable>;

/** What a caller supplies; timestamps and the initial status are the store's. */
export type NewConnection = Omit<
  ConnectionRow,
  | "status"
  | "statusReason"
  | "checkedAt"
  | "recheckAt"
  | "recheckAttempts"
  | "createdAt"
  | "updatedAt"
  | "appliedHash"
> & { appliedHash?: string | null };

/** Fields an edit may change (status fields through `recordCheck` or `resetStatus` only). */
export type ConnectionChanges = Partial<Omit<NewConnection, "id">>;

export async function insertConnection(
  db: Store,
  connection: NewConnection,
  now: Instant,
): Promise<ConnectionRow> {
  const at = toTimestamp(now);
  const row: ConnectionRow = {
    ...connection,
    appliedHash: connection.appliedHash ?? null,
    status: "unchecked",
    statusReason: null,
    checkedAt: null,
    recheckAt: null,
    recheckAttempts: 0,
    createdAt: at,
    updatedAt: at,
  };
  await insertUnique(`connection "${connection.name}"`, () =>
    db.insertInto("connections").values(row).execute(),
  );
  return row;
}

// Asked for both connections of every run: compiled once (store/compiled.ts).
const findConnectionQuery = fixedQuery((db: Store, p: { id: string }) =>
  db.selectFrom("connections").selectAll().where("id", "=", p.id),
);

export async function findConnection(db: Store, id: string): Promise<ConnectionRow | undefined> {
  return (await findConnectionQuery.rows(db, { id }))[0];
}

export async function findConnectionByName(db: Store, name: string): Promise<ConnectionRow | undefined> {
  return db.selectFrom("connections").selectAll().where("name", "=", name).executeTakeFirst();
}

/** Every connection, by name. */
export async function listConnections(db: Store): Promise<ConnectionRow[]> {
  return db.selectFrom("connections").selectAll().orderBy("name").orderBy("id").execute();
}

/**
 * Applies an edit; with `resetStatus` the last check no longer describes the connection and is cleared,
 * with its re-check schedule.
 * Returns the updated row, or undefined when there is none with that id. A taken name is a
 * StoreConflictError.
 */
export async function updateConnection(
  db: Store,
  id: string,
  changes: ConnectionChanges,
  now: Instant,
  options: { resetStatus: boolean },
): Promise<ConnectionRow | undefined> {
  const status = options.resetStatus
    ? // A changed connection starts its re-check schedule afresh with its next check.
      {
        status: "unchecked" as const,
        statusReason: null,
        checkedAt: null,
        recheckAt: null,
        recheckAttempts: 0,
      }
    : {};
  return insertUnique(`connection "${changes.name ?? id}"`, () =>
    db
      .updateTable("connections")
      .set({ ...changes, ...status, updatedAt: toTimestamp(now) })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst(),
  );
}

/** Records a live check's outcome; returns the row, or undefined when it was deleted meanwhile. */
export async function recordConnectionCheck(
  db: Store,
  id: string,
  check: { status: ConnectionStatus; reason: string },
  now: Instant,
): Promise<ConnectionRow | undefined> {
  return db
    .updateTable("connections")
    .set({ status: check.status, statusReason: check.reason, checkedAt: toTimestamp(now) })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes a connection; returns what it was, or undefined when there was none with that id. */
export async function deleteConnection(db: Store, id: string): Promise<ConnectionRow | undefined> {
  return db.deleteFrom("connections").where("id", "=", id).returningAll().executeTakeFirst();
}

/**
 * Sets when the live check runs again by itself (null: not scheduled) and how many scheduled checks ran
 * since the last change. Returns the row, or undefined when it was deleted meanwhile.
 */
export async function scheduleConnectionRecheck(
  db: Store,
  id: string,
  schedule: { at: Instant | null; attempts: number },
): Promise<ConnectionRow | undefined> {
  return db
    .updateTable("connections")
    .set({ recheckAt: toOptionalTimestamp(schedule.at), recheckAttempts: schedule.attempts })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

/** Connections whose scheduled re-check is due at `now`, the longest overdue first. */
export async function listConnectionsDueForRecheck(db: Store, now: Instant): Promise<ConnectionRow[]> {
  return db
    .selectFrom("connections")
    .selectAll()
    .where("recheckAt", "<=", toTimestamp(now))
    .orderBy("recheckAt")
    .orderBy("id")
    .execute();
}

/**
 * Claims a due re-check: moves `recheckAt` from `dueAt` to `until` only if it still reads `dueAt`, so of
 * several callers exactly one gets the row (the others get undefined).
 */
export async function claimConnectionRecheck(
  db: Store,
  id: string,
  dueAt: Instant,
  until: Instant,
): Promise<ConnectionRow | undefined> {
  return db
    .updateTable("connections")
    .set({ recheckAt: toTimestamp(until) })
    .where("id", "=", id)
    .where("recheckAt", "=", toTimestamp(dueAt))
    .returningAll()
    .executeTakeFirst();
}
