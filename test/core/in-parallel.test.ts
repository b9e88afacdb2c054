import { describe, expect, it } from "vitest";
import { inParallel } from "../../src/core/in-parallel.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("inParallel", () => {
  it("runs every item once, never more than the limit at a time", async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let most = 0;
    await inParallel([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      seen.push(item);
      inFlight--;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it("passes each item's index and starts items in order", async () => {
    const started: string[] = [];
    await inParallel(["a", "b", "c"], 2, async (item, index) => {
      started.push(`${index}:${item}`);
      await tick();
    });
    expect(started).toEqual(["0:a", "1:b", "2:c"]);
  });

  it("runs one at a time when the limit is below one, rather than nothing", async () => {
    const seen: number[] = [];
    await inParallel([1, 2], 0, async (item) => {
      seen.push(item);
    });
    expect(seen).toEqual([1, 2]);
  });

  it("does nothing for no items", async () => {
    await expect(inParallel([], 4, async () => Promise.reject(new Error("never")))).resolves.toBeUndefined();
  });

  it("starts no new item once the signal is aborted; the ones in flight finish", async () => {
    const stop = new AbortController();
    const done: number[] = [];
    await inParallel(
      [1, 2, 3, 4, 5],
      2,
      async (item) => {
        if (item === 2) stop.abort();
        await tick();
        done.push(item);
      },
      { signal: stop.signal },
    );
    expect(done.sort()).toEqual([1, 2]);
  });
});
