import { GraphError } from "../errors.js";

/** One page of a list answer: the items and, when more remain, the absolute `@odata.nextLink`. */
export interface Page<T> {
  value: T[];
  nextLink?: string;
}

/** Slices `items` at `offset`; when items remain, asks `nextLink` for the URL of the page at `nextOffset`. */
export function pageOf<T>(
  items: readonly T[],
  window: { pageSize: number; offset?: number },
  nextLink: (nextOffset: number) => string,
): Page<T> {
  const offset = Math.max(0, window.offset ?? 0);
  const end = offset + Math.max(1, window.pageSize);
  const page: Page<T> = { value: items.slice(offset, end) };
  if (end < items.length) page.nextLink = nextLink(end);
  return page;
}

/** The separate preferences of one or several `Prefer` headers (comma-separated), trimmed. */
export function preferencesOf(header: string | string[] | undefined): string[] {
  const all = Array.isArray(header) ? header : header ? [header] : [];
  return all
    .flatMap((value) => value.split(","))
    .map((p) => p.trim())
    .filter(Boolean);
}

/** `odata.maxpagesize=N` (N a positive integer, optionally quoted) from `Prefer`, if present. */
export function maxPageSizeOf(header: string | string[] | undefined): number | undefined {
  for (const preference of preferencesOf(header)) {
    const match = /^odata\.maxpagesize\s*=\s*"?(\d+)"?$/i.exec(preference);
    const size = match ? Number(match[1]) : 0;
    if (size > 0) return size;
  }
  return undefined;
}

export interface IntegerOptionRule {
  min: number;
  max?: number;
  /** The 400 message for a value out of range (Graph words it per resource family). */
  outOfRange?: (raw: string) => string;
}

/** A non-negative integer query option such as `$top` or `$skip`; undefined when absent. */
export function integerOption(
  name: string,
  raw: string | undefined,
  rule: IntegerOptionRule,
): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (!/^-?\d+$/.test(text)) {
    throw new GraphError(
      400,
      "BadRequest",
      `Invalid value '${raw}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`,
    );
  }
  const value = Number(text);
  if (value < rule.min || (rule.max !== undefined && value > rule.max)) {
    const message =
      rule.outOfRange?.(text) ??
      `Invalid value '${raw}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`;
    throw new GraphError(400, "BadRequest", message);
  }
  return value;
}

/** Opaque `$skiptoken` carrying a small state (an offset and whatever the resource needs). */
export function encodeSkipToken(state: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(state), "utf8").toString("base64url");
}

/** The state in a `$skiptoken`; a token this emulator did not issue is a 400, as Graph answers. */
export function decodeSkipToken(token: string): Record<string, unknown> {
  try {
    const state = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
    if (state && typeof state === "object" && !Array.isArray(state)) return state as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new GraphError(400, "BadRequest", "Invalid $skiptoken value.");
}

/**
 * The absolute URL of another page of the same request: `baseUrl` plus the request's path and query,
 * with `set` applied (undefined removes an option). Query option names keep their `$` unescaped, as
 * Graph writes them.
 */
export function linkWith(
  baseUrl: string,
  requestUrl: string,
  set: Record<string, string | undefined>,
): string {
  const [path, query = ""] = requestUrl.split("?", 2) as [string, string?];
  const pairs: Array<[string, string]> = [];
  for (const part of query.split("&").filter(Boolean)) {
    const eq = part.indexOf("=");
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const key = decodeURIComponent(rawKey.replace(/\+/g, " "));
    if (Object.keys(set).some((name) => name.toLowerCase() === key.toLowerCase())) continue;
    pairs.push([key, eq < 0 ? "" : part.slice(eq + 1)]);
  }
  for (const [key, value] of Object.entries(set)) {
    if (value !== undefined) pairs.push([key, encodeURIComponent(value)]);
  }
  const search = pairs.map(([key, value]) => `${key}=${value}`).join("&");
  return `${baseUrl}${path}${search ? `?${search}` : ""}`;
}
