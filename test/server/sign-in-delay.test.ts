import { describe, expect, it } from "vitest";
import { blockedUntil, blockSchedule, delayAfter } from "../../src/server/auth/sign-in-delay.js";

const RULE = { freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000 };
const AT = new Date("2025-03-01T09:00:00.000Z");

describe("the sign-in delay rule", () => {
  it("holds nothing back within the free failures, then doubles from the base delay up to the cap", () => {
    const delays = Array.from({ length: 18 }, (_, i) => delayAfter(i + 1, RULE) / 1000);
    expect(delays).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
    expect(delayAfter(10_000, RULE)).toBe(900_000);
    expect(delayAfter(0, RULE)).toBe(0);
  });

  it("says until when a key is held back after a failure, or that it is not", () => {
    expect(blockedUntil(5, AT, RULE)).toBeNull();
    expect(blockedUntil(6, AT, RULE)).toEqual(new Date("2025-03-01T09:00:01.000Z"));
    expect(blockedUntil(40, AT, RULE)).toEqual(new Date("2025-03-01T09:15:00.000Z"));
  });

  it("lists the blocks up to the first at the cap, which then holds for every later failure", () => {
    const schedule = blockSchedule(AT, RULE);
    expect(schedule).toHaveLength(16);
    expect(schedule.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(schedule.slice(5).map((until) => (until!.getTime() - AT.getTime()) / 1000)).toEqual([
      1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900,
    ]);
    for (let failures = 1; failures <= 30; failures++) {
      expect(schedule[Math.min(failures, schedule.length) - 1]).toEqual(blockedUntil(failures, AT, RULE));
    }
  });

  it("ends the list for rules without free failures, without growth, or without any delay", () => {
    expect(blockSchedule(AT, { freeFailures: 0, baseDelayMs: 60_000, maxDelayMs: 60_000 })).toEqual([
      new Date("2025-03-01T09:01:00.000Z"),
    ]);
    expect(blockSchedule(AT, { freeFailures: 2, baseDelayMs: 0, maxDelayMs: 60_000 })).toEqual([
      null,
      null,
      null,
    ]);
  });
});
