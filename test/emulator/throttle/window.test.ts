import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Clock } from "../../../emulator/src/clock.js";
import type { EmulatorContext } from "../../../emulator/src/context.js";
import { OUTLOOK_LIMITS, TrafficControl } from "../../../emulator/src/throttle/traffic.js";
import { SlidingWindow } from "../../../emulator/src/throttle/window.js";

const WINDOW_MS = 600_000;
const SLICE_MS = WINDOW_MS / 60;

describe("SlidingWindow", () => {
  it("counts requests until they slide out of the window", () => {
    const window = new SlidingWindow(WINDOW_MS);
    const t0 = 1_700_000_000_000;
    expect(window.hit(t0)).toBe(1);
    expect(window.hit(t0 + 1000)).toBe(2);
    expect(window.count(t0 + WINDOW_MS - SLICE_MS)).toBe(2);
    expect(window.count(t0 + WINDOW_MS + SLICE_MS)).toBe(0);
  });

  it("tells how long until the count drops below a limit", () => {
    const window = new SlidingWindow(WINDOW_MS);
    const t0 = 1_700_000_000_000;
    for (let i = 0; i < 3; i++) window.hit(t0);
    for (let i = 0; i < 3; i++) window.hit(t0 + 300_000);
    const now = t0 + 300_000;
    // Below 4 once the first three leave (about 5 minutes), below 1 once all six leave (about 10 minutes).
    expect(window.msUntilBelow(4, now)).toBeGreaterThan(300_000 - SLICE_MS);
    expect(window.msUntilBelow(4, now)).toBeLessThanOrEqual(300_000);
    expect(window.msUntilBelow(1, now)).toBeGreaterThan(WINDOW_MS - SLICE_MS);
    expect(window.msUntilBelow(7, now)).toBe(0);
  });

  it("agrees with an exact count to within one slice, whatever the request times", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 * WINDOW_MS }), { maxLength: 200 }), (offsets) => {
        const times = offsets.sort((a, b) => a - b);
        const window = new SlidingWindow(WINDOW_MS);
        for (const t of times) window.hit(t);
        const now = times.at(-1) ?? 0;
        const surely = times.filter((t) => t > now - WINDOW_MS + SLICE_MS).length;
        const maybe = times.filter((t) => t > now - WINDOW_MS - SLICE_MS).length;
        const count = window.count(now);
        return count >= surely && count <= maybe;
      }),
    );
  });
});

describe("Outlook's real limit of 10,000 requests per 10 minutes", () => {
  it("admits 10,000 requests, then refuses the next until the window slides", () => {
    const clock = new Clock();
    const traffic = new TrafficControl({ clock } as EmulatorContext);
    expect(traffic.limits.requestsPerWindow).toBe(OUTLOOK_LIMITS.requestsPerWindow);
    for (let i = 0; i < 10_000; i++) {
      const admission = traffic.admit("app", "mailbox");
      if (!admission.ok) throw new Error(`request ${i + 1} refused`);
      admission.release();
      if (i % 100 === 99) clock.advance(1_000);
    }
    const refused = traffic.admit("app", "mailbox");
    expect(refused).toMatchObject({ ok: false, reason: "rate" });
    const retryAfter = refused.ok ? 0 : refused.retryAfterSeconds;
    expect(Number.isInteger(retryAfter)).toBe(true);
    // The first 100 requests, 100 s ago, leave the window in about 500 s.
    expect(retryAfter).toBeGreaterThan(480);
    expect(retryAfter).toBeLessThanOrEqual(500);
    expect(traffic.admit("app", "other-mailbox").ok).toBe(true);
    clock.advance(retryAfter * 1000);
    expect(traffic.admit("app", "mailbox").ok).toBe(true);
  });
});
