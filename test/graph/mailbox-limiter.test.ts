import { describe, expect, it } from "vitest";
import { MailboxLimiter } from "../../src/graph/mailbox-limiter.js";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("MailboxLimiter", () => {
  it("runs at most `limit` tasks per mailbox and starts the rest in arrival order", async () => {
    const limiter = new MailboxLimiter(4);
    const started: number[] = [];
    const finish: Array<() => void> = [];
    let running = 0;
    let peak = 0;
    const tasks = Array.from({ length: 10 }, (_, index) =>
      limiter.run("Adele@contoso.test", async () => {
        started.push(index);
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => finish.push(resolve));
        running--;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(limiter.inFlight("adele@contoso.test")).toBe(4);
    while (finish.length > 0) {
      finish.shift()!();
      await tick();
    }
    await Promise.all(tasks);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(4);
  });

  it("keeps mailboxes independent", async () => {
    const limiter = new MailboxLimiter(1);
    const releaseA = await limiter.acquire("a");
    const b = limiter.acquire("b");
    await expect(b).resolves.toBeTypeOf("function");
    releaseA();
    (await b)();
  });

  it("gives a heavy request its slots in turn: later light requests do not overtake it", async () => {
    const limiter = new MailboxLimiter(4);
    const first = await limiter.acquire("m", 1);
    const order: string[] = [];
    const batch = limiter.acquire("m", 20).then((release) => {
      order.push("batch");
      return release;
    });
    const single = limiter.acquire("m").then((release) => {
      order.push("single");
      return release;
    });
    await tick();
    expect(order).toEqual([]);
    first();
    await tick();
    expect(order).toEqual(["batch"]);
    expect(limiter.inFlight("m")).toBe(4); // a weight above the limit is capped at the limit
    (await batch)();
    await tick();
    expect(order).toEqual(["batch", "single"]);
    (await single)();
  });

  it("forgets idle mailboxes, and a double release gives back nothing twice", async () => {
    const limiter = new MailboxLimiter(2);
    for (let i = 0; i < 1000; i++) await limiter.run(`user${i}@contoso.test`, async () => {});
    expect(limiter.size).toBe(0);
    const release = await limiter.acquire("m");
    const other = await limiter.acquire("m");
    release();
    release();
    expect(limiter.inFlight("m")).toBe(1);
    other();
    expect(limiter.size).toBe(0);
  });

  it("releases the slot when the task throws, and passes the error on", async () => {
    const limiter = new MailboxLimiter(1);
    await expect(
      limiter.run("m", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(limiter.inFlight("m")).toBe(0);
  });

  it("refuses a limit that is not a positive integer", () => {
    expect(() => new MailboxLimiter(0)).toThrow(RangeError);
  });
});
