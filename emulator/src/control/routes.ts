import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";
import { badRequest, GraphError } from "../graph/errors.js";
import { resolveRoleAssignments } from "../world/exchange-roles.js";
import { applyApp, applySeed, newClientSecret } from "../world/seed.js";
import type { Seed, SeedApp, SeedExchangeRoleAssignment, SeedUser } from "../world/seed-types.js";
import type { Tenant } from "../world/types.js";
import { describeTenants } from "./describe.js";
import { resetEmulator } from "./reset.js";

function tenantParam(ctx: EmulatorContext, idOrDomain: string): Tenant {
  const tenant = ctx.world.tenantByIdOrDomain(idOrDomain);
  if (!tenant) throw new GraphError(404, "NotFound", `unknown tenant ${idOrDomain}`);
  return tenant;
}

function memberIds(ctx: EmulatorContext, tenant: Tenant, members: unknown): string[] {
  if (!Array.isArray(members)) throw badRequest("members must be an array of user UPNs or ids");
  return members.map((member) => {
    const user = ctx.world.userByIdOrUpn(tenant, String(member));
    const group = tenant.groups.get(String(member));
    if (!user && !group) throw badRequest(`unknown member ${member} in ${tenant.domain}`);
    return (user ?? group)!.id;
  });
}

/** The directory half of the control API: tenants, users, groups, apps, consent, stats, clock. */
export async function registerControlRoutes(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  app.get("/health", async () => ({ ok: true }));
  app.get("/stats", async () => ctx.stats.snapshot());
  app.post("/stats/reset", async () => {
    ctx.stats.reset();
    return { ok: true };
  });
  app.post<{ Body: { ms?: number; seconds?: number } }>("/clock/advance", async (request) => {
    const ms = (request.body?.ms ?? 0) + (request.body?.seconds ?? 0) * 1000;
    if (!Number.isFinite(ms) || ms < 0) throw badRequest("ms or seconds must be a positive number");
    ctx.clock.advance(ms);
    return { now: ctx.clock.nowIso() };
  });
  app.post<{ Body: { everything?: boolean } | undefined }>("/reset", async (request) => {
    await resetEmulator(ctx, { everything: request.body?.everything === true });
    return { ok: true, tenants: describeTenants(ctx) };
  });
  app.get("/tenants", async () => describeTenants(ctx));
  app.post<{ Body: Seed }>("/seed", async (request, reply) => {
    await applySeed(ctx, request.body);
    return reply.code(201).send(describeTenants(ctx));
  });
  registerDirectoryObjects(app, ctx);
  registerAppGrants(app, ctx);
}

/** Tenants, users and groups made (or removed) by a test. */
function registerDirectoryObjects(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post<{ Body: { id?: string; domain: string; displayName?: string } }>(
    "/tenants",
    async (request, reply) => {
      if (!request.body?.domain) throw badRequest("domain is required");
      const tenant = ctx.world.createTenant(request.body);
      return reply.code(201).send({ id: tenant.id, domain: tenant.domain, displayName: tenant.displayName });
    },
  );
  app.post<{ Params: { tenant: string }; Body: SeedUser }>(
    "/tenants/:tenant/users",
    async (request, reply) => {
      if (!request.body?.userPrincipalName) throw badRequest("userPrincipalName is required");
      const tenant = tenantParam(ctx, request.params.tenant);
      const local = request.body.userPrincipalName.split("@")[0] ?? "";
      const user = ctx.world.createUser(tenant, { displayName: local, ...request.body });
      return reply.code(201).send(user);
    },
  );
  app.delete<{ Params: { tenant: string; user: string } }>(
    "/tenants/:tenant/users/:user",
    async (request, reply) => {
      const tenant = tenantParam(ctx, request.params.tenant);
      const user = ctx.world.userByIdOrUpn(tenant, request.params.user);
      if (!user) throw new GraphError(404, "NotFound", `unknown user ${request.params.user}`);
      tenant.users.delete(user.id);
      for (const group of tenant.groups.values())
        group.memberIds = group.memberIds.filter((id) => id !== user.id);
      return reply.code(204).send();
    },
  );
  app.post<{ Params: { tenant: string }; Body: { displayName: string; members?: string[] } }>(
    "/tenants/:tenant/groups",
    async (request, reply) => {
      if (!request.body?.displayName) throw badRequest("displayName is required");
      const tenant = tenantParam(ctx, request.params.tenant);
      const members = memberIds(ctx, tenant, request.body.members ?? []);
      const group = ctx.world.createGroup(tenant, {
        displayName: request.body.displayName,
        memberIds: members,
      });
      return reply.code(201).send(group);
    },
  );
  app.put<{ Params: { tenant: string; group: string }; Body: { members: string[] } }>(
    "/tenants/:tenant/groups/:group/members",
    async (request) => {
      const tenant = tenantParam(ctx, request.params.tenant);
      const group = tenant.groups.get(request.params.group);
      if (!group) throw new GraphError(404, "NotFound", `unknown group ${request.params.group}`);
      group.memberIds = memberIds(ctx, tenant, request.body?.members);
      return group;
    },
  );
}

/** App registrations and their service principals' consent, roles and Exchange mailbox scope. */
function registerAppGrants(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post<{ Params: { tenant: string }; Body: SeedApp }>("/tenants/:tenant/apps", async (request, reply) => {
    const tenant = tenantParam(ctx, request.params.tenant);
    const body = { ...request.body, clientSecret: request.body?.clientSecret ?? newClientSecret() };
    const created = applyApp(ctx.world, tenant, body);
    return reply.code(201).send({ clientId: created.clientId, clientSecret: body.clientSecret });
  });
  app.put<{
    Params: { tenant: string; clientId: string };
    Body: { consented: boolean; roles?: string[]; mailboxScope?: string[] | null };
  }>("/tenants/:tenant/servicePrincipals/:clientId", async (request) => {
    const tenant = tenantParam(ctx, request.params.tenant);
    const registration = ctx.world.apps.get(request.params.clientId);
    if (!registration) throw new GraphError(404, "NotFound", `unknown app ${request.params.clientId}`);
    const sp = ctx.world.ensureServicePrincipal(tenant, registration);
    sp.consented = Boolean(request.body?.consented);
    sp.roles = sp.consented ? [...(request.body.roles ?? registration.requiredRoles)] : [];
    if (request.body?.mailboxScope === null) delete sp.mailboxScope;
    else if (request.body?.mailboxScope) sp.mailboxScope = memberIds(ctx, tenant, request.body.mailboxScope);
    ctx.subscriptions.reviewAccess(tenant.id);
    return sp;
  });
  // RBAC for Applications: Exchange's role assignments replace the app's list, Entra ID's consent untouched.
  app.put<{
    Params: { tenant: string; clientId: string };
    Body: { assignments: SeedExchangeRoleAssignment[] };
  }>("/tenants/:tenant/servicePrincipals/:clientId/exchangeRoleAssignments", async (request) => {
    const tenant = tenantParam(ctx, request.params.tenant);
    const registration = ctx.world.apps.get(request.params.clientId);
    if (!registration) throw new GraphError(404, "NotFound", `unknown app ${request.params.clientId}`);
    const assignments = resolveRoleAssignments(ctx.world, tenant, request.body?.assignments);
    const sp = ctx.world.ensureServicePrincipal(tenant, registration);
    if (assignments.length) sp.exchangeRoleAssignments = assignments;
    else delete sp.exchangeRoleAssignments;
    ctx.subscriptions.reviewAccess(tenant.id);
    return sp;
  });
}
