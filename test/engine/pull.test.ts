import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CalendarPort } from "../../src/core/calendar-port.js";
import { type EngineFixture, MAILBOX, meeting, person, startEngineFixture } from "./fixture.js";
import { seriesBody } from "./model/steps.js";

const DAY_MS = 86_400_000;
const WINDOW = {
  start: new Date(Date.now() - DAY_MS).toISOString(),
  end: new Date(Date.now() + 30 * DAY_MS).toISOString(),
};

const copiesIn = async (f: EngineFixture, side: "A" | "B") =>
  (await person(f.emulator, MAILBOX[side]).list()).filter((event) =>
    JSON.stringify(event).includes("crosscal.source"),
  );

/** Listings without a cursor name the whole window: what the store knows and they lack was deleted. */
describe("pulling a side without a cursor", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await startEngineFixture("merge");
  });
  afterEach(() => f.close());

  it("notices an original deleted before the window was re-based", async () => {
    await person(f.emulator, MAILBOX.A).create(meeting("Kept", 12));
    const dropped = await person(f.emulator, MAILBOX.A).create(meeting("Dropped", 10));
    await f.run();
    await person(f.emulator, MAILBOX.A).remove(dropped.id);
    const later = new Date(Date.now() + 8 * DAY_MS);
    const report = await f.run({ now: () => later });
    expect(report.outcome).toBe("ok");
    expect(report.counts.deleted).toBe(1);
    expect((await copiesIn(f, "B")).map((copy) => copy.subject)).toEqual(["Kept"]);
  });

  it("notices an original deleted after a first run that failed before saving its cursors", async () => {
    const kept = await person(f.emulator, MAILBOX.A).create(meeting("Kept", 2));
    const dropped = await person(f.emulator, MAILBOX.A).create(meeting("Dropped", 3));
    const failing: CalendarPort = Object.create(f.ports.B);
    failing.create = async (content, tag, transactionId) => {
      if (tag.sourceId === kept.id) throw new Error("Graph is down for this one");
      return f.ports.B.create(content, tag, transactionId);
    };
    expect((await f.run({ ports: { A: f.ports.A, B: failing } })).outcome).toBe("failed");
    await person(f.emulator, MAILBOX.A).remove(dropped.id);
    const report = await f.run();
    expect(report.outcome).toBe("ok");
    expect((await copiesIn(f, "B")).map((copy) => copy.subject)).toEqual(["Kept"]);
  });

  it("cancels the copy's occurrences of a series left with none after a first run that failed", async () => {
    const adele = person(f.emulator, MAILBOX.A);
    const series = await adele.create(seriesBody("Weekly sync", 2, 9, 2));
    const other = await adele.create(meeting("Other", 3));
    const failing: CalendarPort = Object.create(f.ports.B);
    failing.create = async (content, tag, transactionId) => {
      if (tag.sourceId === other.id) throw new Error("Graph is down for this one");
      return f.ports.B.create(content, tag, transactionId);
    };
    expect((await f.run({ ports: { A: f.ports.A, B: failing } })).outcome).toBe("failed");
    const [copy] = (await copiesIn(f, "B")).filter((event) => event.type === "seriesMaster");
    expect(await f.ports.B.instances(copy!.id, WINDOW)).toHaveLength(2);
    // A listing shows a series by its occurrences: with none left, the series is not listed at all.
    for (const occurrence of await f.ports.A.instances(series.id, WINDOW)) await adele.remove(occurrence.id);

    const report = await f.run();
    expect(report.outcome).toBe("ok");
    expect(report.counts.deleted).toBe(2);
    expect(await f.ports.B.instances(copy!.id, WINDOW)).toEqual([]);
  });
});
