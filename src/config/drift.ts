import { fingerprint } from "../core/content-hash.js";
import type { ConnectionRow } from "../store/connections.js";
import type { Sync } from "../store/syncs.js";

/**
 * Drift: a connection or sync that someone changed through the API (or the dashboard) since a config
 * file last wrote it, and that the file would now change again. Each row keeps the hash of what a file
 * last wrote (`appliedHash`); a row whose content no longer has that hash was changed by someone else.
 * Applying over it would silently revert their change, so `apply` names it and lets the user choose.
 * Pure.
 */

export interface DriftItem {
  kind: "connection" | "sync";
  name: string;
  /** What the file would change back (field names, never values). */
  fields: string[];
}

/** Everything a config file writes into a connection: a re-sealed secret counts (its ciphertext changes). */
type ConnectionContent = Pick<
  ConnectionRow,
  | "tenant"
  | "clientId"
  | "cloud"
  | "authorityHost"
  | "graphHost"
  | "graphScope"
  | "credentialKind"
  | "sealedCredential"
  | "certificateThumbprint"
>;

export const connectionHash = (row: ConnectionContent) =>
  fingerprint([
    row.tenant,
    row.clientId,
    row.cloud,
    row.authorityHost,
    row.graphHost,
    row.graphScope,
    row.credentialKind,
    row.sealedCredential,
    row.certificateThumbprint,
  ]);

export const syncHash = (row: Pick<Sync, "connectionA" | "connectionB" | "startMode" | "settings">) =>
  fingerprint([row.connectionA, row.connectionB, row.startMode, row.settings]);

/** Whether the row was changed by anything but a config file since a file last wrote it. */
export const changedSinceApplied = (appliedHash: string | null, currentHash: string) =>
  appliedHash !== currentHash;

/** The refusal an apply with drift answers, naming each item and the two ways out. */
export function driftMessage(items: readonly DriftItem[]): string {
  const list = items.map((item) => `${item.kind} "${item.name}" (${item.fields.join(", ")})`).join("; ");
  return (
    `the file would undo changes made in the service since it was last applied: ${list}. ` +
    "Apply with --overwrite (API: ?overwrite=true) to take the file's version, or take the service's " +
    "into the file first with crosscal export"
  );
}
