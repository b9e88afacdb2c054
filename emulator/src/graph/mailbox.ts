import type { EmulatorContext } from "../context.js";
import { exchangePermissionsOn } from "../world/exchange-roles.js";
import type { Tenant, User } from "../world/types.js";
import { accessDenied, GraphError } from "./errors.js";
import type { GraphPrincipal } from "./principal.js";

export type CalendarAccess = "read" | "write";

const READ_ROLES = ["Calendars.Read", "Calendars.ReadWrite", "Calendars.ReadBasic.All"];
const WRITE_ROLES = ["Calendars.ReadWrite"];

/** Graph's answer for a mailbox the caller's tenant does not have (another tenant's user included). */
export function invalidUser(idOrUpn: string): GraphError {
  return new GraphError(404, "ErrorInvalidUser", `The requested user '${idOrUpn}' is invalid.`);
}

/**
 * Whether Exchange lets an app at a mailbox for an operation needing any of `needed`. Two authorities add
 * up (Microsoft's RBAC for Applications page: the grants are a union):
 * - Entra ID: the token's `roles`, narrowed by an application access policy (`mailboxScope`) if any;
 * - Exchange: the app's role assignments (RBAC for Applications) whose scope holds the mailbox. They are
 *   not in the token; Exchange reads them at each request (the emulator applies changes at once, where
 *   Exchange caches them for 30 minutes to 2 hours).
 * "policy": only the access policy keeps a token role out; "denied": nothing grants the operation.
 */
export function mailboxGrant(
  tenant: Tenant,
  tokenRoles: readonly string[],
  clientId: string,
  user: User,
  needed: readonly string[],
): "granted" | "policy" | "denied" {
  const sp = tenant.servicePrincipals.get(clientId);
  const entra = tokenRoles.some((role) => needed.includes(role));
  if (entra && (!sp?.mailboxScope || sp.mailboxScope.includes(user.id))) return "granted";
  const exchange = exchangePermissionsOn(tenant, sp?.exchangeRoleAssignments, user.id);
  if (exchange.some((permission) => needed.includes(permission))) return "granted";
  return entra ? "policy" : "denied";
}

/**
 * The 403 for a refused mailbox. An access policy's refusal is documented ("Access to OData is
 * disabled."). UNCONFIRMED: what Graph answers when only RBAC for Applications grants calendar access and
 * the mailbox is outside the assignment's scope (or the role does not cover a write); Microsoft's page
 * does not say, practitioners report an access denied, and the emulator gives Exchange's plain refusal,
 * the same as for an app with no calendar permission at all.
 */
export function mailboxRefusal(grant: "policy" | "denied"): GraphError {
  return grant === "policy" ? accessDenied("Access to OData is disabled.") : accessDenied();
}

/**
 * The user whose mailbox a calendar request addresses, after the checks Exchange makes: the user is in
 * the token's tenant, and a calendar permission reaches the mailbox (see `mailboxGrant`).
 */
export function resolveMailbox(
  ctx: EmulatorContext,
  principal: GraphPrincipal,
  idOrUpn: string,
  access: CalendarAccess,
): User {
  const tenant = ctx.world.tenants.get(principal.tenantId);
  const user = tenant && ctx.world.userByIdOrUpn(tenant, idOrUpn);
  if (!tenant || !user) throw invalidUser(idOrUpn);
  const needed = access === "write" ? WRITE_ROLES : READ_ROLES;
  const grant = mailboxGrant(tenant, principal.roles, principal.clientId, user, needed);
  if (grant !== "granted") throw mailboxRefusal(grant);
  return user;
}

/** Directory reads need a directory role; without one Graph answers Authorization_RequestDenied. */
export function requireDirectoryRole(principal: GraphPrincipal, roles: string[]): void {
  if (!principal.roles.some((role) => roles.includes(role))) {
    throw new GraphError(
      403,
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
    );
  }
}
