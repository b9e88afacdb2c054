import type { FastifyReply } from "fastify";
import { recordAudit } from "../../store/admin-audit.js";
import { type Store, transaction } from "../../store/database.js";
import {
  addressKey,
  clearSignInFailure,
  countSignInFailure,
  deleteForgottenSignInFailures,
  findSignInFailures,
  type SignInFailures,
  usernameAtAddressKey,
  withdrawSignInFailure,
} from "../../store/sign-in-failures.js";
import { ApiError } from "../errors.js";
import type { LoginLimits, ServerSettings } from "../options.js";
import { throttledAddress } from "./client-address.js";
import { blockSchedule, type DelayRule } from "./sign-in-delay.js";

/**
 * Sign-in throttling. Failed sign-ins are counted per username at a client address and per client address
 * (whatever the usernames); past a few free failures, each further one holds its key back for a delay that
 * doubles up to a cap (sign-in-delay.ts). An attempt on a held-back key is refused with 429 before its
 * password is judged, and is not counted.
 *
 * There is deliberately no key for a username alone: failures from anywhere would then hold the
 * administrator back everywhere, and anyone on the internet could lock them out by typing wrong passwords
 * for "admin". Guessing one account from many addresses is slowed instead by scrypt (each judged attempt
 * costs a slow hash) and by every address's own delays.
 *
 * The counts live in the store, so every process of a deployment shares them and `crosscal admin unlock`
 * can clear them. An attempt is counted as failed before its password is judged, by one statement per key
 * that also refuses a held-back key: a burst of simultaneous attempts is then judged as if they came one by
 * one, instead of all passing the check before any failure is recorded. A right password takes back its
 * count.
 */

type KeyKind = "username at address" | "address";

interface ThrottleKey {
  kind: KeyKind;
  key: string;
  rule: DelayRule;
}

/** An attempt let through to have its password judged, and what was counted for it. */
export interface SignInAttempt {
  username: string;
  /** The client address as Fastify gives it (what the audit log records). */
  ip: string;
  /** The address it is throttled by (an IPv6 client's /64). */
  address: string;
  counted: { kind: KeyKind; key: string; row: SignInFailures }[];
}

/** Why an attempt is refused: the key held back longest, and until when. */
interface Hold {
  kind: KeyKind;
  until: Date;
}

/**
 * Lets an attempt through, counted as a failure until it turns out right, or refuses it: 429 rate_limited
 * with Retry-After, set on `reply`.
 */
export async function admitSignIn(
  settings: ServerSettings,
  reply: FastifyReply,
  who: { username: string; ip: string },
): Promise<SignInAttempt> {
  const at = settings.now();
  const address = throttledAddress(who.ip) ?? who.ip;
  const keys = throttleKeys(settings.loginLimits, who.username, address);
  const hold = await heldBack(settings.db, keys, at);
  if (hold) throw refusal(reply, hold, at);
  const counted = await countAttempt(settings.db, keys, at, settings.loginLimits.forgetAfterMs);
  if (counted) return { ...who, address, counted };
  // Another attempt started a block between the check and the count; if it is over already, retry at once.
  const started = (await heldBack(settings.db, keys, at)) ?? { kind: "address", until: at };
  throw refusal(reply, started, at);
}

/**
 * After a wrong password: the attempt stays counted. A block it started is audited now, once, rather
 * than each attempt the block refuses, so a flood of attempts adds nothing to the audit log.
 */
export async function signInFailed(settings: ServerSettings, attempt: SignInAttempt): Promise<void> {
  for (const { kind, row } of attempt.counted) {
    if (row.blockedUntil === null) continue;
    const detail = {
      throttled: kind,
      address: attempt.address,
      failures: row.failures,
      blockedUntil: row.blockedUntil,
    };
    await recordAudit(
      settings.db,
      { action: "login_throttled", actor: attempt.username, ip: attempt.ip, detail },
      settings.now(),
    );
  }
}

/**
 * After a right password: the username's failures at this address are forgiven (whoever made them knew
 * the password after all). The address's are not, since they may be someone else's; only this attempt's
 * count is taken back. Keys forgotten long ago are swept away here too.
 */
export async function signInSucceeded(settings: ServerSettings, attempt: SignInAttempt): Promise<void> {
  for (const { kind, key, row } of attempt.counted) {
    if (kind === "username at address") await clearSignInFailure(settings.db, key);
    else await withdrawSignInFailure(settings.db, key, row.failures);
  }
  const forgetBefore = settings.now().getTime() - settings.loginLimits.forgetAfterMs;
  await deleteForgottenSignInFailures(settings.db, new Date(forgetBefore));
}

/** Always in this order: concurrent attempts then lock rows in one order and never deadlock (PostgreSQL). */
function throttleKeys(limits: LoginLimits, username: string, address: string): ThrottleKey[] {
  const delays = { baseDelayMs: limits.baseDelayMs, maxDelayMs: limits.maxDelayMs };
  return [
    {
      kind: "username at address",
      key: usernameAtAddressKey(username, address),
      rule: { freeFailures: limits.freePerUsernameAtAddress, ...delays },
    },
    { kind: "address", key: addressKey(address), rule: { freeFailures: limits.freePerAddress, ...delays } },
  ];
}

async function heldBack(db: Store, keys: ThrottleKey[], at: Date): Promise<Hold | undefined> {
  const rows = await findSignInFailures(
    db,
    keys.map((k) => k.key),
  );
  let hold: Hold | undefined;
  for (const row of rows) {
    const until = row.blockedUntil === null ? undefined : new Date(row.blockedUntil);
    if (!until || until <= at || (hold && hold.until >= until)) continue;
    hold = { kind: keys.find((k) => k.key === row.key)!.kind, until };
  }
  return hold;
}

class KeyHeldBack extends Error {}

/** Counts the attempt on every key, or on none when one is held back (undefined). */
async function countAttempt(
  db: Store,
  keys: ThrottleKey[],
  at: Date,
  forgetAfterMs: number,
): Promise<SignInAttempt["counted"] | undefined> {
  try {
    return await transaction(db, async (trx) => {
      const counted: SignInAttempt["counted"] = [];
      for (const { kind, key, rule } of keys) {
        const forgetBefore = new Date(at.getTime() - forgetAfterMs);
        const row = await countSignInFailure(trx, key, {
          at,
          forgetBefore,
          blockedUntil: blockSchedule(at, rule),
        });
        if (!row) throw new KeyHeldBack(); // rolls back what was counted on the keys before
        counted.push({ kind, key, row });
      }
      return counted;
    });
  } catch (error) {
    if (error instanceof KeyHeldBack) return undefined;
    throw error;
  }
}

function refusal(reply: FastifyReply, hold: Hold, at: Date): ApiError {
  const seconds = Math.max(1, Math.ceil((hold.until.getTime() - at.getTime()) / 1000));
  reply.header("retry-after", String(seconds));
  const whose = hold.kind === "address" ? "from this address" : "for this username from this address";
  return new ApiError(
    429,
    "rate_limited",
    `too many failed sign-ins ${whose}: retry after ${hold.until.toISOString()} (in ${seconds} s)`,
  );
}
