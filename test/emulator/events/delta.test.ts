import { beforeEach, describe, expect, it } from "vitest";
import { ADELE, suiteFixture } from "../../helpers/fixtures.js";
import { controlFetch } from "../../helpers/http.js";
import { type Json, json, meeting, startEventsFixture } from "./setup.js";

const WINDOW = "startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-01T00:00:00Z";
const STUB_KEYS = ["@odata.etag", "@odata.type", "end", "id", "seriesMasterId", "start", "type"];

describe("calendarView/delta", () => {
  const f = suiteFixture(startEventsFixture);
  beforeEach(() => f.emulator.ctx.mailboxes.reset());

  const create = (body: Json): Promise<Json> => f.graph.api(`/users/${ADELE}/events`).post(body);

  /** Follows nextLinks (re-sending Prefer on each page, as the docs do) to the deltaLink. */
  async function round(url: string, pageSize = 2, between?: () => Promise<void>) {
    const pages: Json[][] = [];
    let next: string | undefined = url;
    let deltaLink = "";
    while (next) {
      const page: Json = await f.graph.api(next).header("Prefer", `odata.maxpagesize=${pageSize}`).get();
      pages.push(page.value);
      if (page["@odata.nextLink"]) expect(page["@odata.nextLink"]).toContain("$skiptoken=");
      next = page["@odata.nextLink"];
      deltaLink = page["@odata.deltaLink"] ?? deltaLink;
      if (pages.length === 1 && between) await between();
    }
    expect(deltaLink).toContain("$deltatoken=");
    return { pages, items: pages.flat(), deltaLink };
  }

  const weekly = (subject: string) =>
    meeting(subject, "2026-03-03T10:00:00", "2026-03-03T11:00:00", {
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"], firstDayOfWeek: "sunday" },
        range: { type: "numbered", startDate: "2026-03-03", numberOfOccurrences: 4 },
      },
    });

  it("pages the initial round with maxpagesize, masters in full and occurrences as stubs, never splitting a series", async () => {
    for (let day = 10; day < 15; day++) {
      await create(meeting(`Single ${day}`, `2026-03-${day}T09:00:00`, `2026-03-${day}T09:30:00`));
    }
    const series = await create(weekly("Weekly"));
    await create(meeting("Outside", "2026-05-10T09:00:00", "2026-05-10T09:30:00"));
    const { pages, items } = await round(`/users/${ADELE}/calendarView/delta?${WINDOW}`);
    expect(pages.length).toBeGreaterThan(2);
    expect(
      items
        .filter((i) => i.type === "singleInstance")
        .map((i) => i.subject)
        .sort(),
    ).toEqual(["Single 10", "Single 11", "Single 12", "Single 13", "Single 14"]);
    expect(items.some((i) => i.subject === "Outside")).toBe(false);
    const master = items.find((i) => i.id === series.id)!;
    expect(master).toMatchObject({ type: "seriesMaster", subject: "Weekly", iCalUId: series.iCalUId });
    const stubs = items.filter((i) => i.seriesMasterId === series.id);
    expect(stubs).toHaveLength(4);
    for (const stub of stubs) expect(Object.keys(stub).sort()).toEqual(STUB_KEYS);
    const seriesPage = pages.find((page) => page.some((i) => i.id === series.id))!;
    expect(seriesPage.filter((i) => i.seriesMasterId === series.id)).toHaveLength(4);
  });

  it("sends an edited occurrence as an exception stub with its own etag", async () => {
    const series = await create(weekly("Weekly"));
    const [first] = (await f.graph.api(`/users/${ADELE}/events/${series.id}/instances?${WINDOW}`).get())
      .value;
    await f.graph.api(`/users/${ADELE}/events/${first.id}`).patch({ subject: "Special" });
    const { items } = await round(`/users/${ADELE}/calendarView/delta?${WINDOW}`, 10);
    const stub = items.find((i) => i.id === first.id)!;
    const master = items.find((i) => i.id === series.id)!;
    expect(Object.keys(stub).sort()).toEqual(STUB_KEYS);
    expect(stub.type).toBe("exception");
    expect(stub["@odata.etag"]).not.toBe(master["@odata.etag"]);
  });

  it("fixes a round's content when it starts; later rounds return changes and @removed, even outside the window", async () => {
    const a = await create(meeting("A", "2026-03-10T09:00:00", "2026-03-10T10:00:00"));
    const b = await create(meeting("B", "2026-03-11T09:00:00", "2026-03-11T10:00:00"));
    await create(meeting("C", "2026-03-12T09:00:00", "2026-03-12T10:00:00"));
    let during: Json = {};
    const first = await round(`/users/${ADELE}/calendarView/delta?${WINDOW}`, 1, async () => {
      during = await create(meeting("During", "2026-03-13T09:00:00", "2026-03-13T10:00:00"));
    });
    expect(first.items.some((i) => i.id === during.id)).toBe(false);

    await f.graph.api(`/users/${ADELE}/events/${a.id}`).patch({ subject: "A2" });
    await f.graph.api(`/users/${ADELE}/events/${b.id}`).delete();
    const outside = await create(meeting("Far", "2026-06-01T09:00:00", "2026-06-01T10:00:00"));
    const second = await round(first.deltaLink);
    const byId = new Map(second.items.map((i) => [i.id, i]));
    expect(byId.get(during.id)?.subject).toBe("During");
    expect(byId.get(a.id)?.subject).toBe("A2");
    expect(byId.get(b.id)).toEqual({
      "@odata.type": "#microsoft.graph.event",
      id: b.id,
      "@removed": { reason: "deleted" },
    });
    expect(byId.get(outside.id)?.["@removed"]).toEqual({ reason: "deleted" });
    expect(second.items).toHaveLength(4);

    const third = await round(second.deltaLink);
    expect(third.items).toEqual([]);
  });

  it("gives no sign of a deleted occurrence except its master coming back without it", async () => {
    const series = await create(weekly("Weekly"));
    const first = await round(`/users/${ADELE}/calendarView/delta?${WINDOW}`, 10);
    const stubs = first.items.filter((i) => i.seriesMasterId === series.id);
    await f.graph.api(`/users/${ADELE}/events/${stubs[1]!.id}`).delete();
    const second = await round(first.deltaLink, 10);
    expect(second.items.some((i) => i["@removed"])).toBe(false);
    expect(second.items.find((i) => i.id === series.id)?.subject).toBe("Weekly");
    const after = second.items.filter((i) => i.seriesMasterId === series.id).map((i) => i.id);
    expect(after).toEqual([stubs[0]!.id, stubs[2]!.id, stubs[3]!.id]);
  });

  it("rejects $select, $filter, $expand, $orderby and $search with 400", async () => {
    for (const option of [
      "$select=subject",
      "$filter=subject eq 'x'",
      "$expand=attachments",
      "$orderby=start/dateTime",
      "$search=x",
    ]) {
      const response = await f.raw(`/users/${ADELE}/calendarView/delta?${WINDOW}&${option}`);
      expect(response.status, option).toBe(400);
    }
    const missing = await f.raw(`/users/${ADELE}/calendarView/delta`);
    expect(missing.status).toBe(400);
  });

  it("answers an expired token with 410 SyncStateNotFound, and a resync variant with a Location to start over", async () => {
    await create(meeting("A", "2026-03-10T09:00:00", "2026-03-10T10:00:00"));
    const first = await round(`/users/${ADELE}/calendarView/delta?${WINDOW}`);
    const expire = await controlFetch(f.emulator, "POST", "/delta/expire", { upn: ADELE });
    expect((await json(expire)).expired).toBeGreaterThan(0);
    const gone = await f.raw(first.deltaLink);
    expect(gone.status).toBe(410);
    expect((await json(gone)).error.code).toBe("SyncStateNotFound");
    const resynced = await round(`/users/${ADELE}/calendarView/delta?${WINDOW}`);
    expect(resynced.items.map((i) => i.subject)).toEqual(["A"]);

    f.emulator.ctx.mailboxes.expireDeltaTokens(undefined, "resync");
    const moved = await f.raw(resynced.deltaLink);
    expect(moved.status).toBe(410);
    const location = moved.headers.get("location")!;
    expect(location).toMatch(/\$deltatoken=$/);
    const restart = await json(await f.raw(location));
    expect(restart.value.map((i: Json) => i.subject)).toEqual(["A"]);
    expect(restart["@odata.deltaLink"]).toBeTruthy();
  });

  it("honours Prefer: outlook.timezone in delta items", async () => {
    await create(meeting("A", "2026-03-10T09:00:00", "2026-03-10T10:00:00"));
    const response = await f.raw(`/users/${ADELE}/calendarView/delta?${WINDOW}`, {
      headers: { Prefer: 'outlook.timezone="Eastern Standard Time", odata.maxpagesize=5' },
    });
    const body = await json(response);
    expect(body.value[0].start).toEqual({
      dateTime: "2026-03-10T05:00:00.0000000",
      timeZone: "Eastern Standard Time",
    });
    expect(response.headers.get("preference-applied")).toContain("odata.maxpagesize=5");
  });
});
