import type { AppRegistration, Group, ServicePrincipal, User } from "./types.js";
import type { World } from "./world.js";

/** One tenant's directory as saved: the maps of the live world become lists of their values. */
export interface TenantSnapshot {
  id: string;
  domain: string;
  displayName: string;
  users: User[];
  groups: Group[];
  servicePrincipals: ServicePrincipal[];
}

export interface WorldSnapshot {
  tenants: TenantSnapshot[];
  apps: AppRegistration[];
}

/** Tenants, users, groups, service principals (consent, roles, mailbox scope) and app registrations. */
export function worldSnapshot(world: World): WorldSnapshot {
  return {
    tenants: [...world.tenants.values()].map((tenant) => ({
      id: tenant.id,
      domain: tenant.domain,
      displayName: tenant.displayName,
      users: [...tenant.users.values()],
      groups: [...tenant.groups.values()],
      servicePrincipals: [...tenant.servicePrincipals.values()],
    })),
    apps: [...world.apps.values()],
  };
}

/** Replaces everything `world` holds with a snapshot, keeping each map's order (Graph lists in that order). */
export function restoreWorld(world: World, snapshot: WorldSnapshot): void {
  world.tenants.clear();
  world.apps.clear();
  for (const tenant of snapshot.tenants) {
    world.tenants.set(tenant.id, {
      id: tenant.id,
      domain: tenant.domain,
      displayName: tenant.displayName,
      users: new Map(tenant.users.map((user) => [user.id, user])),
      groups: new Map(tenant.groups.map((group) => [group.id, group])),
      servicePrincipals: new Map(tenant.servicePrincipals.map((sp) => [sp.clientId, sp])),
    });
  }
  for (const app of snapshot.apps) world.apps.set(app.clientId, app);
}
