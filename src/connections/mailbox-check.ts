import { inParallel } from "../core/in-parallel.js";
import { TokenAcquisitionError } from "../graph/auth.js";
import { GraphRequestError } from "../graph/errors.js";
import type { GraphRequester } from "../graph/requester.js";
import type { MailboxCheckResult } from "../store/profiles.js";
import { fromGraphError, fromTokenError } from "./connection-check.js";

/**
 * Whether a profile's mailbox can be synced through a connection: the user exists in that tenant, and the
 * app may read their calendar. Refusals are classified as a connection's live check classifies them
 * (connection-check.ts), then phrased for the one mailbox. Like that check, every outcome is a verdict;
 * only an error outside Graph's and Entra ID's answers propagates.
 */

export type MailboxVerdictStatus =
  /** Found, and its calendar read. */
  | "verified"
  /** No such user (or no mailbox) in the tenant. */
  | "not_found"
  /**
   * The user exists but Exchange refused their calendar: an Exchange scope leaves the mailbox out (or, when
   * the token holds no calendar permission, the app may have none at all: the reason says both).
   */
  | "out_of_scope"
  /** The connection itself fails (credentials, consent, permissions): no mailbox of it can be checked. */
  | "connection_failed"
  /** Graph or Entra ID did not answer: try again later. */
  | "unreachable"
  /** Any other refusal (Graph's message says which). */
  | "error";

export interface MailboxVerdict {
  mailbox: string;
  status: MailboxVerdictStatus;
  /** A sentence naming the mailbox and the tenant. */
  reason: string;
  /** The user's directory id, when found. */
  userId?: string;
}

/** What a check needs of a connection: the tenant (for the messages) and a Graph transport into it. */
export interface MailboxConnection {
  tenant: string;
  requester: GraphRequester;
}

interface DirectoryUser {
  id: string;
  userPrincipalName?: string | null;
  mail?: string | null;
  displayName?: string | null;
}

/** Two reads: the user in the directory, then their calendar (the cheapest read Exchange scopes). */
export async function checkMailbox(connection: MailboxConnection, mailbox: string): Promise<MailboxVerdict> {
  const { tenant, requester } = connection;
  let user: DirectoryUser;
  try {
    const select = "$select=id,userPrincipalName,mail,displayName";
    const context = `look up ${mailbox} in ${tenant}`;
    user = (
      await requester.request<DirectoryUser>("GET", `/users/${encodeURIComponent(mailbox)}?${select}`, {
        context,
      })
    ).body;
  } catch (error) {
    return refused(error, mailbox, tenant, "directory");
  }
  try {
    const context = `read the calendar of ${mailbox} in ${tenant}`;
    await requester.request("GET", `/users/${encodeURIComponent(user.id)}/calendar?$select=id`, {
      mailbox,
      context,
    });
  } catch (error) {
    // Exchange's refusal is judged by the token's roles, as a connection's check judges its probe mailbox.
    const roles =
      error instanceof GraphRequestError && error.status === 403 ? await requester.tokenRoles?.() : undefined;
    return refused(error, mailbox, tenant, "calendar", roles);
  }
  const who = user.displayName ? `${user.displayName}'s` : "a";
  return {
    mailbox,
    status: "verified",
    reason: `${mailbox} is ${who} mailbox in ${tenant}, readable by the app`,
    userId: user.id,
  };
}

function refused(
  error: unknown,
  mailbox: string,
  tenant: string,
  read: "directory" | "calendar",
  roles?: string[],
): MailboxVerdict {
  const verdict = (status: MailboxVerdictStatus, reason: string): MailboxVerdict => ({
    mailbox,
    status,
    reason,
  });
  if (error instanceof TokenAcquisitionError) {
    return verdict(
      "connection_failed",
      `cannot sign in to ${tenant} to check ${mailbox}: ${fromTokenError(error).reason}`,
    );
  }
  if (!(error instanceof GraphRequestError)) throw error;
  // A directory read names the mailbox only for its 404: its 403 is about directory permission, not scope.
  const asMailbox = read === "calendar" || error.status === 404 ? mailbox : undefined;
  const found = fromGraphError(error, asMailbox, roles);
  switch (found.status) {
    case "mailbox_not_found":
      return read === "directory"
        ? verdict("not_found", `${mailbox} not found in ${tenant}`)
        : verdict(
            "not_found",
            `${mailbox} exists in ${tenant} but has no mailbox Graph can reach (${found.reason})`,
          );
    case "mailbox_out_of_scope":
      return verdict(
        "out_of_scope",
        `${mailbox} is outside the app's mailbox scope in ${tenant} (an Exchange application access policy leaves it out): add it to the policy's group`,
      );
    case "unreachable":
      return verdict("unreachable", `could not check ${mailbox} in ${tenant}: ${found.reason}`);
    case "error":
      return verdict("error", `could not check ${mailbox} in ${tenant}: ${found.reason}`);
    default:
      // A calendar refused while the token holds no calendar permission concerns this mailbox: RBAC for
      // Applications may grant others. Only the directory's refusal fails the connection as a whole.
      if (read === "calendar" && error.status === 403) {
        return verdict("out_of_scope", `${mailbox} cannot be read by the app in ${tenant}: ${found.reason}`);
      }
      return verdict(
        "connection_failed",
        `the connection to ${tenant} cannot check ${mailbox}: ${found.reason}`,
      );
  }
}

export interface MailboxToCheck {
  connectionId: string;
  mailbox: string;
}

const keyOf = (connectionId: string, mailbox: string) => `${connectionId}\n${mailbox.toLowerCase()}`;

/** Verdicts of one `verifyMailboxes` call, by connection and mailbox (case-insensitive). */
export class MailboxVerdicts {
  constructor(private readonly verdicts: ReadonlyMap<string, MailboxVerdict>) {}

  get(connectionId: string, mailbox: string): MailboxVerdict | undefined {
    return this.verdicts.get(keyOf(connectionId, mailbox));
  }

  get size(): number {
    return this.verdicts.size;
  }
}

export const MAILBOX_CHECK_CONCURRENCY = 8;

/**
 * Checks many mailboxes, each (connection, mailbox) once, at most `concurrency` at a time. Once a
 * connection fails as a whole (it cannot sign in or lacks a permission), its remaining mailboxes get that
 * verdict without asking again: a thousand-row import must not make a thousand failing token requests.
 */
export async function verifyMailboxes(
  targets: readonly MailboxToCheck[],
  connectionOf: (connectionId: string) => MailboxConnection,
  concurrency = MAILBOX_CHECK_CONCURRENCY,
): Promise<MailboxVerdicts> {
  const unique = new Map<string, MailboxToCheck>();
  for (const target of targets) unique.set(keyOf(target.connectionId, target.mailbox), target);
  const verdicts = new Map<string, MailboxVerdict>();
  const brokenConnections = new Map<string, string>();
  await inParallel([...unique.entries()], concurrency, async ([key, target]) => {
    const broken = brokenConnections.get(target.connectionId);
    const verdict: MailboxVerdict = broken
      ? {
          mailbox: target.mailbox,
          status: "connection_failed",
          reason: `${target.mailbox} not checked: ${broken}`,
        }
      : await checkMailbox(connectionOf(target.connectionId), target.mailbox);
    if (verdict.status === "connection_failed" && !broken)
      brokenConnections.set(target.connectionId, verdict.reason);
    verdicts.set(key, verdict);
  });
  return new MailboxVerdicts(verdicts);
}

/**
 * What to record of a profile's two verdicts: verified when both are; unverified when no verdict is a
 * finding (Graph did not answer); else invalid, with every failing mailbox's reason.
 */
export function checkResultOf(verdicts: readonly MailboxVerdict[]): MailboxCheckResult {
  const failed = verdicts.filter((verdict) => verdict.status !== "verified");
  const reason = failed.map((verdict) => verdict.reason).join("; ");
  if (failed.length === 0) return { check: "verified", reason: null };
  if (failed.every((verdict) => verdict.status === "unreachable")) return { check: "unverified", reason };
  return { check: "invalid", reason };
}
