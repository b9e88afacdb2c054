import type { Group, User } from "../world/types.js";
import { directoryBadRequest } from "./errors.js";

export type DirectoryKind = "user" | "group";

/** Every property the emulator can return for a user; the first ones are Graph v1.0's default set. */
function userProperties(user: User): Record<string, unknown> {
  return {
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName ?? null,
    jobTitle: user.jobTitle ?? null,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: user.surname ?? null,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
    accountEnabled: true,
    department: user.department ?? null,
    mailNickname: user.userPrincipalName.split("@")[0],
    otherMails: [],
    proxyAddresses: [`SMTP:${user.mail}`],
    userType: "Member",
  };
}

const USER_DEFAULT = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
];

function groupProperties(group: Group): Record<string, unknown> {
  return {
    id: group.id,
    deletedDateTime: null,
    classification: null,
    description: null,
    displayName: group.displayName,
    groupTypes: [],
    mail: group.mail ?? null,
    mailEnabled: true,
    mailNickname: group.mailNickname,
    securityEnabled: true,
    visibility: null,
  };
}

/** Every property of a directory object of either kind (the resolver reads filters from these). */
export function allProperties(object: User | Group): Record<string, unknown> {
  return "userPrincipalName" in object ? userProperties(object) : groupProperties(object);
}

export function kindOf(object: User | Group): DirectoryKind {
  return "userPrincipalName" in object ? "user" : "group";
}

/** `$select` names, validated against the type (Graph: "Could not find a property named ..."). */
export function parseSelect(raw: string | undefined, kinds: DirectoryKind[]): string[] | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const known = new Map<string, string>();
  const samples: Record<DirectoryKind, Record<string, unknown>> = {
    user: userProperties({ id: "", tenantId: "", userPrincipalName: "a@b", mail: "", displayName: "" }),
    group: groupProperties({ id: "", tenantId: "", displayName: "", mailNickname: "", memberIds: [] }),
  };
  for (const kind of kinds)
    for (const name of Object.keys(samples[kind])) known.set(name.toLowerCase(), name);
  return raw.split(",").map((part) => {
    const name = part.trim();
    const canonical = known.get(name.toLowerCase());
    if (!canonical) {
      const type = kinds.length === 1 ? `microsoft.graph.${kinds[0]}` : "microsoft.graph.directoryObject";
      throw directoryBadRequest(`Could not find a property named '${name}' on type '${type}'.`);
    }
    return canonical;
  });
}

/**
 * A directory object as Graph returns it: the default property set, or only the `$select`ed ones.
 * `withType` adds `@odata.type`, as Graph does in mixed collections (members, transitiveMembers).
 */
export function serialize(
  object: User | Group,
  select?: string[],
  withType = false,
): Record<string, unknown> {
  const all = allProperties(object);
  const kind = kindOf(object);
  const names = select ?? (kind === "user" ? USER_DEFAULT : Object.keys(all));
  const result: Record<string, unknown> = withType ? { "@odata.type": `#microsoft.graph.${kind}` } : {};
  for (const name of names) if (name in all) result[name] = all[name];
  return result;
}
