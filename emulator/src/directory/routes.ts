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

function registerUserRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const users = (request: FastifyRequest) => {
    const principal = principalOf(request);
    requireDirectoryRole(principal, USER_ROLES);
    return [...tenantOf(ctx, principal).users.values()];
  };
  app.get("/users", async (request) =>
    listPage(ctx, request, users(request), parseDirectoryQuery(request, ["user"]), {
      entitySet: "users",
      withType: false,
    }),
  );
  app.get("/users/delta", async (request) => {
    const principal = principalOf(request);
    requireDirectoryRole(principal, USER_ROLES);
    return directoryDelta(ctx, request, "user", tenantOf(ctx, principal));
  });
  app.get("/users/$count", async (request, reply) =>
    reply.type("text/plain").send(countOnly(request, users(request), ["user"])),
  );
  app.get<{ Params: { user: string }; Querystring: { $select?: string } }>(
    "/users/:user",
    async (request) => {
      const principal = principalOf(request);
      requireDirectoryRole(principal, USER_ROLES);
      const user = userIn(ctx, tenantOf(ctx, principal), request.params.user);
      const select = parseSelect(request.query.$select, ["user"]);
      return { "@odata.context": `${contextUrl(ctx, "users", select)}/$entity`, ...serialize(user, select) };
    },
  );
}

function registerGroupRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const groups = (request: FastifyRequest) => {
    const principal = principalOf(request);
    requireDirectoryRole(principal, GROUP_ROLES);
    return [...tenantOf(ctx, principal).groups.values()];
  };
  app.get("/groups", async (request) =>
    listPage(ctx, request, groups(request), parseDirectoryQuery(request, ["group"]), {
      entitySet: "groups",
      withType: false,
    }),
  );
  app.get("/groups/delta", async (request) => {
    const principal = principalOf(request);
    requireDirectoryRole(principal, GROUP_ROLES);
    return directoryDelta(ctx, request, "group", tenantOf(ctx, principal));
  });
  app.get("/groups/$count", async (request, reply) =>
    reply.type("text/plain").send(countOnly(request, groups(request), ["group"])),
  );
  app.get<{ Params: { group: string }; Querystring: { $select?: string } }>(
    "/groups/:group",
    async (request) => {
      const principal = principalOf(request);
      requireDirectoryRole(principal, GROUP_ROLES);
      const group = groupIn(tenantOf(ctx, principal), request.params.group);
      const select = parseSelect(request.query.$select, ["group"]);
      return {
        "@odata.context": `${contextUrl(ctx, "groups", select)}/$entity`,
        ...serialize(group, select),
      };
    },
  );
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
