import type { Group, Tenant, User } from "../world/types.js";

/** A group's direct members that still exist, in membership order. */
export function directMembers(tenant: Tenant, group: Group): Array<User | Group> {
  return group.memberIds.flatMap((id) => {
    const member = tenant.users.get(id) ?? tenant.groups.get(id);
    return member ? [member] : [];
  });
}

/**
 * Every member reachable through nested groups, each once (nested groups included, as Graph lists
 * them), depth-first in membership order. Cycles end where an object was already seen.
 */
export function transitiveMembers(tenant: Tenant, group: Group): Array<User | Group> {
  const seen = new Set<string>([group.id]);
  const result: Array<User | Group> = [];
  const visit = (current: Group) => {
    for (const member of directMembers(tenant, current)) {
      if (seen.has(member.id)) continue;
      seen.add(member.id);
      result.push(member);
      if (!("userPrincipalName" in member)) visit(member);
    }
  };
  visit(group);
  return result;
}
