import type { SeedExchangeRoleAssignment } from "./seed-types.js";
import type { ExchangeRoleAssignment, Tenant } from "./types.js";
import { type World, WorldError } from "./world.js";

/**
 * Exchange Online's application roles (RBAC for Applications) and the Graph permissions each grants, as
 * Microsoft's "Role Based Access Control for Applications in Exchange Online" page lists them. Only the
 * calendar permissions matter to the emulator; the others are accepted so that a seed may name any role.
 */
export const EXCHANGE_APPLICATION_ROLES: Readonly<Record<string, readonly string[]>> = {
  "Application Mail.Read": ["Mail.Read"],
  "Application Mail.ReadBasic": ["Mail.ReadBasic"],
  "Application Mail.ReadWrite": ["Mail.ReadWrite"],
  "Application Mail.Send": ["Mail.Send"],
  "Application MailboxSettings.Read": ["MailboxSettings.Read"],
  "Application MailboxSettings.ReadWrite": ["MailboxSettings.ReadWrite"],
  "Application Calendars.Read": ["Calendars.Read"],
  "Application Calendars.ReadWrite": ["Calendars.ReadWrite"],
  "Application Contacts.Read": ["Contacts.Read"],
  "Application Contacts.ReadWrite": ["Contacts.ReadWrite"],
  "Application MailboxFolder.Read": ["MailboxFolder.Read.All"],
  "Application MailboxFolder.ReadWrite": ["MailboxFolder.ReadWrite.All"],
  "Application MailboxItem.Read": ["MailboxItem.Read.All"],
  "Application MailboxItem.ReadWrite": ["MailboxItem.ReadWrite.All"],
  "Application Mail Full Access": ["Mail.ReadWrite", "Mail.Send"],
  "Application Exchange Full Access": [
    "Mail.ReadWrite",
    "Mail.Send",
    "MailboxSettings.ReadWrite",
    "Calendars.ReadWrite",
    "Contacts.ReadWrite",
  ],
  "Application EWS.AccessAsApp": ["EWS.AccessAsApp"],
};

/** The documented role name for `name` (matched case-insensitively, as Exchange matches identities). */
export function exchangeRoleName(name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  return Object.keys(EXCHANGE_APPLICATION_ROLES).find((role) => role.toLowerCase() === wanted);
}

/** Whether an assignment's resource scope holds the mailbox of `userId`. */
function inScope(tenant: Tenant, assignment: ExchangeRoleAssignment, userId: string): boolean {
  if (!assignment.mailboxIds && !assignment.groupId) return true;
  if (assignment.mailboxIds?.includes(userId)) return true;
  // A MemberOfGroup filter: only direct members count (Microsoft's page says nested members are out).
  const group = assignment.groupId ? tenant.groups.get(assignment.groupId) : undefined;
  return group?.memberIds.includes(userId) ?? false;
}

/**
 * The Graph permissions Exchange grants the app on one mailbox through its role assignments. They come
 * from Exchange, not Entra ID: they never appear in a token's `roles`, and they are read at each request.
 */
export function exchangePermissionsOn(
  tenant: Tenant,
  assignments: readonly ExchangeRoleAssignment[] | undefined,
  userId: string,
): string[] {
  const granted = new Set<string>();
  for (const assignment of assignments ?? []) {
    if (!inScope(tenant, assignment, userId)) continue;
    for (const permission of EXCHANGE_APPLICATION_ROLES[assignment.role] ?? []) granted.add(permission);
  }
  return [...granted];
}

/**
 * Role assignments as a seed or the control API states them (role names, mailbox UPNs or ids, a group's
 * id or display name), checked against the tenant: an unknown role, mailbox or group is refused.
 */
export function resolveRoleAssignments(
  world: World,
  tenant: Tenant,
  inputs: unknown,
): ExchangeRoleAssignment[] {
  if (!Array.isArray(inputs)) throw new WorldError("exchangeRoleAssignments must be an array");
  return inputs.map((input: SeedExchangeRoleAssignment) => {
    const role = typeof input?.role === "string" ? exchangeRoleName(input.role) : undefined;
    if (!role) throw new WorldError(`unknown Exchange application role ${JSON.stringify(input?.role)}`);
    const assignment: ExchangeRoleAssignment = { role };
    if (input.mailboxes !== undefined) {
      if (!Array.isArray(input.mailboxes)) throw new WorldError("mailboxes must be an array of UPNs or ids");
      assignment.mailboxIds = input.mailboxes.map((mailbox) => {
        const user = world.userByIdOrUpn(tenant, String(mailbox));
        if (!user)
          throw new WorldError(`role assignment names unknown mailbox ${mailbox} in ${tenant.domain}`);
        return user.id;
      });
    }
    if (input.group !== undefined) {
      const wanted = String(input.group);
      const group =
        tenant.groups.get(wanted) ??
        [...tenant.groups.values()].find((candidate) => candidate.displayName === wanted);
      if (!group) throw new WorldError(`role assignment names unknown group ${wanted} in ${tenant.domain}`);
      assignment.groupId = group.id;
    }
    return assignment;
  });
}
