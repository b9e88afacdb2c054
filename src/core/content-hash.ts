import { createHash } from "node:crypto";
import type { EventContent } from "./event.js";

/** JSON with keys sorted at every level, so equal content always serializes the same way. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A fingerprint of any JSON value that does not depend on the order of its keys. */
export function fingerprint(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("base64url");
}

/** The fingerprint of a copy's mapped content: a copy is rewritten only when this changes. */
export function contentHash(content: EventContent): string {
  return fingerprint(content);
}

/**
 * The transactionId of a copy's create: the same original at the same version always gets the same id,
 * so a create retried after a timeout is recognised by the server instead of duplicated.
 */
export function transactionIdFor(
  profileId: string,
  sourceSide: string,
  sourceId: string,
  sourceVersion: string,
) {
  const digest = createHash("sha256").update(`${profileId}\n${sourceSide}\n${sourceId}\n${sourceVersion}`);
  return `crosscal-${digest.digest("base64url").slice(0, 32)}`;
}
