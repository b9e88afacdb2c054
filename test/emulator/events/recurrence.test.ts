import { PageIterator } from "@microsoft/microsoft-graph-client";
import { beforeEach, describe, expect, it } from "vitest";
import { ADELE, MEGAN, suiteFixture } from "../../helpers/fixtures.js";
import { type Json, json, startEventsFixture } from "./setup.js";

const WINDOW = "startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-05-01T00:00:00Z";

/** Tuesdays 10:00 Berlin time, six times from 3 March 2026 (Europe moves to summer time on 29 March). */
const series = (extra: Json = {}) => ({
  subject: "Weekly",
  start: { dateTime: "2026-03-03T10:00:00", timeZone: "W. Europe Standard Time" },
  end: { dateTime: "2026-03-03T11:00:00", timeZone: "W. Europe Standard Time" },
  recurrence: {
    pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"], firstDayOfWeek: "monday" },
    range: { type: "numbered", startDate: "2026-03-03", numberOfOccurrences: 6 },
  },
  ...extra,
});

describe("recurring series", () => {
  const f = suiteFixture(startEventsFixture);
  beforeEach(() => {
    f.emulator.ctx.mailboxes.reset();
    f.emulator.ctx.stats.reset();
  });

  const instances = async (masterId: string): Promise<Json[]> =>
    (await f.graph.api(`/users/${ADELE}/events/${masterId}/instances?${WINDOW}`).top(50).get()).value;

  it("expands occurrences across DST, with a moved exception and a cancelled occurrence", async () => {
    const master: Json = await f.graph.api(`/users/${ADELE}/events`).post(series());
    expect(master.type).toBe("seriesMaster");
    const before = await instances(master.id);
    expect(before.map((o) => o.start.dateTime)).toEqual([
      "2026-03-03T09:00:00.0000000",
      "2026-03-10T09:00:00.0000000",
      "2026-03-17T09:00:00.0000000",
      "2026-03-24T09:00:00.0000000",
      "2026-03-31T08:00:00.0000000",
      "2026-04-07T08:00:00.0000000",
    ]);
    const second = before[1]!;
    expect(second).toMatchObject({
      type: "occurrence",
      seriesMasterId: master.id,
      originalStart: "2026-03-10T09:00:00Z",
    });
    const moved: Json = await f.graph.api(`/users/${ADELE}/events/${second.id}`).patch({
      subject: "Weekly (moved)",
      start: { dateTime: "2026-03-10T14:00:00", timeZone: "W. Europe Standard Time" },
      end: { dateTime: "2026-03-10T15:00:00", timeZone: "W. Europe Standard Time" },
    });
    expect(moved).toMatchObject({ id: second.id, type: "exception", subject: "Weekly (moved)" });
    const cancel = await f.raw(`/users/${ADELE}/events/${before[2]!.id}`, { method: "DELETE" });
    expect(cancel.status).toBe(204);

    const after = await instances(master.id);
    expect(after.map((o) => [o.type, o.subject, o.start.dateTime])).toEqual([
      ["occurrence", "Weekly", "2026-03-03T09:00:00.0000000"],
      ["exception", "Weekly (moved)", "2026-03-10T13:00:00.0000000"],
      ["occurrence", "Weekly", "2026-03-24T09:00:00.0000000"],
      ["occurrence", "Weekly", "2026-03-31T08:00:00.0000000"],
      ["occurrence", "Weekly", "2026-04-07T08:00:00.0000000"],
    ]);
    const view: Json = await f.graph.api(`/users/${ADELE}/calendarView?${WINDOW}`).get();
    expect(view.value.map((e: Json) => e.type)).toEqual([
      "occurrence",
      "exception",
      "occurrence",
      "occurrence",
      "occurrence",
    ]);
    expect((await f.raw(`/users/${ADELE}/events/${before[2]!.id}`)).status).toBe(404);
    const events: Json = await f.graph.api(`/users/${ADELE}/events`).get();
    expect(events.value.map((e: Json) => e.type)).toEqual(["seriesMaster"]);
  });

  it("keeps the wall-clock time across each zone's own DST change (Pacific and Berlin)", async () => {
    const pacific: Json = await f.graph.api(`/users/${ADELE}/events`).post(
      series({
        start: { dateTime: "2026-03-03T10:00:00", timeZone: "Pacific Standard Time" },
        end: { dateTime: "2026-03-03T11:00:00", timeZone: "Pacific Standard Time" },
      }),
    );
    const utc = (await instances(pacific.id)).map((o) => o.start.dateTime.slice(5, 16));
    // US clocks change on 8 March, Europe's on 29 March: 18:00Z before, 17:00Z after.
    expect(utc).toEqual([
      "03-03T18:00",
      "03-10T17:00",
      "03-17T17:00",
      "03-24T17:00",
      "03-31T17:00",
      "04-07T17:00",
    ]);
    const local: Json = await f.graph
      .api(`/users/${ADELE}/events/${pacific.id}/instances?${WINDOW}`)
      .header("Prefer", 'outlook.timezone="America/Los_Angeles"')
      .get();
    expect(new Set(local.value.map((o: Json) => o.start.dateTime.slice(11, 16)))).toEqual(new Set(["10:00"]));
  });

  it("gets one occurrence by id, and reads calendarView window bounds by their own offset", async () => {
    const master: Json = await f.graph.api(`/users/${ADELE}/events`).post(series());
    const [first] = await instances(master.id);
    const occurrence: Json = await f.graph.api(`/users/${ADELE}/events/${first!.id}`).get();
    expect(occurrence).toMatchObject({
      id: first!.id,
      type: "occurrence",
      seriesMasterId: master.id,
      subject: "Weekly",
      iCalUId: master.iCalUId,
      recurrence: null,
      originalStart: "2026-03-03T09:00:00Z",
      originalStartTimeZone: "W. Europe Standard Time",
    });
    // 10:30+02:00 is 08:30Z: the 09:00Z occurrence is inside; read as UTC it would not be.
    const narrow = (start: string, end: string) =>
      f.raw(
        `/users/${ADELE}/calendarView?startDateTime=${encodeURIComponent(start)}&endDateTime=${encodeURIComponent(end)}`,
        {
          headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' },
        },
      );
    const offset = await json(await narrow("2026-03-03T10:30:00+02:00", "2026-03-03T11:30:00+02:00"));
    expect(offset.value).toHaveLength(1);
    expect(offset.value[0].start.timeZone).toBe("Pacific Standard Time");
    const utc = await json(await narrow("2026-03-03T10:30:00", "2026-03-03T11:30:00"));
    expect(utc.value).toHaveLength(0);
    const missing = await f.raw(`/users/${ADELE}/calendarView`);
    expect(missing.status).toBe(400);
    expect((await json(missing)).error.code).toBe("ErrorInvalidParameter");
  });

  it("rejects moving an occurrence onto an adjacent occurrence's day (ErrorOccurrenceCrossingBoundary)", async () => {
    const master: Json = await f.graph.api(`/users/${ADELE}/events`).post(series());
    const [first] = await instances(master.id);
    const response = await f.raw(`/users/${ADELE}/events/${first!.id}`, {
      method: "PATCH",
      body: JSON.stringify({
        start: { dateTime: "2026-03-10T08:00:00", timeZone: "W. Europe Standard Time" },
        end: { dateTime: "2026-03-10T09:00:00", timeZone: "W. Europe Standard Time" },
      }),
    });
    expect(response.status).toBe(400);
    expect((await json(response)).error.code).toBe("ErrorOccurrenceCrossingBoundary");
  });

  it("drops exceptions when the master's pattern changes", async () => {
    const master: Json = await f.graph.api(`/users/${ADELE}/events`).post(series());
    const [first] = await instances(master.id);
    await f.graph.api(`/users/${ADELE}/events/${first!.id}`).patch({ subject: "Special" });
    await f.graph.api(`/users/${ADELE}/events/${master.id}`).patch({
      recurrence: {
        ...series().recurrence,
        range: { type: "numbered", startDate: "2026-03-03", numberOfOccurrences: 3 },
      },
    });
    const after = await instances(master.id);
    expect(after.map((o) => o.type)).toEqual(["occurrence", "occurrence", "occurrence"]);
  });

  it("sends one update per changed instance plus one for the master", async () => {
    const master: Json = await f.graph
      .api(`/users/${ADELE}/events`)
      .post(series({ attendees: [{ type: "required", emailAddress: { address: MEGAN } }] }));
    const [first, second] = await instances(master.id);
    await f.graph.api(`/users/${ADELE}/events/${first!.id}`).patch({ subject: "One" });
    await f.graph.api(`/users/${ADELE}/events/${second!.id}`).patch({ subject: "Two" });
    expect(f.emulator.ctx.stats.snapshot().messages.updates).toBe(2);
    await f.graph
      .api(`/users/${ADELE}/events/${master.id}`)
      .patch({ body: { contentType: "text", content: "agenda" } });
    expect(f.emulator.ctx.stats.snapshot().messages.updates).toBe(5);
  });

  it("pages calendarView with the Graph client's PageIterator", async () => {
    await f.graph.api(`/users/${ADELE}/events`).post(
      series({
        recurrence: {
          pattern: { type: "daily", interval: 1 },
          range: { type: "numbered", startDate: "2026-03-03", numberOfOccurrences: 25 },
        },
      }),
    );
    const first: Json = await f.graph.api(`/users/${ADELE}/calendarView?${WINDOW}`).get();
    expect(first.value).toHaveLength(10);
    expect(first["@odata.nextLink"]).toContain("$skip=10");
    const seen: Json[] = [];
    const iterator = new PageIterator(f.graph, first as never, (item) => {
      seen.push(item as Json);
      return true;
    });
    await iterator.iterate();
    expect(seen).toHaveLength(25);
    expect(new Set(seen.map((e) => e.id)).size).toBe(25);
  });
});
