import { describe, expect, it } from "vitest";
import { EVENT_SUBSCRIPTION_MAX_MINUTES, EXPIRY_MARGIN_MINUTES } from "../../src/graph/subscriptions.js";
import {
  firstExpiry,
  RENEW_BEFORE_MS,
  RENEWAL_PERIOD_MS,
  renewedExpiry,
} from "../../src/notifications/renewal-spread.js";

const MINUTE = 60_000;
const START = Date.parse("2026-12-01T09:00:00Z");
const LONGEST_MS = (EVENT_SUBSCRIPTION_MAX_MINUTES - EXPIRY_MARGIN_MINUTES) * MINUTE;

/** The busiest minute's count of due renewals over the average minute's (a renewal period holds them all). */
function busiestOverAverage(expiries: number[]): number {
  const perMinute = new Map<number, number>();
  for (const expiry of expiries) {
    const minute = Math.floor((expiry - RENEW_BEFORE_MS) / MINUTE);
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  }
  return Math.max(...perMinute.values()) / (expiries.length / (RENEWAL_PERIOD_MS / MINUTE));
}

describe("renewal spread", () => {
  it("spreads 20,000 subscriptions made within half an hour so that no minute holds more than twice the average of renewals", () => {
    const created = Array.from({ length: 20_000 }, (_, ordinal) =>
      firstExpiry(new Date(START + Math.floor((ordinal / 20_000) * 30 * MINUTE)), ordinal).getTime(),
    );
    expect(busiestOverAverage(created)).toBeLessThanOrEqual(2);
    // Asking for the longest lifetime each time, as before, puts them all in the half hour.
    const naive = Array.from(
      { length: 20_000 },
      (_, ordinal) => START + (ordinal / 20_000) * 30 * MINUTE + LONGEST_MS,
    );
    expect(busiestOverAverage(naive)).toBeGreaterThan(100);
  });

  it("leaves every first lifetime longer than the renewal margin and within Graph's maximum", () => {
    for (let ordinal = 0; ordinal < 5_000; ordinal++) {
      const lifetime = firstExpiry(new Date(START), ordinal).getTime() - START;
      expect(lifetime).toBeGreaterThan(RENEW_BEFORE_MS);
      expect(lifetime).toBeLessThanOrEqual(LONGEST_MS);
    }
  });

  it("keeps the spread through renewals made in rounds: one period after the old expiry", () => {
    const due = (expiry: number) => expiry - RENEW_BEFORE_MS;
    const expiries = Array.from({ length: 20_000 }, (_, ordinal) =>
      firstExpiry(new Date(START), ordinal).getTime(),
    );
    // Serve renews in rounds every 10 minutes: a subscription is renewed up to 10 minutes after it falls due.
    const renewed = expiries.map((expiry) => {
      const round = Math.ceil(due(expiry) / (10 * MINUTE)) * 10 * MINUTE;
      const next = renewedExpiry(new Date(expiry), new Date(round)).getTime();
      expect(next).toBe(expiry + RENEWAL_PERIOD_MS);
      expect(next - round).toBeLessThanOrEqual(LONGEST_MS);
      return next;
    });
    expect(busiestOverAverage(renewed)).toBeLessThanOrEqual(2);
  });

  it("renews an overdue subscription for the longest lifetime from now", () => {
    const now = new Date(START);
    const nearlyLapsed = new Date(START + 5 * MINUTE);
    expect(renewedExpiry(nearlyLapsed, now).getTime()).toBe(START + 5 * MINUTE + RENEWAL_PERIOD_MS);
    const lapsedLongAgo = new Date(START - 7 * 24 * 3600_000);
    expect(renewedExpiry(lapsedLongAgo, now).getTime()).toBe(START + LONGEST_MS);
  });
});
