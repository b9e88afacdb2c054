import type { EmulatorContext } from "../context.js";
import type { GraphPrincipal } from "../graph/principal.js";
import type { User } from "../world/types.js";
import { mailboxKeyOfGraphUrl } from "./mailbox-path.js";

/**
 * Users found by (tenant, id or UPN). This sits on every mailbox request, so hits are remembered while the
 * user still exists under that UPN (the world's own look-up is indexed too, but rebuilds its index after a
 * removal).
 */
const userCache = new WeakMap<EmulatorContext, Map<string, User>>();

function findUser(ctx: EmulatorContext, tenantId: string, idOrUpn: string): User | undefined {
  let cache = userCache.get(ctx);
  if (!cache) {
    cache = new Map();
    userCache.set(ctx, cache);
  }
  const tenant = ctx.world.tenants.get(tenantId);
  if (!tenant) return undefined;
  const lower = idOrUpn.toLowerCase();
  const key = `${tenantId}|${lower}`;
  const cached = cache.get(key);
  const stillValid =
    cached !== undefined &&
    tenant.users.get(cached.id) === cached &&
    (cached.userPrincipalName.toLowerCase() === lower || cached.id.toLowerCase() === lower);
  if (stillValid) return cached;
  const user = ctx.world.userByIdOrUpn(tenant, idOrUpn);
  if (user) cache.set(key, user);
  else cache.delete(key);
  return user;
}

/** The user of the principal's tenant whose mailbox an Outlook request addresses; unknown users: none. */
export function addressedMailbox(
  ctx: EmulatorContext,
  principal: GraphPrincipal,
  url: string,
): User | undefined {
  const key = mailboxKeyOfGraphUrl(url);
  return key === undefined ? undefined : findUser(ctx, principal.tenantId, key);
}
