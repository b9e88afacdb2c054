/**
 * How failed sign-ins slow down the next attempt on a throttled key (a username at an address, or an
 * address): a few failures are free, then each further one holds the key back for a delay that doubles,
 * up to a cap. A delay rather than a lock: whoever knows the password gets in once it has passed.
 */
export interface DelayRule {
  /** Failures in a row that hold nothing back (typing mistakes). */
  freeFailures: number;
  /** The delay after the first failure beyond the free ones; each further one doubles it. */
  baseDelayMs: number;
  /** The longest delay. */
  maxDelayMs: number;
}

/** The delay after a key's `failures`-th failure in a row: 0 within the free allowance. */
export function delayAfter(failures: number, rule: DelayRule): number {
  const beyond = failures - rule.freeFailures;
  if (beyond <= 0) return 0;
  return Math.min(rule.baseDelayMs * 2 ** (beyond - 1), rule.maxDelayMs);
}

/** Until when a key is held back after its `failures`-th failure at `at`; null when it is not. */
export function blockedUntil(failures: number, at: Date, rule: DelayRule): Date | null {
  const delay = delayAfter(failures, rule);
  return delay > 0 ? new Date(at.getTime() + delay) : null;
}

/**
 * `blockedUntil` for a failure at `at` that is the 1st, 2nd, 3rd… in a row, up to the first that reaches
 * the cap: the last entry holds for every later failure. The store takes the whole list so that counting a
 * failure and deciding its block are one statement (concurrent attempts cannot slip between the two).
 */
export function blockSchedule(at: Date, rule: DelayRule): (Date | null)[] {
  const schedule: (Date | null)[] = [];
  for (let failures = 1; ; failures++) {
    const delay = delayAfter(failures, rule);
    schedule.push(blockedUntil(failures, at, rule));
    // A zero delay past the free allowance never grows: it is the last entry too.
    if (failures > rule.freeFailures && (delay >= rule.maxDelayMs || delay === 0)) return schedule;
  }
}
