import type { EmulatorContext } from "../context.js";
import { GraphError } from "../graph/errors.js";
import { invalidUser, mailboxGrant, mailboxRefusal } from "../graph/mailbox.js";
import type { GraphPrincipal } from "../graph/principal.js";
import type { User } from "../world/types.js";
import type { Subscription } from "./model.js";

/** Graph asks for Calendars.Read on event subscriptions (ReadWrite includes it; ReadBasic does not). */
const SUBSCRIBE_ROLES = ["Calendars.Read", "Calendars.ReadWrite"];

const STATUS_NAMES: Record<number, string> = { 401: "Unauthorized", 403: "Forbidden", 404: "NotFound" };

/** Errors of the mailbox behind a subscription reach the client wrapped, as Graph's extension layer does. */
function extensionError(operation: string, error: GraphError): GraphError {
  const status = STATUS_NAMES[error.status] ?? String(error.status);
  return new GraphError(
    error.status,
    "ExtensionError",
    `Operation: ${operation}; Exception: [Status Code: ${status}; Reason: ${error.message}]`,
  );
}

/**
 * The mailbox a subscription request addresses, if the caller may read its calendar for a subscription
 * (tenant, then Calendars.Read or Calendars.ReadWrite from the token or from Exchange role assignments).
 */
export function authorizeMailbox(
  ctx: EmulatorContext,
  principal: GraphPrincipal,
  mailbox: string,
  operation: string,
): User {
  try {
    const tenant = ctx.world.tenants.get(principal.tenantId);
    const user = tenant && ctx.world.userByIdOrUpn(tenant, mailbox);
    if (!tenant || !user) throw invalidUser(mailbox);
    const grant = mailboxGrant(tenant, principal.roles, principal.clientId, user, SUBSCRIBE_ROLES);
    if (grant !== "granted") throw mailboxRefusal(grant);
    return user;
  } catch (error) {
    throw error instanceof GraphError ? extensionError(operation, error) : error;
  }
}

export function quotaExceeded(limit: number): GraphError {
  return new GraphError(
    403,
    "ExtensionError",
    `Operation: Create; Exception: [Status Code: Forbidden; Reason: Maximum number of subscriptions has been reached: a mailbox can have at most ${limit} subscriptions.]`,
  );
}

/**
 * Whether the app behind a subscription may still read the mailbox: a consented calendar role the access
 * policy lets through, or an Exchange role assignment whose scope holds the mailbox.
 */
export function appStillAuthorized(ctx: EmulatorContext, sub: Subscription): boolean {
  const tenant = ctx.world.tenants.get(sub.tenantId);
  const sp = tenant?.servicePrincipals.get(sub.clientId);
  const user = tenant?.users.get(sub.mailboxUserId);
  if (!tenant || !sp || !user) return false;
  const roles = sp.consented ? sp.roles : [];
  return mailboxGrant(tenant, roles, sub.clientId, user, SUBSCRIBE_ROLES) === "granted";
}
