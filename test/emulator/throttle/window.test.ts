import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
