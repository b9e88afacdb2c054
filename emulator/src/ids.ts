import { randomBytes, randomUUID } from "node:crypto";

/** A directory object id (users, groups, apps, tenants): a GUID, as Entra issues them. */
export function newGuid(): string {
  return randomUUID();
}

/**
 * An Outlook item id. Real ids are long base64url strings that begin with "AAMk"; clients must treat
 * them as opaque and case-sensitive, so we imitate the shape rather than the content.
 */
export function newItemId(): string {
  return `AAMkA${randomBytes(24).toString("base64url")}`;
}

/** A changeKey: a short opaque version string that changes on every write. */
export function newChangeKey(): string {
  return randomBytes(12).toString("base64");
}

/** An opaque token (delta state, subscription validation, skip tokens). */
export function newOpaqueToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}
