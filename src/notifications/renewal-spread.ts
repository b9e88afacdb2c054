import { EVENT_SUBSCRIPTION_MAX_MINUTES, EXPIRY_MARGIN_MINUTES } from "../graph/subscriptions.js";

/**
 * When subscriptions fall due. Created together (a merge of thousands of profiles takes minutes), all of
 * them would ask for Graph's maximum lifetime and fall due for renewal in the same few minutes, every
 * cycle. Instead each one's first lifetime is shortened so that the due times spread evenly over one
 * renewal period, and a renewal extends the old expiry by exactly that period, so the spread holds.
 */

/** Renewed when less than this is left (see planSubscriptions). */
export const RENEW_BEFORE_MS = 24 * 3600_000;

const LONGEST_MS = (EVENT_SUBSCRIPTION_MAX_MINUTES - EXPIRY_MARGIN_MINUTES) * 60_000;

/**
 * The time between two renewals of one subscription: as long as possible while the renewed expiry stays
 * within Graph's maximum measured from the moment it falls due (renewals run in rounds, so an hour of slack).
 */
export const RENEWAL_PERIOD_MS = LONGEST_MS - RENEW_BEFORE_MS - 3600_000;

// The golden ratio's fraction: n × φ mod 1 spreads consecutive n evenly over [0, 1) (Weyl's sequence), so
// subscriptions numbered one after another land far apart and fill the period without clumps.
const PHI_FRACTION = (Math.sqrt(5) - 1) / 2;

/**
 * The first expiry of the subscription numbered `ordinal` (how many existed before it) created at `now`:
 * the latest moment within Graph's maximum whose place in the period (time modulo the period) is the
 * ordinal's. Placing by absolute time, not by an offset from `now`, keeps subscriptions made minutes apart
 * from drifting into step with the sequence and clumping.
 */
export function firstExpiry(now: Date, ordinal: number): Date {
  const place = ((ordinal * PHI_FRACTION) % 1) * RENEWAL_PERIOD_MS;
  const longest = now.getTime() + LONGEST_MS;
  const past = (((longest - place) % RENEWAL_PERIOD_MS) + RENEWAL_PERIOD_MS) % RENEWAL_PERIOD_MS;
  return new Date(longest - past);
}

/**
 * The expiry a renewal at `now` asks for: one period after the old expiry (keeping its place in the
 * spread), or, when that would not leave a day before the next renewal or would pass Graph's maximum (a
 * renewal long overdue), the longest lifetime from now.
 */
export function renewedExpiry(oldExpiry: Date, now: Date): Date {
  const next = oldExpiry.getTime() + RENEWAL_PERIOD_MS;
  const longest = now.getTime() + LONGEST_MS;
  return next <= longest && next - now.getTime() > RENEW_BEFORE_MS ? new Date(next) : new Date(longest);
}
