import type { FastifyRequest } from "fastify";
import { evaluateFilter, type FilterExpression, filterPaths, parseFilter } from "../graph/odata/filter.js";
import { decodeSkipToken, integerOption } from "../graph/odata/paging.js";
import type { Group, User } from "../world/types.js";
import { directoryBadRequest, unsupportedFilterProperty, unsupportedQuery } from "./errors.js";
import { allProperties, type DirectoryKind, parseSelect } from "./properties.js";

export const DEFAULT_PAGE_SIZE = 100;

/** Query options of a directory list, already validated. */
export interface DirectoryQuery {
  pageSize: number;
  offset: number;
  select?: string[];
  filter?: FilterExpression;
  search?: string;
  /** `$count=true` with `ConsistencyLevel: eventual` (without the header Graph ignores `$count=true`). */
  count: boolean;
  /** `ConsistencyLevel: eventual` was sent: advanced query capabilities are on. */
  advanced: boolean;
}

type Query = Record<string, string | undefined>;

/** Query option names are case-insensitive, with or without `$` (Graph accepts `top=5` too). */
function option(query: Query, name: string): string | undefined {
  for (const [key, value] of Object.entries(query)) {
    const bare = key.replace(/^\$/, "").toLowerCase();
    if (bare === name) return Array.isArray(value) ? String(value[0]) : value;
  }
  return undefined;
}

export function isAdvanced(request: FastifyRequest): boolean {
  const header = request.headers.consistencylevel;
  return typeof header === "string" && header.trim().toLowerCase() === "eventual";
}

/** Properties each directory type may be filtered on without advanced queries (eq, in, startswith). */
const FILTERABLE: Record<DirectoryKind, string[]> = {
  user: [
    "id",
    "mail",
    "userprincipalname",
    "displayname",
    "givenname",
    "surname",
    "jobtitle",
    "department",
    "proxyaddresses",
    "accountenabled",
    "usertype",
    "mailnickname",
    "othermails",
  ],
  group: ["id", "displayname", "mail", "mailnickname", "mailenabled", "securityenabled", "grouptypes"],
};

/** Functions and operators that only work with `ConsistencyLevel: eventual` (+ `$count=true`). */
function requiresAdvanced(expression: FilterExpression): boolean {
  switch (expression.kind) {
    case "call":
      return expression.name === "endswith" || expression.args.some(requiresAdvanced);
    case "not":
      return true;
    case "compare":
      return (
        expression.op === "ne" || requiresAdvanced(expression.left) || requiresAdvanced(expression.right)
      );
    case "and":
    case "or":
      return requiresAdvanced(expression.left) || requiresAdvanced(expression.right);
    default:
      return false;
  }
}

function usesUnsupportedFunction(expression: FilterExpression): boolean {
  switch (expression.kind) {
    case "call":
      return (
        !["startswith", "endswith", "tolower", "toupper"].includes(expression.name) ||
        expression.args.some(usesUnsupportedFunction)
      );
    case "not":
      return usesUnsupportedFunction(expression.operand);
    case "compare":
    case "and":
    case "or":
      return usesUnsupportedFunction(expression.left) || usesUnsupportedFunction(expression.right);
    default:
      return false;
  }
}

function checkFilter(
  expression: FilterExpression,
  kinds: DirectoryKind[],
  advanced: boolean,
  count: boolean,
): void {
  const resource = kinds.length === 1 ? (kinds[0] === "user" ? "User" : "Group") : "DirectoryObject";
  const allowed = new Set(kinds.flatMap((kind) => FILTERABLE[kind]));
  for (const path of filterPaths(expression)) {
    if (!allowed.has(path[0]!.toLowerCase())) throw unsupportedFilterProperty(path[0]!, resource);
  }
  if (usesUnsupportedFunction(expression)) throw unsupportedQuery();
  if (requiresAdvanced(expression) && !(advanced && count)) throw unsupportedQuery();
}

function parseDirectoryFilter(raw: string, kinds: DirectoryKind[], advanced: boolean, count: boolean) {
  const expression = parseFilter(raw);
  checkFilter(expression, kinds, advanced, count);
  return expression;
}

export function parseDirectoryQuery(request: FastifyRequest, kinds: DirectoryKind[]): DirectoryQuery {
  const query = (request.query ?? {}) as Query;
  const advanced = isAdvanced(request);
  const top = integerOption("$top", option(query, "top"), {
    min: 1,
    max: 999,
    outOfRange: (value) => `Invalid page size specified: '${value}'. Must be between 1 and 999 inclusive.`,
  });
  const skipToken = option(query, "skiptoken");
  const offset = skipToken === undefined ? 0 : Number(decodeSkipToken(skipToken).offset ?? 0);
  const countRaw = option(query, "count")?.toLowerCase();
  if (countRaw !== undefined && countRaw !== "true" && countRaw !== "false") {
    throw directoryBadRequest(`Invalid value '${countRaw}' for $count query option found.`);
  }
  const count = advanced && countRaw === "true";
  const search = option(query, "search");
  if (search !== undefined && !advanced) {
    throw unsupportedQuery(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  }
  const filterRaw = option(query, "filter");
  const result: DirectoryQuery = { pageSize: top ?? DEFAULT_PAGE_SIZE, offset, count, advanced };
  const select = parseSelect(option(query, "select"), kinds);
  if (select) result.select = select;
  if (filterRaw !== undefined)
    result.filter = parseDirectoryFilter(filterRaw, kinds, advanced, countRaw === "true");
  if (search !== undefined) result.search = search;
  return result;
}

/** `"property:text"` clauses joined by AND/OR; a clause matches a word of the property by prefix. */
function searchMatches(object: User | Group, search: string): boolean {
  const all = allProperties(object);
  const clause = (text: string) => {
    const match = /^"?([^":]+):([^"]*)"?$/.exec(text.trim());
    if (!match)
      throw unsupportedQuery(
        `Syntax error: character '${text.trim()[0] ?? ""}' is not valid at position 0 in '${search}'.`,
      );
    const key = Object.keys(all).find((k) => k.toLowerCase() === match[1]!.toLowerCase());
    const value = key ? all[key] : undefined;
    const needle = match[2]!.toLowerCase();
    return (
      typeof value === "string" &&
      value
        .toLowerCase()
        .split(/[\s@._-]+/)
        .some((word) => word.startsWith(needle))
    );
  };
  return search.split(/\s+OR\s+/).some((any) => any.split(/\s+AND\s+/).every(clause));
}

/** The objects a list query keeps, in order. */
export function applyQuery<T extends User | Group>(objects: T[], query: DirectoryQuery): T[] {
  return objects.filter((object) => {
    if (query.filter && !evaluateFilter(query.filter, allProperties(object))) return false;
    if (query.search !== undefined && !searchMatches(object, query.search)) return false;
    return true;
  });
}
