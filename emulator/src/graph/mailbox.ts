import type { EmulatorContext } from "../context.js";
import type { User } from "../world/types.js";
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
 * The user whose mailbox a calendar request addresses, after the checks Exchange makes: the user is in
 * the token's tenant, the app holds a calendar role, and the mailbox is inside the app's RBAC scope.
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
  if (!principal.roles.some((role) => needed.includes(role))) throw accessDenied();
  const sp = tenant.servicePrincipals.get(principal.clientId);
  if (sp?.mailboxScope && !sp.mailboxScope.includes(user.id)) {
    throw accessDenied("Access to OData is disabled.");
  }
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
