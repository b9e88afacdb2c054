import type { ConnectionCheckOptions, ConnectionCheckResult } from "../../connections/connection-check.js";
import { checkStoredConnection } from "../../connections/connection-recheck.js";
import { inParallel } from "../../core/in-parallel.js";
import type { SecretBox } from "../../secrets/secret-box.js";
import { type ConnectionRow, listConnections } from "../../store/connections.js";
import type { Store } from "../../store/database.js";
import { type Finding, ok, problem, warning } from "./findings.js";

type Failed = Exclude<ConnectionCheckResult["status"], "connected">;

/** What to do about each way a connection's check fails (docs/service.md, "Status"). */
const FIXES: Record<Failed, (row: ConnectionRow) => string> = {
  bad_credentials: (row) =>
    `enter the current client secret (or upload the certificate) of app ${row.clientId} for connection "${row.name}": in the dashboard, PATCH /api/connections/${row.id}, or the config file and crosscal apply`,
  consent_missing: (row) =>
    `an administrator of tenant ${row.tenant} grants admin consent to app ${row.clientId} (with RBAC for Applications: assigns it Application Calendars.ReadWrite in Exchange, its scope holding the probe mailbox)`,
  permission_missing: (row) =>
    `add the application permission Calendars.ReadWrite to app ${row.clientId} in tenant ${row.tenant} and grant admin consent again (with RBAC for Applications: assign it Application Calendars.ReadWrite in Exchange and give the connection a probe mailbox inside its scope)`,
  mailbox_out_of_scope: (row) =>
    `add ${row.probeMailbox ?? "the mailbox"} to the app's Exchange scope (the application access policy's group, or the scope of its RBAC for Applications role assignment) in tenant ${row.tenant}`,
  mailbox_not_found: (row) => `fix the probe mailbox of connection "${row.name}"`,
  tenant_not_found: (row) => `fix the tenant or the cloud of connection "${row.name}"`,
  unreachable: () => "check the network, the proxy and the connection's endpoints from this machine",
  error: () =>
    "read the message; a secret sealed with another key opens only with that key: restore it, or enter the connection's secret again",
};

const CHECKS_AT_ONCE = 4;

function findingOf(row: ConnectionRow, result: ConnectionCheckResult): Finding {
  const subject = `connection "${row.name}"`;
  if (result.status !== "connected")
    return problem(subject, `${result.status}: ${result.reason}`, FIXES[result.status](row));
  const roles = result.roles?.length ? ` (application permissions: ${result.roles.join(", ")})` : "";
  return ok(subject, `connected: ${result.reason}${roles}`);
}

/**
 * Each stored connection's live check, as the dashboard's: a token from Entra ID with its permissions, then
 * a read of the probe mailbox's calendar (its Exchange scope) or of the directory. Nothing is recorded: the
 * doctor only reads.
 */
export async function checkConnections(
  db: Store,
  box: SecretBox,
  options: ConnectionCheckOptions = {},
): Promise<Finding[]> {
  const rows = await listConnections(db);
  if (rows.length === 0)
    return [
      warning(
        "connections",
        "no connection yet: nothing can be synced",
        "add a connection per tenant: in the dashboard, POST /api/connections, or a config file and crosscal apply",
      ),
    ];
  const results: Finding[] = new Array(rows.length);
  await inParallel(rows, CHECKS_AT_ONCE, async (row, index) => {
    results[index] = findingOf(row, await checkStoredConnection(box, row, options));
  });
  return results;
}
