import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares two secrets (a webhook's clientState, a token) in time that does not depend on where they
 * differ. Both are hashed first, so their lengths leak nothing either and timingSafeEqual gets equal sizes.
 */
export function safeEqual(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
