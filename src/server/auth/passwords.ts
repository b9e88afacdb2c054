import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Password hashing with scrypt from node:crypto (memory-hard, no native add-on to build). The stored text
 * names its parameters — `scrypt$N$r$p$salt$hash`, base64url — so hashes made with today's cost keep
 * verifying after the default is raised.
 */

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommendation for scrypt: N=2^17, r=8, p=1 (128 MiB, a few hundred ms per hash). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is below OWASP's cost.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, cost);
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

function parse(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } {
  const [scheme, N, r, p, salt, key] = stored.split("$");
  const cost = { N: Number(N), r: Number(r), p: Number(p) };
  if (scheme !== "scrypt" || !salt || !key || !Object.values(cost).every(Number.isSafeInteger)) {
    throw new Error("stored password hash is not in the scrypt$N$r$p$salt$hash format");
  }
  return { cost, salt: Buffer.from(salt, "base64url"), key: Buffer.from(key, "base64url") };
}

/** Whether `password` matches `stored`, compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { cost, salt, key } = parse(stored);
  const candidate = await derive(password, salt, cost);
  return candidate.length === key.length && timingSafeEqual(candidate, key);
}
