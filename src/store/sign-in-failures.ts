import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { SignInFailuresRow } from "./admin-schema.js";
import type { Store } from "./database.js";
import type { Database } from "./schema.js";
import { type Instant, toOptionalTimestamp, toTimestamp } from "./timestamps.js";

/**
 * Failed sign-ins per throttled key, in the store so that every process of a deployment counts the same
 * failures and `crosscal admin unlock` can forgive them. A key is a username at a client address or a
 * client address alone (the formats below). What a count means (how long it holds a key back) is the
 * server's rule; the store keeps the counts and applies the rule's answer atomically.
 */
export type SignInFailures = SignInFailuresRow;

export const usernameAtAddressKey = (username: string, address: string) => `user:${username}\n${address}`;
export const addressKey = (address: string) => `address:${address}`;

/** Which keys `clearSignInFailures` removes; see there. */
export interface SignInFailureScope {
  username?: string;
  address?: string;
}

export async function findSignInFailures(db: Store, keys: string[]): Promise<SignInFailures[]> {
  if (keys.length === 0) return [];
  return db.selectFrom("signInFailures").selectAll().where("key", "in", keys).execute();
}

/** One more failure on a key, and what it leads to. */
export interface FailureCount {
  at: Instant;
  /** A key whose last failure is older than this starts again from one. */
  forgetBefore: Instant;
  /**
   * Until when the key is held back after its 1st, 2nd… failure in a row (null: not at all); the last
   * entry holds for every later failure. At least one entry.
   */
  blockedUntil: (Instant | null)[];
}

/**
 * Counts a failure on `key`, unless the key is held back at `count.at`: then nothing changes and the
 * answer is undefined. Otherwise the key's row as counted, its new block included. One statement, so the
 * database decides races as it does for leases: of two simultaneous attempts on a key with one free
 * failure left, one is counted and starts the block, the other finds the key blocked. That is why an
 * attempt is counted before its password is judged, and taken back if it was right.
 */
export async function countSignInFailure(
  db: Store,
  key: string,
  count: FailureCount,
): Promise<SignInFailures | undefined> {
  const at = toTimestamp(count.at);
  const forgetBefore = toTimestamp(count.forgetBefore);
  const schedule = count.blockedUntil.map(toOptionalTimestamp);
  return db
    .insertInto("signInFailures")
    .values({ key, failures: 1, lastFailureAt: at, blockedUntil: schedule[0] ?? null })
    .onConflict((conflict) =>
      conflict
        .column("key")
        .doUpdateSet((eb) => {
          const failures = eb
            .case()
            .when("signInFailures.lastFailureAt", "<", forgetBefore)
            .then(1)
            .else(eb("signInFailures.failures", "+", 1))
            .end();
          return { failures, lastFailureAt: at, blockedUntil: scheduled(failures, schedule) };
        })
        .where((eb) =>
          eb.or([eb("signInFailures.blockedUntil", "is", null), eb("signInFailures.blockedUntil", "<=", at)]),
        ),
    )
    .returningAll()
    .executeTakeFirst();
}

/** `schedule[failures - 1]`, or its last entry for more failures, as SQL. */
function scheduled(failures: Expression<number>, schedule: (string | null)[]) {
  const last = schedule.at(-1) ?? null;
  const cases = schedule
    .slice(0, -1)
    .map((until, i) => sql`when ${i + 1} then ${until}`)
    .concat(sql`else ${last}`);
  return sql<string | null>`case ${failures} ${sql.join(cases, sql` `)} end`;
}

/**
 * Takes back the failure counted for an attempt that then turned out right, provided nothing was counted
 * on the key since (it still holds `failures`): the block that count may have started goes too, since the
 * key was not blocked before it. Returns whether it was taken back; if not, the attempt stays counted.
 */
export async function withdrawSignInFailure(db: Store, key: string, failures: number): Promise<boolean> {
  const result = await db
    .updateTable("signInFailures")
    .set((eb) => ({ failures: eb("failures", "-", 1), blockedUntil: null }))
    .where("key", "=", key)
    .where("failures", "=", failures)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function clearSignInFailure(db: Store, key: string): Promise<void> {
  await db.deleteFrom("signInFailures").where("key", "=", key).execute();
}

/**
 * Removes what holds sign-ins back, and returns how many keys it removed. Without a scope: every key.
 * A username: that username's keys at every address. An address: that address's own key and every
 * username's key there. Both: that username's key at that address, and the address's own key (which holds
 * back that username there too).
 */
export async function clearSignInFailures(db: Store, scope: SignInFailureScope = {}): Promise<number> {
  const filter = scopeFilter(scope);
  const query = db.deleteFrom("signInFailures");
  const result = await (filter ? query.where(filter) : query).executeTakeFirst();
  return Number(result.numDeletedRows);
}

type FailuresFilter = (eb: ExpressionBuilder<Database, "signInFailures">) => Expression<SqlBool>;

function scopeFilter({ username, address }: SignInFailureScope): FailuresFilter | undefined {
  if (username !== undefined && address !== undefined) {
    return (eb) => eb("key", "in", [usernameAtAddressKey(username, address), addressKey(address)]);
  }
  if (username !== undefined) return keyStartsWith(usernameAtAddressKey(username, ""));
  if (address !== undefined) {
    return (eb) => eb.or([eb("key", "=", addressKey(address)), keyEndsWith(`\n${address}`)(eb)]);
  }
  return undefined;
}

// substr and length count characters alike in SQLite and PostgreSQL; LIKE would need `_` escaped, and
// compares case-insensitively in SQLite only.
const characters = (text: string) => [...text].length;

const keyStartsWith =
  (prefix: string): FailuresFilter =>
  (eb) =>
    sql<SqlBool>`substr(${eb.ref("key")}, 1, ${characters(prefix)}) = ${prefix}`;

const keyEndsWith =
  (suffix: string): FailuresFilter =>
  (eb) =>
    sql<SqlBool>`substr(${eb.ref("key")}, length(${eb.ref("key")}) - ${characters(suffix)} + 1) = ${suffix}`;

/** Removes keys whose last failure is older than `before` (they count from zero anyway). Returns how many. */
export async function deleteForgottenSignInFailures(db: Store, before: Instant): Promise<number> {
  const result = await db
    .deleteFrom("signInFailures")
    .where("lastFailureAt", "<", toTimestamp(before))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
