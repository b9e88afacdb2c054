import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import { type ConnectionRow, findConnection } from "../store/connections.js";
import { transaction } from "../store/database.js";
import type { ConnectionCheckOptions, ConnectionCheckResult } from "./connection-check.js";
import { allowEndpoints, type ConnectionEdits } from "./connection-edits.js";
import { checkStoredConnection, recordCheckAndSchedule } from "./connection-recheck.js";
import { ConnectionNotFoundError } from "./errors.js";

/**
 * An administrator's live check of a stored connection (token, then one Graph read), recorded; while
 * consent or roles propagate, the check repeats by itself (see connection-recheck.ts).
 */
export async function checkConnectionNow(
  deps: ConnectionEdits & { check: ConnectionCheckOptions },
  id: string,
  by: AuditActor,
): Promise<{ connection: ConnectionRow; result: ConnectionCheckResult }> {
  const row = await findConnection(deps.db, id);
  if (!row) throw new ConnectionNotFoundError(id);
  // Again before a credential is sent: the policy may have narrowed, or the host resolve elsewhere now.
  await allowEndpoints(deps.policy, row);
  // Outside any transaction: the check talks to Entra ID and Graph, which may take seconds.
  const result = await checkStoredConnection(deps.secrets(), row, deps.check);
  const now = deps.now();
  const connection = await transaction(deps.db, async (trx) => {
    const checked = await recordCheckAndSchedule(trx, id, result, row.recheckAttempts, now);
    if (!checked) throw new ConnectionNotFoundError(id);
    const detail = { connectionId: id, name: checked.name, status: result.status };
    await recordAudit(trx, { action: "connection_checked", ...by, detail }, now);
    return checked;
  });
  return { connection, result };
}
