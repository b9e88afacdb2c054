import type { SecretBox } from "../secrets/secret-box.js";
import { SecretBoxError } from "../secrets/secret-box.js";
import {
  type ConnectionRow,
  type ConnectionStatus,
  claimConnectionRecheck,
  findConnection,
  listConnectionsDueForRecheck,
  recordConnectionCheck,
  scheduleConnectionRecheck,
} from "../store/connections.js";
import { type Store, transaction } from "../store/database.js";
import {
  type ConnectionCheckOptions,
  type ConnectionCheckResult,
  checkConnection,
} from "./connection-check.js";
import { endpointsOf, openCredential } from "./stored-connection.js";

/**
 * Re-checks connections by themselves while a change propagates: admin consent, role grants, new secrets
 * and Exchange scopes take minutes (sometimes over an hour) to reach every Entra ID and Graph front end,
 * so a check that fails right after a change is worth repeating with backoff for about two hours.
 */

/** Outcomes a propagating change explains; anything else needs the administrator, not time. */
export const RECHECK_STATUSES: ReadonlySet<ConnectionStatus> = new Set<ConnectionStatus>([
  "consent_missing",
  "permission_missing",
  // A new secret takes a while to be accepted everywhere; only checks after a change are scheduled.
  "bad_credentials",
  // Exchange scopes (RBAC for Applications, access policies) propagate slowest of all.
  "mailbox_out_of_scope",
  "unreachable",
]);

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Delays before the first scheduled checks, then every STEADY_DELAY until GIVE_UP_AFTER. */
const FIRST_DELAYS = [15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE];
const STEADY_DELAY = 15 * MINUTE;
export const GIVE_UP_AFTER = 2 * 60 * MINUTE;

const delayAfter = (attempts: number) => FIRST_DELAYS[attempts] ?? STEADY_DELAY;

/** Time from the change to the check number `attempts` (0: the change itself). */
function elapsedAt(attempts: number): number {
  let total = 0;
  for (let i = 0; i < attempts; i++) total += delayAfter(i);
  return total;
}

/**
 * When to check again after `attempts` scheduled checks since the last change ended in `status`: a
 * time, or null when the status is final or the change is about two hours old (then it is not propagation).
 */
export function nextRecheck(attempts: number, status: ConnectionStatus, now: Date): Date | null {
  if (!RECHECK_STATUSES.has(status)) return null;
  const delay = delayAfter(attempts);
  if (elapsedAt(attempts) + delay > GIVE_UP_AFTER) return null;
  return new Date(now.getTime() + delay);
}

/** A live check of a stored connection; a sealed secret that cannot be opened is a finding too. */
export async function checkStoredConnection(
  box: SecretBox,
  row: ConnectionRow,
  options: ConnectionCheckOptions = {},
): Promise<ConnectionCheckResult> {
  let credential: ReturnType<typeof openCredential>;
  try {
    credential = openCredential(box, row);
  } catch (error) {
    if (error instanceof SecretBoxError) return { status: "error", reason: error.message };
    throw error;
  }
  return checkConnection(
    {
      tenant: row.tenant,
      clientId: row.clientId,
      credential,
      endpoints: endpointsOf(row),
      label: row.name,
      probeMailbox: row.probeMailbox,
    },
    options,
  );
}

/**
 * Records a check's outcome and the next scheduled check (`attempts` scheduled checks made so far). Call
 * it inside a transaction: both writes or neither. Undefined when the connection was deleted meanwhile.
 */
export async function recordCheckAndSchedule(
  db: Store,
  id: string,
  result: ConnectionCheckResult,
  attempts: number,
  now: Date,
): Promise<ConnectionRow | undefined> {
  const checked = await recordConnectionCheck(db, id, result, now);
  if (!checked) return undefined;
  return scheduleConnectionRecheck(db, id, { at: nextRecheck(attempts, result.status, now), attempts });
}

export interface RecheckDeps {
  db: Store;
  secrets: SecretBox;
  check?: ConnectionCheckOptions;
}

export interface RecheckOutcome {
  connectionId: string;
  name: string;
  status: ConnectionStatus;
  /** The next scheduled check; null: no more (connected, a final status, or given up). */
  recheckAt: string | null;
}

/** How long a claimed check may run before another caller may take it over (beyond the check's deadline). */
const CLAIM_MARGIN = MINUTE;

/**
 * Checks every connection whose scheduled re-check is due at `now`, records each outcome and schedules
 * the next check (or clears the schedule). Each due row is claimed first by moving its `recheckAt` past
 * the check's deadline, so overlapping callers (or several processes) never check one connection twice;
 * an outcome is recorded only while the claim still holds (an edit or a manual check meanwhile wins).
 */
export async function recheckDueConnections(deps: RecheckDeps, now: Date): Promise<RecheckOutcome[]> {
  const outcomes: RecheckOutcome[] = [];
  for (const due of await listConnectionsDueForRecheck(deps.db, now)) {
    const outcome = await recheckOne(deps, due, now);
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

async function recheckOne(
  deps: RecheckDeps,
  due: ConnectionRow,
  now: Date,
): Promise<RecheckOutcome | undefined> {
  const claimedUntil = new Date(now.getTime() + (deps.check?.deadlineMs ?? 30_000) + CLAIM_MARGIN);
  if (!due.recheckAt) return undefined;
  const claimed = await claimConnectionRecheck(deps.db, due.id, due.recheckAt, claimedUntil);
  if (!claimed) return undefined;
  // Outside any transaction: the check talks to Entra ID and Graph, which may take seconds.
  const result = await checkStoredConnection(deps.secrets, claimed, deps.check);
  const recorded = await transaction(deps.db, async (trx) => {
    const current = await findConnection(trx, due.id);
    if (current?.recheckAt !== claimedUntil.toISOString()) return undefined;
    return recordCheckAndSchedule(trx, due.id, result, current.recheckAttempts + 1, now);
  });
  if (!recorded) return undefined;
  return {
    connectionId: recorded.id,
    name: recorded.name,
    status: recorded.status,
    recheckAt: recorded.recheckAt,
  };
}
