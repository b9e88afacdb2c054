import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CalendarEvent } from "../../src/core/event.js";
import { type EngineFixture, MAILBOX, person, startEngineFixture } from "./fixture.js";

const WINDOW = { start: "2027-03-01T00:00:00.000Z", end: "2027-05-01T00:00:00.000Z" };

/** Instances as wall-clock Berlin times: the copy must keep 09:00 across the DST change of 28 March. */
const describeInstances = (instances: CalendarEvent[]) =>
  instances.map((instance) => `${instance.start.dateTime.slice(0, 16)} ${instance.subject}`).sort();

describe("recurring meetings", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await startEngineFixture("merge");
  });
  afterEach(() => f.close());

  it("mirrors a weekly series across DST as a series, with its moved and cancelled occurrences", async () => {
    const adele = person(f.emulator, MAILBOX.A);
    const series = await adele.create({
      subject: "Weekly sync",
      start: { dateTime: "2027-03-09T09:00:00", timeZone: "W. Europe Standard Time" },
      end: { dateTime: "2027-03-09T10:00:00", timeZone: "W. Europe Standard Time" },
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"], firstDayOfWeek: "monday" },
        range: { type: "numbered", startDate: "2027-03-09", numberOfOccurrences: 6 },
      },
    });
    const occurrences = await f.ports.A.instances(series.id, WINDOW);
    expect(occurrences).toHaveLength(6);
    const [, second, third] = occurrences.sort((x, y) => x.originalStart!.localeCompare(y.originalStart!));
    await adele.update(second!.id, {
      subject: "Weekly sync (moved)",
      start: { dateTime: "2027-03-16T14:00:00", timeZone: "W. Europe Standard Time" },
      end: { dateTime: "2027-03-16T15:00:00", timeZone: "W. Europe Standard Time" },
    });
    await adele.remove(third!.id);
    f.emulator.ctx.stats.reset();

    const report = await f.run();
    expect(report.outcome).toBe("ok");
    const copies = (await person(f.emulator, MAILBOX.B).list()).filter(
      (event) => event.type === "seriesMaster",
    );
    expect(copies).toHaveLength(1);
    expect(copies[0]!.recurrence.pattern).toMatchObject({ type: "weekly", daysOfWeek: ["tuesday"] });
    const mirrored = await f.ports.B.instances(copies[0]!.id, WINDOW);
    expect(describeInstances(mirrored)).toEqual(
      describeInstances(await f.ports.A.instances(series.id, WINDOW)),
    );
    expect(mirrored).toHaveLength(5);
    expect(f.emulator.ctx.stats.snapshot().messages).toMatchObject({
      invitations: 0,
      updates: 0,
      cancellations: 0,
    });

    const quiet = await f.run();
    expect(quiet.actions.filter((action) => action.type !== "skip")).toEqual([]);

    const fifth = (await f.ports.A.instances(series.id, WINDOW)).find((i) =>
      i.originalStart!.startsWith("2027-04-06"),
    )!;
    await adele.update(fifth.id, { subject: "Weekly sync (after Easter)" });
    const later = await f.run();
    expect(later.counts.updated).toBe(1);
    expect(describeInstances(await f.ports.B.instances(copies[0]!.id, WINDOW))).toEqual(
      describeInstances(await f.ports.A.instances(series.id, WINDOW)),
    );
  });

  it("restores a copy series a person moved, with the original's moved occurrence", async () => {
    const adele = person(f.emulator, MAILBOX.A);
    const series = await adele.create({
      subject: "Weekly sync",
      start: { dateTime: "2027-03-09T09:00:00", timeZone: "W. Europe Standard Time" },
      end: { dateTime: "2027-03-09T10:00:00", timeZone: "W. Europe Standard Time" },
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"], firstDayOfWeek: "monday" },
        range: { type: "numbered", startDate: "2027-03-09", numberOfOccurrences: 3 },
      },
    });
    const [first] = (await f.ports.A.instances(series.id, WINDOW)).sort((x, y) =>
      x.originalStart!.localeCompare(y.originalStart!),
    );
    await adele.update(first!.id, {
      start: { dateTime: "2027-03-09T07:00:00", timeZone: "W. Europe Standard Time" },
      end: { dateTime: "2027-03-09T08:00:00", timeZone: "W. Europe Standard Time" },
    });
    await f.run();
    const [copy] = (await person(f.emulator, MAILBOX.B).list()).filter((e) => e.type === "seriesMaster");
    // Moving a series' start drops its exceptions (Graph does, and so does the emulator).
    await person(f.emulator, MAILBOX.B).update(copy!.id, {
      start: { dateTime: "2027-03-09T11:00:00", timeZone: "W. Europe Standard Time" },
      end: { dateTime: "2027-03-09T12:00:00", timeZone: "W. Europe Standard Time" },
    });

    const restored = await f.run();
    expect(restored.outcome).toBe("ok");
    expect(describeInstances(await f.ports.B.instances(copy!.id, WINDOW))).toEqual(
      describeInstances(await f.ports.A.instances(series.id, WINDOW)),
    );
    const quiet = await f.run();
    expect(quiet.actions.filter((action) => action.type !== "skip")).toEqual([]);
  });
});
