import type { EmulatorContext } from "../context.js";

export interface TenantSummary {
  id: string;
  domain: string;
  clientId?: string;
  clientSecret?: string;
  users: string[];
}

/** The tenants as the start-up line prints them: each with its first app's credentials. */
export function describeTenants(ctx: EmulatorContext): TenantSummary[] {
  return [...ctx.world.tenants.values()].map((tenant) => {
    const app = [...ctx.world.apps.values()].find((candidate) => candidate.homeTenantId === tenant.id);
    return {
      id: tenant.id,
      domain: tenant.domain,
      clientId: app?.clientId,
      clientSecret: app?.secrets[0],
      users: [...tenant.users.values()].map((user) => user.userPrincipalName),
    };
  });
}
