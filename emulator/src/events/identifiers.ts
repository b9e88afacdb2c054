import { randomBytes } from "node:crypto";

/**
 * Occurrence ids are opaque to clients but must lead back to the series master and the original start,
 * the way Exchange's occurrence ids embed both. Master ids start "AAMkA"; occurrence ids use "AAMkI" so
 * the two never collide.
 */
const OCCURRENCE_PREFIX = "AAMkI";

export function occurrenceId(masterId: string, originalStart: number): string {
  return OCCURRENCE_PREFIX + Buffer.from(`${masterId}|${originalStart}`).toString("base64url");
}

export function parseOccurrenceId(id: string): { masterId: string; originalStart: number } | undefined {
  if (!id.startsWith(OCCURRENCE_PREFIX)) return undefined;
  const decoded = Buffer.from(id.slice(OCCURRENCE_PREFIX.length), "base64url").toString();
  const bar = decoded.lastIndexOf("|");
  if (bar <= 0) return undefined;
  const originalStart = Number(decoded.slice(bar + 1));
  if (!Number.isSafeInteger(originalStart)) return undefined;
  return { masterId: decoded.slice(0, bar), originalStart };
}

/** Exchange's iCalUId shape: a fixed Outlook prefix followed by a global object id in hex. */
export function newICalUId(): string {
  return `040000008200E00074C5B7101A82E00800000000${randomBytes(24).toString("hex").toUpperCase()}`;
}

export const etagOf = (changeKey: string) => `W/"${changeKey}"`;
