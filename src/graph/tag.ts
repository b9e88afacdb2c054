import type { CopyTag, Side } from "../core/event.js";

/**
 * The provenance tag on every copy crosscal writes: one single-value extended property (it survives item
 * moves, is invisible to people, and can be filtered on; GRAPH-NOTES §6). The GUID is crosscal's own
 * property set and must never change, or existing copies stop being recognised.
 */
export const TAG_PROPERTY_ID = "String {4cdcc3d6-7ec5-4599-88a8-ef53400fea7c} Name crosscal.source";

const SCHEME = "crosscal";
const VERSION = "1";

/**
 * encodeURIComponent plus the five characters it leaves alone that matter to us: `'` would need OData
 * quoting in a $filter, and `!()*` keep the encoding canonical (RFC 3986 unreserved only). The result
 * contains no ":", so ":" separates the fields unambiguously.
 */
function encodePart(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decodePart(text: string): string | undefined {
  if (text === "") return undefined;
  try {
    const decoded = decodeURIComponent(text);
    // Only the one spelling encodePart produces is accepted, so a tag has exactly one value.
    return encodePart(decoded) === text ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** The start every tag of `profileId` shares (with the trailing separator: "p1" never matches "p10"). */
export function tagPrefix(profileId: string): string {
  if (!profileId) throw new Error("a copy tag needs a profile id");
  return `${SCHEME}:${VERSION}:${encodePart(profileId)}:`;
}

/** "crosscal:1:<profileId>:<A|B>:<sourceId>", each free-text part percent-encoded. */
export function encodeTag(tag: CopyTag): string {
  if (!tag.sourceId) throw new Error("a copy tag needs a source id");
  if (tag.sourceSide !== "A" && tag.sourceSide !== "B") {
    throw new Error(`a copy tag's source side is A or B, not ${String(tag.sourceSide)}`);
  }
  return `${tagPrefix(tag.profileId)}${tag.sourceSide}:${encodePart(tag.sourceId)}`;
}

/** The tag a value encodes, or undefined when the value is not one `encodeTag` could have written. */
export function decodeTag(value: string): CopyTag | undefined {
  const parts = value.split(":");
  if (parts.length !== 5) return undefined;
  const [scheme, version, profile, side, source] = parts as [string, string, string, string, string];
  if (scheme !== SCHEME || version !== VERSION) return undefined;
  if (side !== "A" && side !== "B") return undefined;
  const profileId = decodePart(profile);
  const sourceId = decodePart(source);
  if (profileId === undefined || sourceId === undefined) return undefined;
  return { profileId, sourceSide: side as Side, sourceId };
}

/** An OData string literal: single quotes doubled. */
export function odataString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `$expand` that returns the tag with an event (the only way Graph returns extended properties). */
export const TAG_EXPAND = `singleValueExtendedProperties($filter=id eq ${odataString(TAG_PROPERTY_ID)})`;

/**
 * `$filter` on /events for the copies of one profile. Graph documents `startswith` on string extended
 * property values inside `Any` (GRAPH-NOTES §6) and the emulator implements it. Value matching is
 * case-insensitive there, so callers re-check the decoded profile id exactly.
 */
export function copiesFilter(profileId: string): string {
  return `singleValueExtendedProperties/Any(ep: ep/id eq ${odataString(TAG_PROPERTY_ID)} and startswith(ep/value, ${odataString(tagPrefix(profileId))}))`;
}

/** The tag property as written in a POST body. */
export function tagProperty(tag: CopyTag): { id: string; value: string } {
  return { id: TAG_PROPERTY_ID, value: encodeTag(tag) };
}

/**
 * The tag among an event's expanded extended properties: undefined when absent; an error when present
 * but malformed, because guessing would either copy a copy or leave an original uncopied.
 */
export function tagOf(
  properties: ReadonlyArray<{ id?: string | null; value?: string | null }> | null | undefined,
  eventId: string,
): CopyTag | undefined {
  const property = properties?.find((p) => p.id !== undefined && p.id !== null && sameId(p.id));
  if (!property) return undefined;
  const tag = decodeTag(property.value ?? "");
  if (!tag)
    throw new Error(`event ${eventId} carries a malformed crosscal tag: ${JSON.stringify(property.value)}`);
  return tag;
}

/** Exchange returns the GUID in lower case and keeps the Name's case; the Name is case-sensitive. */
function sameId(id: string): boolean {
  const match = /^(\w+)\s+\{([0-9a-f-]+)\}\s+Name\s+(.+)$/i.exec(id.trim());
  const ours = /^(\w+) \{([0-9a-f-]+)\} Name (.+)$/i.exec(TAG_PROPERTY_ID)!;
  return (
    match !== null &&
    match[1]!.toLowerCase() === ours[1]!.toLowerCase() &&
    match[2]!.toLowerCase() === ours[2]!.toLowerCase() &&
    match[3] === ours[3]
  );
}
