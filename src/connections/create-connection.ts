import { randomUUID } from "node:crypto";
import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import type { ConnectionCloud } from "../store/connections.js";
import { type ConnectionRow, insertConnection } from "../store/connections.js";
import { transaction } from "../store/database.js";
import { StoreConflictError } from "../store/errors.js";
import { allowEndpoints, type ConnectionEdits } from "./connection-edits.js";
import { type CredentialInput, credentialGiven, sealCredential } from "./credentials.js";
import { type EndpointsInput, endpointColumns } from "./endpoint-columns.js";
import { ConnectionNameTakenError } from "./errors.js";

export interface NewConnection extends CredentialInput {
  name: string;
  tenant: string;
  clientId: string;
  cloud?: ConnectionCloud | undefined;
  endpoints?: EndpointsInput | undefined;
  probeMailbox?: string | undefined;
}

/** A new connection with its credential sealed for it; not checked live (that is asked separately). */
export async function createConnection(
  deps: ConnectionEdits,
  input: NewConnection,
  by: AuditActor,
): Promise<ConnectionRow> {
  const id = randomUUID();
  credentialGiven(input);
  const credential = sealCredential(deps.secrets(), id, input);
  const endpoints = endpointColumns(input.cloud ?? "global", input.endpoints);
  await allowEndpoints(deps.policy, endpoints);
  const now = deps.now();
  try {
    return await transaction(deps.db, async (trx) => {
      const row = await insertConnection(
        trx,
        {
          id,
          name: input.name,
          tenant: input.tenant,
          clientId: input.clientId,
          probeMailbox: input.probeMailbox ?? null,
          ...credential,
          ...endpoints,
        },
        now,
      );
      const detail = { connectionId: id, name: row.name, credentialKind: row.credentialKind };
      await recordAudit(trx, { action: "connection_created", ...by, detail }, now);
      return row;
    });
  } catch (error) {
    if (error instanceof StoreConflictError) throw new ConnectionNameTakenError(input.name);
    throw error;
  }
}
