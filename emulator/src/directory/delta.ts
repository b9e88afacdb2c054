import type { FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context.js";
import { GraphError } from "../graph/errors.js";
import { evaluateFilter, filterPaths, parseFilter } from "../graph/odata/filter.js";
import type { Group, Tenant, User } from "../world/types.js";
import {
  DELTA_TOKEN_LIFETIME_MS,
  type DeltaState,
  deltaStoreOf,
  type ObjectSnapshot,
} from "./delta-state.js";
import { unsupportedQuery } from "./errors.js";
import { directMembers } from "./members.js";
import { type DirectoryKind, kindOf, parseSelect, serialize } from "./properties.js";
import { contextUrl } from "./respond.js";

const PAGE_SIZE = 100;

const syncStateNotFound = () =>
  new GraphError(
    400,
    "syncStateNotFound",
    "The sync state generation is not found. The delta token is expired and data must be synchronized again.",
  );

type Query = Record<string, string | undefined>;

function option(query: Query, name: string): string | undefined {
  const key = Object.keys(query).find((k) => k.replace(/^\$/, "").toLowerCase() === name);
  return key === undefined ? undefined : query[key];
}

function objectsOf(tenant: Tenant, state: Pick<DeltaState, "kind" | "idFilter">): Array<User | Group> {
  const all: Array<User | Group> =
    state.kind === "user" ? [...tenant.users.values()] : [...tenant.groups.values()];
  if (state.idFilter === undefined) return all;
  const expression = parseFilter(state.idFilter);
  return all.filter((object) => evaluateFilter(expression, { id: object.id }));
}

function snapshotOf(tenant: Tenant, state: DeltaState): Map<string, ObjectSnapshot> {
  const snapshot = new Map<string, ObjectSnapshot>();
  for (const object of objectsOf(tenant, state)) {
    const entry: ObjectSnapshot = { fingerprint: JSON.stringify(serialize(object, state.select)) };
    if (state.includeMembers && kindOf(object) === "group") {
      entry.members = new Map(directMembers(tenant, object as Group).map((m) => [m.id, kindOf(m)]));
    }
    snapshot.set(object.id, entry);
  }
  return snapshot;
}

const memberRef = (id: string, kind: DirectoryKind) => ({ "@odata.type": `#microsoft.graph.${kind}`, id });

/** Members added since `before` (all when new), then those removed, as `members@delta` lists them. */
function membersDelta(before: ObjectSnapshot | undefined, now: ObjectSnapshot) {
  const previous = before?.members ?? new Map<string, DirectoryKind>();
  const current = now.members ?? new Map<string, DirectoryKind>();
  const added = [...current].filter(([id]) => !previous.has(id)).map(([id, kind]) => memberRef(id, kind));
  const removed = [...previous]
    .filter(([id]) => !current.has(id))
    .map(([id, kind]) => ({ ...memberRef(id, kind), "@removed": { reason: "deleted" } }));
  return [...added, ...removed];
}

/** The changes between a state's snapshot and now: new or changed objects, then removed ones. */
function changesSince(tenant: Tenant, state: DeltaState, now: Map<string, ObjectSnapshot>) {
  const items: Array<Record<string, unknown>> = [];
  for (const object of objectsOf(tenant, state)) {
    const before = state.snapshot.get(object.id);
    const after = now.get(object.id)!;
    const members = state.includeMembers && kindOf(object) === "group" ? membersDelta(before, after) : [];
    if (before && before.fingerprint === after.fingerprint && members.length === 0) continue;
    const item = serialize(object, state.select);
    if (members.length > 0 || (!before && state.includeMembers && kindOf(object) === "group"))
      item["members@delta"] = members;
    items.push(item);
  }
  for (const id of state.snapshot.keys()) {
    if (!now.has(id)) items.push({ id, "@removed": { reason: "changed" } });
  }
  return items;
}

/** A first request fixes the query's shape: `$select` (with `members` for groups) and an id `$filter`. */
function newState(request: FastifyRequest, kind: DirectoryKind, tenantId: string, nowMs: number): DeltaState {
  const query = (request.query ?? {}) as Query;
  for (const unsupported of ["expand", "orderby"]) {
    if (option(query, unsupported) !== undefined) throw unsupportedQuery();
  }
  const rawSelect = option(query, "select");
  const names = rawSelect?.split(",").map((s) => s.trim()) ?? [];
  const wantsMembers =
    kind === "group" && (rawSelect === undefined || names.some((n) => n.toLowerCase() === "members"));
  const properties = names.filter((n) => n.toLowerCase() !== "members");
  const select = parseSelect(properties.length > 0 ? properties.join(",") : undefined, [kind]);
  const state: DeltaState = {
    kind,
    tenantId,
    includeMembers: wantsMembers,
    snapshot: new Map(),
    createdMs: nowMs,
  };
  if (select) state.select = [...new Set(["id", ...select])];
  const filter = option(query, "filter");
  if (filter !== undefined) {
    // Directory delta filters only by object id (`id eq '...'`, or-ed, or `id in (...)`).
    if (filterPaths(parseFilter(filter)).some((path) => path.join("/").toLowerCase() !== "id"))
      throw unsupportedQuery();
    state.idFilter = filter;
  }
  return state;
}

function deltaLinkBase(ctx: EmulatorContext, kind: DirectoryKind): string {
  return `${ctx.url}/v1.0/${kind}s/delta`;
}

/** Stores what was sent and answers the first page of a round (nextLink, or deltaLink when done). */
function startRound(ctx: EmulatorContext, state: DeltaState, items: Array<Record<string, unknown>>) {
  const store = deltaStoreOf(ctx);
  const token = store.rounds.put({ state, items });
  return pageOfRound(ctx, token, 0);
}

function pageOfRound(ctx: EmulatorContext, roundKey: string, offset: number) {
  const store = deltaStoreOf(ctx);
  const round = store.rounds.get(roundKey);
  if (!round) throw syncStateNotFound();
  const { state, items } = round;
  const body: Record<string, unknown> = { "@odata.context": contextUrl(ctx, `${state.kind}s`, state.select) };
  const end = offset + PAGE_SIZE;
  const base = deltaLinkBase(ctx, state.kind);
  if (end < items.length) body["@odata.nextLink"] = `${base}?$skiptoken=${roundKey}.${end}`;
  else body["@odata.deltaLink"] = `${base}?$deltatoken=${store.states.put(state)}`;
  body.value = items.slice(offset, end);
  return body;
}

/**
 * `GET /users/delta` and `/groups/delta`: the first round returns every object (groups with their members
 * in `members@delta`); a deltaLink returns what changed since, removed objects as `@removed`.
 * `$deltatoken=latest` skips the first round. Tokens expire after 7 days (400 syncStateNotFound).
 */
export function directoryDelta(
  ctx: EmulatorContext,
  request: FastifyRequest,
  kind: DirectoryKind,
  tenant: Tenant,
) {
  const query = (request.query ?? {}) as Query;
  const nowMs = ctx.clock.now();
  const skipToken = option(query, "skiptoken");
  if (skipToken !== undefined) {
    const [roundKey = "", offset = "0"] = skipToken.split(".");
    return pageOfRound(ctx, roundKey, Number(offset) || 0);
  }
  const deltaToken = option(query, "deltatoken");
  if (deltaToken === undefined || deltaToken.toLowerCase() === "latest") {
    const state = newState(request, kind, tenant.id, nowMs);
    state.snapshot = snapshotOf(tenant, state);
    const items =
      deltaToken === undefined ? changesSince(tenant, { ...state, snapshot: new Map() }, state.snapshot) : [];
    return startRound(ctx, state, items);
  }
  const previous = deltaStoreOf(ctx).states.get(deltaToken);
  if (!previous || previous.tenantId !== tenant.id || previous.kind !== kind) throw syncStateNotFound();
  if (nowMs - previous.createdMs > DELTA_TOKEN_LIFETIME_MS) throw syncStateNotFound();
  const now = snapshotOf(tenant, previous);
  const items = changesSince(tenant, previous, now);
  return startRound(ctx, { ...previous, snapshot: now, createdMs: nowMs }, items);
}
