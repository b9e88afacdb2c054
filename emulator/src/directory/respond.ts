import type { FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context.js";
import { encodeSkipToken, linkWith, pageOf } from "../graph/odata/paging.js";
import type { Group, User } from "../world/types.js";
import { serialize } from "./properties.js";
import { applyQuery, type DirectoryQuery } from "./query.js";

/** `@odata.context` of a collection, with the `$select` list as Graph writes it. */
export function contextUrl(ctx: EmulatorContext, entitySet: string, select?: string[]): string {
  return `${ctx.url}/v1.0/$metadata#${entitySet}${select ? `(${select.join(",")})` : ""}`;
}

/**
 * One page of a directory collection: filtered, counted (`@odata.count` with advanced queries), then
 * paged with an opaque `$skiptoken` in an absolute `@odata.nextLink` that keeps the other options.
 */
export function listPage(
  ctx: EmulatorContext,
  request: FastifyRequest,
  objects: Array<User | Group>,
  query: DirectoryQuery,
  options: { entitySet: string; withType: boolean },
): Record<string, unknown> {
  const kept = applyQuery(objects, query);
  const page = pageOf(kept, { pageSize: query.pageSize, offset: query.offset }, (next) =>
    linkWith(ctx.url, request.url, { $skiptoken: encodeSkipToken({ offset: next }) }),
  );
  const body: Record<string, unknown> = {
    "@odata.context": contextUrl(ctx, options.entitySet, query.select),
  };
  if (query.count) body["@odata.count"] = kept.length;
  if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
  body.value = page.value.map((object) => serialize(object, query.select, options.withType));
  return body;
}
