import type { Group, User } from "@microsoft/microsoft-graph-types";
import { GraphRequestError } from "./errors.js";
import type { GraphRequester } from "./requester.js";

/**
 * Directory reads for group bindings (GRAPH-NOTES 7): a group by id or display name, and the users among
 * its transitive members. Only neutral shapes leave this file.
 */

export interface DirectoryGroup {
  id: string;
  displayName: string;
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  /** The primary SMTP address; null for users without a mailbox address. */
  mail: string | null;
  userPrincipalName: string;
  /** The requested extra attribute (e.g. employeeId), as text; null when the user has no value. */
  attribute?: string | null;
}

/** Where a read happens, for error messages: the connection's name (and the group as the caller names it). */
export interface DirectoryContext {
  connection: string;
}

/** Two or more groups carry the display name asked for: the caller must name one by id. */
export class AmbiguousGroupError extends Error {
  override readonly name = "AmbiguousGroupError";

  constructor(
    readonly displayName: string,
    readonly ids: string[],
  ) {
    super(`${ids.length} groups are named "${displayName}" (${ids.join(", ")}); name the group by its id`);
  }
}

// Graph's largest directory page (1 to 999): fewer round trips for large groups.
const PAGE_SIZE = 999;
// The cast to users is an advanced query in Graph's directory: eventual consistency and $count (GRAPH-NOTES 7).
const ADVANCED = { ConsistencyLevel: "eventual" };
const GROUP_FIELDS = "id,displayName";
const USER_FIELDS = ["id", "displayName", "mail", "userPrincipalName"];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A property name Graph could know: plain names and `extension_<app>_<name>` (never query syntax). */
export const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,127}$/;

const neutralGroup = (group: Group): DirectoryGroup => ({
  id: group.id ?? "",
  displayName: group.displayName ?? "",
});

/** A group by object id; a group that does not exist is a `not-found` GraphRequestError. */
export async function getGroup(
  requester: GraphRequester,
  id: string,
  where: DirectoryContext,
): Promise<DirectoryGroup> {
  const response = await requester.request<Group>(
    "GET",
    `/groups/${encodeURIComponent(id)}?$select=${GROUP_FIELDS}`,
    { context: `read group ${id} through connection ${where.connection}` },
  );
  return neutralGroup(response.body);
}

/**
 * A group named by object id or display name (ids are tried as ids first, as a display name may look like
 * anything). Undefined when none matches; AmbiguousGroupError when several groups carry the name.
 */
export async function findGroup(
  requester: GraphRequester,
  idOrName: string,
  where: DirectoryContext,
): Promise<DirectoryGroup | undefined> {
  if (GUID.test(idOrName)) {
    try {
      return await getGroup(requester, idOrName, where);
    } catch (error) {
      if (!(error instanceof GraphRequestError && error.kind === "not-found")) throw error;
    }
  }
  return findGroupByName(requester, idOrName, where);
}

async function findGroupByName(
  requester: GraphRequester,
  displayName: string,
  where: DirectoryContext,
): Promise<DirectoryGroup | undefined> {
  // OData string literals escape a quote by doubling it.
  const filter = encodeURIComponent(`displayName eq '${displayName.replaceAll("'", "''")}'`);
  const found: DirectoryGroup[] = [];
  const pages = requester.pages<Group>(`/groups?$filter=${filter}&$select=${GROUP_FIELDS}`, {
    context: `find group "${displayName}" through connection ${where.connection}`,
  });
  for await (const page of pages) found.push(...page.value.map(neutralGroup));
  if (found.length > 1) throw new AmbiguousGroupError(displayName, found.map((group) => group.id).sort());
  return found[0];
}

/**
 * Groups whose display name has a word starting with `text` (Graph's `$search`, an advanced query), up
 * to `top`, by display name; an object id finds that group. For picking a group to bind.
 */
export async function searchGroups(
  requester: GraphRequester,
  text: string,
  where: DirectoryContext,
  top = 20,
): Promise<DirectoryGroup[]> {
  const trimmed = text.trim();
  if (GUID.test(trimmed)) {
    try {
      return [await getGroup(requester, trimmed, where)];
    } catch (error) {
      if (!(error instanceof GraphRequestError && error.kind === "not-found")) throw error;
    }
  }
  // Inside $search's quotes a double quote or a backslash would end or escape the term: leave them out.
  const term = trimmed.replace(/["\\]/g, " ").trim();
  if (term === "") return [];
  const search = encodeURIComponent(`"displayName:${term}"`);
  const response = await requester.request<{ value: Group[] }>(
    "GET",
    `/groups?$search=${search}&$select=${GROUP_FIELDS}&$top=${top}&$count=true`,
    { headers: ADVANCED, context: `search groups "${term}" through connection ${where.connection}` },
  );
  return response.body.value.map(neutralGroup).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/**
 * Every user among a group's members, nested groups included (transitive), each once. With `attribute`,
 * that user property is read too and returned as text (numbers and booleans turned into text).
 */
export async function readGroupMembers(
  requester: GraphRequester,
  groupId: string,
  where: DirectoryContext & { attribute?: string | null },
): Promise<DirectoryUser[]> {
  const attribute = where.attribute ?? undefined;
  if (attribute !== undefined && !ATTRIBUTE_NAME.test(attribute))
    throw new RangeError(`"${attribute}" is not a user property name`);
  const select = attribute === undefined ? USER_FIELDS : [...USER_FIELDS, attribute];
  const path =
    `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user` +
    `?$select=${select.join(",")}&$top=${PAGE_SIZE}&$count=true`;
  const members = new Map<string, DirectoryUser>();
  const pages = requester.pages<User>(path, {
    headers: ADVANCED,
    context: `read members of group ${groupId} through connection ${where.connection}`,
  });
  for await (const page of pages) {
    for (const user of page.value) {
      const member = neutralUser(user, attribute);
      if (member) members.set(member.id, member);
    }
  }
  return [...members.values()];
}

function neutralUser(user: User, attribute: string | undefined): DirectoryUser | undefined {
  // Both were selected and Graph always has them for a user; an object without them is no one to pair.
  if (!user.id || !user.userPrincipalName) return undefined;
  const member: DirectoryUser = {
    id: user.id,
    displayName: user.displayName ?? user.userPrincipalName,
    mail: user.mail || null,
    userPrincipalName: user.userPrincipalName,
  };
  if (attribute !== undefined) member.attribute = attributeText((user as Record<string, unknown>)[attribute]);
  return member;
}

function attributeText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}
