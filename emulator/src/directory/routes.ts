import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context.js";
import { GraphError } from "../graph/errors.js";
import { requireDirectoryRole } from "../graph/mailbox.js";
import type { GraphPrincipal } from "../graph/principal.js";
import type { Group, Tenant, User } from "../world/types.js";
import { directoryDelta } from "./delta.js";
import { directoryBadRequest, resourceNotFound } from "./errors.js";
import { directMembers, transitiveMembers } from "./members.js";
import { type DirectoryKind, parseSelect, serialize } from "./properties.js";
import { applyQuery, isAdvanced, parseDirectoryQuery } from "./query.js";
import { contextUrl, listPage } from "./respond.js";

const USER_ROLES = [
  "User.Read.All",
  "User.ReadBasic.All",
  "User.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];
const GROUP_ROLES = [
  "GroupMember.Read.All",
  "Group.Read.All",
  "GroupMember.ReadWrite.All",
  "Group.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];

const ME_ERROR = "/me request is only valid with delegated authentication flow.";

function principalOf(request: FastifyRequest): GraphPrincipal {
  if (!request.principal) throw new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.");
  return request.principal;
}

/** The caller's own tenant: a token never reaches another tenant's directory. */
function tenantOf(ctx: EmulatorContext, principal: GraphPrincipal): Tenant {
  const tenant = ctx.world.tenants.get(principal.tenantId);
  if (!tenant) throw resourceNotFound(principal.tenantId);
  return tenant;
}

function userIn(ctx: EmulatorContext, tenant: Tenant, idOrUpn: string): User {
  const user = ctx.world.userByIdOrUpn(tenant, idOrUpn);
  if (!user) throw resourceNotFound(idOrUpn);
  return user;
}

function groupIn(tenant: Tenant, id: string): Group {
  const group = tenant.groups.get(id) ?? tenant.groups.get(id.toLowerCase());
  if (!group) throw resourceNotFound(id);
  return group;
}

/** `/users/$count` and friends: a bare number, only with `ConsistencyLevel: eventual`. */
function countOnly(request: FastifyRequest, objects: Array<User | Group>, kinds: DirectoryKind[]): string {
  if (!isAdvanced(request)) throw directoryBadRequest("$count is not currently supported.");
  return String(applyQuery(objects, parseDirectoryQuery(request, kinds)).length);
}

type Reach = "members" | "transitiveMembers";
const CASTS: Array<[string, DirectoryKind | undefined]> = [
  ["", undefined],
  ["/microsoft.graph.user", "user"],
  ["/microsoft.graph.group", "group"],
];

function registerMemberRoutes(app: FastifyInstance, ctx: EmulatorContext, reach: Reach): void {
  const list = (request: FastifyRequest<{ Params: { group: string } }>, cast: DirectoryKind | undefined) => {
    const principal = principalOf(request);
    requireDirectoryRole(principal, GROUP_ROLES);
    const tenant = tenantOf(ctx, principal);
    const group = groupIn(tenant, request.params.group);
    const all = reach === "members" ? directMembers(tenant, group) : transitiveMembers(tenant, group);
    const kept = cast ? all.filter((m) => ("userPrincipalName" in m ? "user" : "group") === cast) : all;
    return { kept, kinds: cast ? [cast] : (["user", "group"] as DirectoryKind[]) };
  };
  for (const [suffix, cast] of CASTS) {
    app.get<{ Params: { group: string } }>(`/groups/:group/${reach}${suffix}`, async (request) => {
      const { kept, kinds } = list(request, cast);
      const query = parseDirectoryQuery(request, kinds);
      const entitySet = cast ? `${cast}s` : "directoryObjects";
      return listPage(ctx, request, kept, query, { entitySet, withType: true });
    });
    app.get<{ Params: { group: string } }>(
      `/groups/:group/${reach}${suffix}/$count`,
      async (request, reply) => {
        const { kept, kinds } = list(request, cast);
        return reply.type("text/plain").send(countOnly(request, kept, kinds));
      },
    );
  }
}

interface CollectionSpec {
  entitySet: "users" | "groups";
  kind: DirectoryKind;
  roles: string[];
  all(tenant: Tenant): Array<User | Group>;
  find(tenant: Tenant, key: string): User | Group;
}

/** `/users` or `/groups`: the list, its delta, `$count`, and one object by key. */
function registerCollection(app: FastifyInstance, ctx: EmulatorContext, spec: CollectionSpec): void {
  const { entitySet, kind } = spec;
  const tenantFor = (request: FastifyRequest) => {
    const principal = principalOf(request);
    requireDirectoryRole(principal, spec.roles);
    return tenantOf(ctx, principal);
  };
  app.get(`/${entitySet}`, async (request) =>
    listPage(ctx, request, spec.all(tenantFor(request)), parseDirectoryQuery(request, [kind]), {
      entitySet,
      withType: false,
    }),
  );
  app.get(`/${entitySet}/delta`, async (request) => directoryDelta(ctx, request, kind, tenantFor(request)));
  app.get(`/${entitySet}/$count`, async (request, reply) =>
    reply.type("text/plain").send(countOnly(request, spec.all(tenantFor(request)), [kind])),
  );
  app.get<{ Params: { key: string }; Querystring: { $select?: string } }>(
    `/${entitySet}/:key`,
    async (request) => {
      const object = spec.find(tenantFor(request), request.params.key);
      const select = parseSelect(request.query.$select, [kind]);
      return {
        "@odata.context": `${contextUrl(ctx, entitySet, select)}/$entity`,
        ...serialize(object, select),
      };
    },
  );
}

function registerUserRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  registerCollection(app, ctx, {
    entitySet: "users",
    kind: "user",
    roles: USER_ROLES,
    all: (tenant) => [...tenant.users.values()],
    find: (tenant, key) => userIn(ctx, tenant, key),
  });
}

function registerGroupRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  registerCollection(app, ctx, {
    entitySet: "groups",
    kind: "group",
    roles: GROUP_ROLES,
    all: (tenant) => [...tenant.groups.values()],
    find: groupIn,
  });
  registerMemberRoutes(app, ctx, "members");
  registerMemberRoutes(app, ctx, "transitiveMembers");
}

/** Graph v1.0 directory reads: users, groups, members and transitive members; `/me` is refused app-only. */
export async function registerDirectoryRoutes(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  registerUserRoutes(app, ctx);
  registerGroupRoutes(app, ctx);
  const refuseMe = async () => {
    throw new GraphError(400, "BadRequest", ME_ERROR);
  };
  app.all("/me", refuseMe);
  app.all("/me/*", refuseMe);
}
