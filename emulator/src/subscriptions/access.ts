import type { EmulatorContext } from "../context.js";
import { GraphError } from "../graph/errors.js";
import { resolveMailbox } from "../graph/mailbox.js";
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

/** The mailbox a subscription request addresses, if the caller may read its calendar (role, tenant, scope). */
export function authorizeMailbox(
  ctx: EmulatorContext,
  principal: GraphPrincipal,
  mailbox: string,
  operation: string,
): User {
  if (!principal.roles.some((role) => SUBSCRIBE_ROLES.includes(role))) {
    const denied = new GraphError(
      403,
      "ErrorAccessDenied",
      "Access is denied. Check credentials and try again.",
    );
    throw extensionError(operation, denied);
  }
  try {
    return resolveMailbox(ctx, principal, mailbox, "read");
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

/** Whether the app behind a subscription still holds consent, a calendar role and the mailbox in scope. */
export function appStillAuthorized(ctx: EmulatorContext, sub: Subscription): boolean {
  const sp = ctx.world.tenants.get(sub.tenantId)?.servicePrincipals.get(sub.clientId);
  if (!sp?.consented || !sp.roles.some((role) => SUBSCRIBE_ROLES.includes(role))) return false;
  return !sp.mailboxScope || sp.mailboxScope.includes(sub.mailboxUserId);
}
