import { createHash, randomBytes } from "node:crypto";

/**
 * The service's bearer secrets: 256 random bits, base64url, behind a prefix that says what they are (and
 * lets secret scanners recognise a leaked one). Only their SHA-256 is stored: they are random, so a fast
 * hash is enough (no dictionary to guess from), and a lookup by hash needs no per-row salt.
 */
export const TOKEN_PREFIX = { session: "ccs_", api: "cct_", setup: "ccsetup_" } as const;

export function newSecret(kind: keyof typeof TOKEN_PREFIX): string {
  return `${TOKEN_PREFIX[kind]}${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
