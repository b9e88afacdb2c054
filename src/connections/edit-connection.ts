import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import {
  type ConnectionChanges,
  type ConnectionCloud,
  type ConnectionRow,
  findConnection,
  updateConnection,
} from "../store/connections.js";
import { transaction } from "../store/database.js";
import { StoreConflictError } from "../store/errors.js";
import { allowEndpoints, type ConnectionEdits } from "./connection-edits.js";
import { type CredentialInput, credentialGiven, sealCredential } from "./credentials.js";
import { type EndpointColumns, type EndpointsInput, endpointColumns, hostsOf } from "./endpoint-columns.js";
import { ConnectionNameTakenError, ConnectionNotFoundError, CredentialRequiredError } from "./errors.js";

export interface ConnectionPatch extends CredentialInput {
  name?: string | undefined;
  tenant?: string | undefined;
  clientId?: string | undefined;
  cloud?: ConnectionCloud | undefined;
  endpoints?: EndpointsInput | undefined;
  probeMailbox?: string | null | undefined;
}

/**
 * An edit: a new credential replaces the stored one, none keeps it. The live status is reset by any
 * change but a new name (the next check tells). Unchanged fields write nothing and record nothing.
 */
export async function editConnection(
  deps: ConnectionEdits,
  id: string,
  patch: ConnectionPatch,
  by: AuditActor,
): Promise<ConnectionRow> {
  // Before the transaction: the policy may ask DNS, which must not hold the store's write lock.
  if (patch.endpoints) await allowEndpoints(deps.policy, endpointColumns("custom", patch.endpoints));
  const now = deps.now();
  try {
    return await transaction(deps.db, async (trx) => {
      const current = await findConnection(trx, id);
      if (!current) throw new ConnectionNotFoundError(id);
      const { changes, changed } = changesOf(deps, current, patch);
      if (changed.length === 0) return current;
      const resetStatus = changed.some((key) => key !== "name");
      const updated = await updateConnection(trx, id, changes, now, { resetStatus });
      if (!updated) throw new ConnectionNotFoundError(id);
      const detail = { connectionId: id, name: updated.name, changed };
      await recordAudit(trx, { action: "connection_updated", ...by, detail }, now);
      return updated;
    });
  } catch (error) {
    if (error instanceof StoreConflictError) throw new ConnectionNameTakenError(patch.name ?? "");
    throw error;
  }
}

/** The endpoint columns after an edit: a named cloud drops custom endpoints, staying custom keeps them. */
function nextEndpoints(row: ConnectionRow, patch: ConnectionPatch): EndpointColumns {
  const cloud = patch.cloud ?? row.cloud;
  const kept =
    row.cloud === "custom" && row.authorityHost && row.graphHost
      ? { authority: row.authorityHost, graph: row.graphHost, graphScope: row.graphScope ?? undefined }
      : undefined;
  return endpointColumns(cloud, patch.endpoints ?? (cloud === "custom" ? kept : undefined));
}

/**
 * The columns an edit changes, and their names for the audit log (only what differs from the row). A
 * credential is bound to the hosts it was given for: moving the hosts needs it again.
 */
function changesOf(
  deps: ConnectionEdits,
  row: ConnectionRow,
  patch: ConnectionPatch,
): { changes: ConnectionChanges; changed: string[] } {
  const changes: ConnectionChanges = {};
  const changed: string[] = [];
  for (const key of ["name", "tenant", "clientId", "probeMailbox"] as const) {
    const value = patch[key];
    if (value === undefined || value === row[key]) continue;
    Object.assign(changes, { [key]: value });
    changed.push(key);
  }
  if (patch.cloud !== undefined || patch.endpoints !== undefined) {
    const next = nextEndpoints(row, patch);
    if (next.cloud !== row.cloud) changed.push("cloud");
    if (
      next.authorityHost !== row.authorityHost ||
      next.graphHost !== row.graphHost ||
      next.graphScope !== row.graphScope
    ) {
      changed.push("endpoints");
    }
    if (hostsOf(next) !== hostsOf(row) && !credentialGiven(patch)) throw new CredentialRequiredError();
    Object.assign(changes, next);
  }
  if (credentialGiven(patch)) {
    Object.assign(changes, sealCredential(deps.secrets(), row.id, patch));
    changed.push("credential");
  }
  return { changes, changed };
}
