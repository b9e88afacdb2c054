import type { Dispatcher } from "undici";
import { type AppIdentity, MsalTokenSource, TokenAcquisitionError, type TokenSource } from "../graph/auth.js";
import { GraphClient } from "../graph/client.js";
import { GraphRequestError, type RetryPolicy } from "../graph/errors.js";
import { CALENDAR_ROLES, CALENDAR_WRITE_ROLE, rolesOfToken } from "../graph/token-roles.js";
import type { ConnectionStatus } from "../store/connections.js";

/** What a live check found: a status an administrator can act on, and a sentence saying what to do. */
export interface ConnectionCheckResult {
  status: Exclude<ConnectionStatus, "unchecked">;
  reason: string;
  /** The application permissions the token carried, when it could be read. */
  roles?: string[];
  /**
   * What the network said when a host could not be reached (refused, timed out, TLS), for the service's
   * log only. Never stored or answered: told apart, those would make the check a port scanner.
   */
  detail?: string;
}

/** One sentence for every way of not reaching a host, so the answer says nothing about its ports. */
const unreachable = (what: string, detail: string): ConnectionCheckResult => ({
  status: "unreachable",
  reason: `${what} cannot be reached (no connection, no answer in time, or no valid TLS certificate): check the cloud or endpoints of the connection and the network`,
  detail,
});

export interface ConnectionCheckOptions {
  /** The whole check (token and Graph read) gives up after this long and reports `unreachable`. */
  deadlineMs?: number;
  /** Per Graph request: time allowed for headers and between body chunks. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  dispatcher?: Dispatcher;
  sleep?: (ms: number) => Promise<void>;
}

export interface ConnectionCheckTarget extends AppIdentity {
  /** A mailbox whose calendar is read; without one, the directory is. */
  probeMailbox?: string | null;
}

const WRITE_ROLE = CALENDAR_WRITE_ROLE;

/**
 * A live check of one connection: a token from Entra ID, then one read through Graph (the probe mailbox's
 * calendar, or the first user of the directory), classified precisely. Failures are findings here, not
 * errors: every outcome is a result. Transient failures get a short retry, since an administrator waits.
 *
 * The token's roles are Entra ID's grants only. Calendar access granted in Exchange Online (RBAC for
 * Applications, which Microsoft recommends, with the Entra ID permission removed) is not in the token, so
 * the probe mailbox is read whatever the roles say, and its answer decides.
 */
export async function checkConnection(
  target: ConnectionCheckTarget,
  options: ConnectionCheckOptions = {},
): Promise<ConnectionCheckResult> {
  const deadlineMs = options.deadlineMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ConnectionCheckResult>((resolve) => {
    timer = setTimeout(
      () => resolve(unreachable("Entra ID or Microsoft Graph", `no answer within ${deadlineMs / 1000} s`)),
      deadlineMs,
    );
  });
  try {
    return await Promise.race([runCheck(target, options), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function runCheck(
  target: ConnectionCheckTarget,
  options: ConnectionCheckOptions,
): Promise<ConnectionCheckResult> {
  let tokens: TokenSource;
  let token: string;
  try {
    tokens = new MsalTokenSource(target, options.dispatcher);
    token = await tokens.token();
  } catch (error) {
    if (error instanceof TokenAcquisitionError) return fromTokenError(error);
    throw error;
  }
  const roles = rolesOfToken(token);
  const mailbox = target.probeMailbox ?? undefined;
  // Without a probe mailbox there is nothing a token without permissions could read.
  if (roles?.length === 0 && !mailbox) {
    return {
      status: "consent_missing",
      reason:
        `the token for app ${target.clientId} carries no application permissions: an administrator of ` +
        `tenant "${target.tenant}" must grant admin consent (Calendars.ReadWrite, User.Read.All); if the ` +
        "app's calendar access comes from Exchange (RBAC for Applications), set a probe mailbox inside its scope",
      roles,
    };
  }
  const client = new GraphClient({
    endpoints: target.endpoints,
    tokens,
    retry: { maxAttempts: 3, maxDelayMs: 5_000, maxRetryAfterMs: 10_000, ...options.retry },
    timeoutMs: options.timeoutMs ?? 15_000,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  try {
    if (mailbox) await client.request("GET", `/users/${encodeURIComponent(mailbox)}/calendar`, { mailbox });
    else await client.request("GET", "/users?$top=1&$select=id");
  } catch (error) {
    if (error instanceof TokenAcquisitionError) return fromTokenError(error);
    if (error instanceof GraphRequestError) return withRoles(fromGraphError(error, mailbox, roles), roles);
    throw error;
  }
  return withRoles(succeeded(mailbox, roles), roles);
}

const withRoles = (result: ConnectionCheckResult, roles: string[] | undefined): ConnectionCheckResult =>
  roles ? { ...result, roles } : result;

const hasCalendarRole = (roles: string[] | undefined) => roles?.some((role) => CALENDAR_ROLES.includes(role));

/** What the token holds, for a reason: "User.Read.All", or that it holds nothing (or cannot be read). */
const heldRoles = (roles: string[] | undefined) =>
  roles === undefined
    ? "its permissions could not be read"
    : roles.length === 0
      ? "it has no application permissions"
      : `it has ${roles.join(", ")}`;

function succeeded(mailbox: string | undefined, roles: string[] | undefined): ConnectionCheckResult {
  if (roles && !roles.includes(WRITE_ROLE)) {
    if (mailbox && !hasCalendarRole(roles)) {
      // Exchange let the app read a calendar its token holds no permission for: RBAC for Applications.
      return {
        status: "connected",
        reason:
          `read the calendar of ${mailbox}; the token carries no calendar permission (${heldRoles(roles)}), ` +
          "so the app's calendar access comes from Exchange Online (RBAC for Applications). Copies are " +
          "written only if its role assignment is Application Calendars.ReadWrite, not Application " +
          "Calendars.Read: crosscal cannot tell without writing (Test-ServicePrincipalAuthorization shows it)",
      };
    }
    if (!hasCalendarRole(roles)) {
      return {
        status: "permission_missing",
        reason:
          `the app can sign in but its token carries no calendar permission (${heldRoles(roles)}): add the ` +
          `application permission ${WRITE_ROLE} and grant admin consent again; if the app's calendar access ` +
          "comes from Exchange (RBAC for Applications), set a probe mailbox inside its scope so that the " +
          "check reads a calendar",
      };
    }
    return {
      status: "permission_missing",
      reason: `the app can sign in but lacks the application permission ${WRITE_ROLE} (it has ${roles.join(", ")}): add it and grant admin consent again`,
    };
  }
  return {
    status: "connected",
    reason: mailbox ? `read the calendar of ${mailbox}` : "read the directory (no probe mailbox set)",
  };
}

/** Why Entra ID refused a token, as a check status (also used by mailbox-check.ts). */
export function fromTokenError(error: TokenAcquisitionError): ConnectionCheckResult {
  const status = TOKEN_STATUS[error.reason];
  if (status === "unreachable") return unreachable("Entra ID", error.message);
  // AADSTS65001 ("consent required") is not a failure reason of its own in the token taxonomy.
  return { status: error.aadstsCode === 65001 ? "consent_missing" : status, reason: error.message };
}

const TOKEN_STATUS: Record<TokenAcquisitionError["reason"], ConnectionCheckResult["status"]> = {
  "bad-credentials": "bad_credentials",
  "bad-certificate": "bad_credentials",
  "invalid-scope": "bad_credentials",
  "tenant-not-found": "tenant_not_found",
  // AADSTS700016: the app has no service principal in the tenant, i.e. nobody consented there.
  "app-not-found": "consent_missing",
  unreachable: "unreachable",
  unknown: "error",
};

/**
 * A refused Graph read, as a check status: with `mailbox`, the read was of that mailbox's calendar (404: no
 * such mailbox, 403: outside the Exchange scope or no calendar permission); without, of the directory.
 * Also used by mailbox-check.ts, so a profile's mailboxes and a connection are judged alike.
 */
export function fromGraphError(
  error: GraphRequestError,
  mailbox: string | undefined,
  roles: string[] | undefined,
): ConnectionCheckResult {
  const graph = `Graph answered ${error.status ?? "nothing"}${error.code ? ` ${error.code}` : ""}`;
  // No status: the request never got an answer (a refused or reset connection, a timeout, TLS).
  if (error.status === undefined) return unreachable("Microsoft Graph", error.message);
  if (error.kind === "transient") {
    return {
      status: "unreachable",
      reason: `Microsoft Graph is busy or failing (${graph}, also on retries): the check runs again later`,
    };
  }
  if (error.status === 404 && mailbox) {
    return {
      status: "mailbox_not_found",
      reason: `mailbox ${mailbox} does not exist in the tenant (${graph})`,
    };
  }
  if (error.status === 403 && mailbox) return calendarRefused(mailbox, roles, error, graph);
  if (error.status === 403) {
    return {
      status: "permission_missing",
      reason: `the app may not read the directory (${graph}): grant the application permission User.Read.All, or set a probe mailbox`,
    };
  }
  return { status: "error", reason: error.message };
}

/**
 * A 403 on a calendar. With a calendar permission in the token (Entra ID's grant), only an application
 * access policy can keep a mailbox out: RBAC for Applications adds access, it never narrows Entra ID's.
 * Exchange's wording for a policy refusal ("Access to OData is disabled.") says the same.
 *
 * Without one, Exchange refuses alike whether the app has no calendar permission at all or its calendar
 * access comes from an Exchange role assignment whose scope leaves the mailbox out: Microsoft documents no
 * answer of its own for the latter, so the reason names both.
 */
function calendarRefused(
  mailbox: string,
  roles: string[] | undefined,
  error: GraphRequestError,
  graph: string,
): ConnectionCheckResult {
  const policyWording = /OData is disabled|AccessPolicy/i.test(error.graphMessage ?? "");
  if (hasCalendarRole(roles) || policyWording) {
    return {
      status: "mailbox_out_of_scope",
      reason: `mailbox ${mailbox} is outside the app's Exchange scope: an application access policy leaves it out (${graph}): add it to the policy's group`,
    };
  }
  const either =
    `either the app has no calendar permission at all (grant ${WRITE_ROLE} with admin consent in Entra ID, ` +
    `or assign it Application Calendars.ReadWrite in Exchange: RBAC for Applications), or its calendar ` +
    `access comes from an Exchange role assignment whose scope leaves ${mailbox} out (add the mailbox to ` +
    "the scope); Exchange's answer does not tell which";
  if (roles?.length === 0) {
    return {
      status: "consent_missing",
      reason: `the token carries no application permissions and Exchange refused the calendar of ${mailbox} (${graph}): ${either}`,
    };
  }
  return {
    status: "permission_missing",
    reason: `Exchange refused the calendar of ${mailbox} (${graph}) and the token carries no calendar permission (${heldRoles(roles)}): ${either}`,
  };
}
