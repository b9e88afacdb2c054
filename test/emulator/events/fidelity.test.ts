import { beforeEach, describe, expect, it } from "vitest";
import { ADELE, ADELE_FABRIKAM, MEGAN, suiteFixture } from "../../helpers/fixtures.js";
import { type Json, json, meeting, startEventsFixture } from "./setup.js";

/** What crosscal does against Exchange, probed end to end: each case is one thing a sync engine relies on. */

const TAG = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name crosscal";
const OTHER = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name crosscalProfile";
const WINDOW = "startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-01T00:00:00Z";
const expandTag = `singleValueExtendedProperties($filter=id eq '${TAG}')`;
const attendee = (address: string) => ({ type: "required", emailAddress: { address, name: address } });

const weekly = (subject: string, startDay = "2026-03-03", days = ["tuesday"], count = 4) =>
  meeting(subject, `${startDay}T10:00:00`, `${startDay}T11:00:00`, {
    recurrence: {
      pattern: { type: "weekly", interval: 1, daysOfWeek: days, firstDayOfWeek: "sunday" },
      range: { type: "numbered", startDate: startDay, numberOfOccurrences: count },
    },
  });

describe("fidelity: what a sync engine relies on", () => {
  const f = suiteFixture(startEventsFixture);
  beforeEach(() => {
    f.emulator.ctx.mailboxes.reset();
    f.emulator.ctx.stats.reset();
  });

  const events = `/users/${ADELE}/events`;
  const create = (body: Json, upn = ADELE): Promise<Json> => f.graph.api(`/users/${upn}/events`).post(body);
  const patch = (id: string, body: Json): Promise<Json> => f.graph.api(`${events}/${id}`).patch(body);
  const get = (id: string): Promise<Json> => f.graph.api(`${events}/${id}`).get();
  const messages = () => f.emulator.ctx.stats.snapshot().messages;
  const view = async (query = WINDOW): Promise<Json[]> =>
    (await f.graph.api(`/users/${ADELE}/calendarView?${query}&$top=100`).get()).value;

  async function deltaRound(url: string, pageSize?: number) {
    const items: Json[] = [];
    let next: string | undefined = url;
    let deltaLink = "";
    const pages: Json[] = [];
    while (next) {
      const request = f.graph.api(next);
      if (pageSize) request.header("Prefer", `odata.maxpagesize=${pageSize}`);
      const page: Json = await request.get();
      pages.push(page);
      items.push(...page.value);
      next = page["@odata.nextLink"];
      deltaLink = page["@odata.deltaLink"] ?? deltaLink;
    }
    return { items, deltaLink, pages };
  }

  describe("PATCH semantics", () => {
    it("keeps the fields a PATCH leaves out and replaces the body as a whole", async () => {
      const created = await create(
        meeting("Keep", "2026-03-02T09:00:00", "2026-03-02T10:00:00", {
          body: { contentType: "html", content: "<p>Original</p>" },
          categories: ["Blue"],
          showAs: "tentative",
          sensitivity: "private",
          isReminderOn: false,
          location: { displayName: "Room 1" },
        }),
      );
      const updated = await patch(created.id, { body: { contentType: "text", content: "New text" } });
      expect(updated).toMatchObject({
        subject: "Keep",
        categories: ["Blue"],
        showAs: "tentative",
        sensitivity: "private",
        isReminderOn: false,
        location: { displayName: "Room 1" },
        bodyPreview: "New text",
      });
      expect(updated.body.content).not.toContain("Original");
      const text: Json = await f.graph
        .api(`${events}/${created.id}`)
        .header("Prefer", 'outlook.body-content-type="text"')
        .get();
      expect(text.body).toEqual({ contentType: "text", content: "New text" });
    });

    it("replaces locations when location is updated, and location when locations is", async () => {
      const created = await create(
        meeting("Where", "2026-03-02T09:00:00", "2026-03-02T10:00:00", {
          locations: [{ displayName: "A" }, { displayName: "B" }],
        }),
      );
      expect(created.locations.map((l: Json) => l.displayName)).toEqual(["A", "B"]);
      const one = await patch(created.id, { location: { displayName: "C" } });
      expect(one.location.displayName).toBe("C");
      expect(one.locations.map((l: Json) => l.displayName)).toEqual(["C"]);
      const two = await patch(created.id, { locations: [{ displayName: "D" }] });
      expect(two.location.displayName).toBe("D");
      const none = await patch(created.id, { location: { displayName: "" } });
      expect(none.locations).toEqual([]);
    });

    it("moves an event with start and end in another zone, recording originalStartTimeZone", async () => {
      const created = await create(meeting("Zone", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
      const moved = await patch(created.id, {
        start: { dateTime: "2026-03-02T09:00:00", timeZone: "Pacific Standard Time" },
        end: { dateTime: "2026-03-02T10:00:00", timeZone: "Pacific Standard Time" },
      });
      expect(moved.start).toEqual({ dateTime: "2026-03-02T17:00:00.0000000", timeZone: "UTC" });
      expect(moved.originalStartTimeZone).toBe("Pacific Standard Time");
      expect(moved.originalEndTimeZone).toBe("Pacific Standard Time");
    });

    it("switches an event to all day and back, enforcing midnight boundaries", async () => {
      const created = await create(meeting("Day", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
      const bad = await f.raw(`${events}/${created.id}`, {
        method: "PATCH",
        body: JSON.stringify({ isAllDay: true }),
      });
      expect(bad.status).toBe(400);
      const allDay = await patch(created.id, {
        isAllDay: true,
        start: { dateTime: "2026-03-02T00:00:00", timeZone: "UTC" },
        end: { dateTime: "2026-03-03T00:00:00", timeZone: "UTC" },
      });
      expect(allDay.isAllDay).toBe(true);
      const timed = await patch(created.id, {
        isAllDay: false,
        start: { dateTime: "2026-03-02T09:00:00", timeZone: "UTC" },
        end: { dateTime: "2026-03-02T09:30:00", timeZone: "UTC" },
      });
      expect(timed).toMatchObject({ isAllDay: false, end: { dateTime: "2026-03-02T09:30:00.0000000" } });
    });
  });

  describe("tags (single-value extended properties)", () => {
    it("adds and overwrites properties by PATCH and returns them only when expanded", async () => {
      const created = await create(
        meeting("Tagged", "2026-03-02T09:00:00", "2026-03-02T10:00:00", {
          singleValueExtendedProperties: [{ id: TAG, value: "v1" }],
        }),
      );
      expect(created).not.toHaveProperty("singleValueExtendedProperties");
      await patch(created.id, { singleValueExtendedProperties: [{ id: OTHER, value: "p" }] });
      await patch(created.id, { singleValueExtendedProperties: [{ id: TAG, value: "v2" }] });
      expect(await get(created.id)).not.toHaveProperty("singleValueExtendedProperties");
      const both: Json = await f.graph
        .api(`${events}/${created.id}`)
        .expand(`singleValueExtendedProperties($filter=id eq '${TAG}' or id eq '${OTHER}')`)
        .get();
      const values = Object.fromEntries(both.singleValueExtendedProperties.map((p: Json) => [p.id, p.value]));
      expect(values).toEqual({ [TAG]: "v2", [OTHER]: "p" });
    });

    it("omits singleValueExtendedProperties when the expanded property is not set on the item", async () => {
      const created = await create(meeting("Untagged", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
      const read: Json = await f.graph.api(`${events}/${created.id}`).expand(expandTag).get();
      expect(read).not.toHaveProperty("singleValueExtendedProperties");
      const list: Json = await f.graph.api(events).expand(expandTag).get();
      expect(list.value[0]).not.toHaveProperty("singleValueExtendedProperties");
    });

    it("gives property ids back in Exchange's form (lower-case GUID and hex)", async () => {
      const upper = TAG.replace(
        "66f5a359-4659-4830-9070-00047ec6ac6e",
        "66F5A359-4659-4830-9070-00047EC6AC6E",
      );
      const created = await create(
        meeting("Forms", "2026-03-02T09:00:00", "2026-03-02T10:00:00", {
          singleValueExtendedProperties: [
            { id: upper, value: "named" },
            { id: "String 0x007D", value: "tag" },
          ],
        }),
      );
      const read: Json = await f.graph
        .api(`${events}/${created.id}`)
        .expand(`singleValueExtendedProperties($filter=id eq '${upper}' or id eq 'String 0x007D')`)
        .get();
      expect(read.singleValueExtendedProperties.map((p: Json) => p.id).sort()).toEqual(
        ["String 0x7d", TAG].sort(),
      );
    });

    it("accepts $expand of the properties without a filter on id, returning none", async () => {
      const created = await create(
        meeting("Tagged", "2026-03-02T09:00:00", "2026-03-02T10:00:00", {
          singleValueExtendedProperties: [{ id: TAG, value: "v1" }],
        }),
      );
      const read: Json = await f.graph
        .api(`${events}/${created.id}`)
        .expand("singleValueExtendedProperties")
        .get();
      expect(read.subject).toBe("Tagged");
      expect(read).not.toHaveProperty("singleValueExtendedProperties");
    });

    it("finds tagged copies with $filter Any() across pages, keeping the filter in nextLinks", async () => {
      for (let i = 0; i < 7; i++) {
        const tagged = i % 2 === 0;
        await create(
          meeting(`E${i}`, `2026-03-0${i + 1}T09:00:00`, `2026-03-0${i + 1}T10:00:00`, {
            ...(tagged && { singleValueExtendedProperties: [{ id: TAG, value: `src-${i}` }] }),
          }),
        );
      }
      const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${TAG}' and startswith(ep/value, 'SRC-'))`;
      let next: string | undefined =
        `${events}?$filter=${encodeURIComponent(filter)}&$top=2&$expand=${encodeURIComponent(expandTag)}`;
      const found: Json[] = [];
      while (next) {
        const page: Json = await f.graph.api(next).get();
        found.push(...page.value);
        next = page["@odata.nextLink"];
      }
      expect(found.map((e) => e.subject).sort()).toEqual(["E0", "E2", "E4", "E6"]);
      expect(found.map((e) => e.singleValueExtendedProperties[0].value).sort()).toEqual([
        "src-0",
        "src-2",
        "src-4",
        "src-6",
      ]);
    });
  });

  describe("idempotent creates and versions", () => {
    it("returns the first event for a repeated transactionId even with another body", async () => {
      const first = await create(
        meeting("First", "2026-03-02T09:00:00", "2026-03-02T10:00:00", { transactionId: "tx-1" }),
      );
      const response = await f.raw(events, {
        method: "POST",
        body: JSON.stringify(
          meeting("Second", "2026-03-05T09:00:00", "2026-03-05T10:00:00", { transactionId: "tx-1" }),
        ),
      });
      expect(response.status).toBe(201);
      const again = await json(response);
      expect(again).toMatchObject({ id: first.id, subject: "First", transactionId: "tx-1" });
      expect((await f.graph.api(events).get()).value).toHaveLength(1);
    });

    it("shows etag W/changeKey in GET, list, calendarView and delta, and accepts If-Match *", async () => {
      const single = await create(meeting("Etag", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
      const series = await create(weekly("Series"));
      const check = (item: Json) => {
        if (item.changeKey) expect(item["@odata.etag"]).toBe(`W/"${item.changeKey}"`);
        expect(item["@odata.etag"]).toMatch(/^W\/"/);
      };
      check(await get(single.id));
      for (const item of (await f.graph.api(events).get()).value) check(item);
      for (const item of await view()) check(item);
      const { items } = await deltaRound(`/users/${ADELE}/calendarView/delta?${WINDOW}`);
      for (const item of items) check(item);
      const masterInDelta = items.find((i) => i.id === series.id)!;
      expect(masterInDelta["@odata.etag"]).toBe(series["@odata.etag"]);
      const star = await f.raw(`${events}/${single.id}`, {
        method: "PATCH",
        headers: { "If-Match": "*" },
        body: JSON.stringify({ subject: "star" }),
      });
      expect(star.status).toBe(200);
      const current = await get(single.id);
      const matching = await f.raw(`${events}/${single.id}`, {
        method: "DELETE",
        headers: { "If-Match": current["@odata.etag"] },
      });
      expect(matching.status).toBe(204);
      const gone = await f.raw(`${events}/${single.id}`);
      expect(gone.status).toBe(404);
      expect((await json(gone)).error.code).toBe("ErrorItemNotFound");
    });
  });

  describe("recurring copies", () => {
    it("keeps occurrence ids stable, reads one by id, and turns a PATCH into an exception that bumps the master", async () => {
      const series = await create(weekly("Standup"));
      const first = (await view()).filter((i) => i.seriesMasterId === series.id).map((i) => i.id);
      const second = (await view()).filter((i) => i.seriesMasterId === series.id).map((i) => i.id);
      expect(first).toHaveLength(4);
      expect(second).toEqual(first);
      const occurrence = await get(first[1]!);
      expect(occurrence).toMatchObject({ type: "occurrence", seriesMasterId: series.id, subject: "Standup" });
      const exception = await patch(first[1]!, { subject: "Moved standup" });
      expect(exception).toMatchObject({ id: first[1], type: "exception", subject: "Moved standup" });
      const master = await get(series.id);
      expect(master.changeKey).not.toBe(series.changeKey);
      expect(master.subject).toBe("Standup");
    });

    it("shows the master's tags on its occurrences and exceptions when expanded", async () => {
      const series = await create({
        ...weekly("Tagged series"),
        singleValueExtendedProperties: [{ id: TAG, value: "s" }],
      });
      const instances: Json = await f.graph
        .api(`${events}/${series.id}/instances?${WINDOW}`)
        .expand(expandTag)
        .get();
      await patch(instances.value[1].id, { subject: "Exception" });
      const page: Json = await f.graph.api(`/users/${ADELE}/calendarView?${WINDOW}`).expand(expandTag).get();
      for (const item of [...instances.value, ...page.value]) {
        expect(item.singleValueExtendedProperties).toEqual([{ id: TAG, value: "s" }]);
      }
    });

    it("deletes an occurrence once; a second DELETE is 404; /instances needs a window", async () => {
      const series = await create(weekly("Cancel me"));
      const instances: Json = await f.graph.api(`${events}/${series.id}/instances?${WINDOW}`).get();
      const target = instances.value[2].id;
      expect((await f.raw(`${events}/${target}`, { method: "DELETE" })).status).toBe(204);
      const again = await f.raw(`${events}/${target}`, { method: "DELETE" });
      expect(again.status).toBe(404);
      expect((await json(again)).error.code).toBe("ErrorItemNotFound");
      const after: Json = await f.graph.api(`${events}/${series.id}/instances?${WINDOW}`).get();
      expect(after.value.map((i: Json) => i.id)).not.toContain(target);
      const noWindow = await f.raw(`${events}/${series.id}/instances`);
      expect(noWindow.status).toBe(400);
    });

    it("moves a series by a PATCH of its start written in another zone than the series'", async () => {
      const series = await create({
        ...weekly("Pacific"),
        start: { dateTime: "2026-03-03T18:00:00", timeZone: "Pacific Standard Time" },
        end: { dateTime: "2026-03-03T19:00:00", timeZone: "Pacific Standard Time" },
      });
      // Wednesday 02:00 UTC is still Tuesday in Pacific time: the series keeps its Tuesday pattern.
      const moved = await patch(series.id, {
        start: { dateTime: "2026-03-04T03:00:00", timeZone: "UTC" },
        end: { dateTime: "2026-03-04T04:00:00", timeZone: "UTC" },
      });
      expect(moved.recurrence.range.startDate).toBe("2026-03-03");
      expect(moved.start.dateTime).toBe("2026-03-04T03:00:00.0000000");
    });

    it("moves a series whose start is not on a pattern day to its first occurrence", async () => {
      // 2026-03-02 is a Monday; the pattern says Wednesday.
      const series = await create(weekly("Off pattern", "2026-03-02", ["wednesday"], 3));
      expect(series.start.dateTime).toBe("2026-03-04T10:00:00.0000000");
      expect(series.end.dateTime).toBe("2026-03-04T11:00:00.0000000");
      expect(series.recurrence.range.startDate).toBe("2026-03-04");
      const occurrences = (await view()).filter((i) => i.seriesMasterId === series.id);
      expect(occurrences.map((o) => o.start.dateTime.slice(0, 10))).toEqual([
        "2026-03-04",
        "2026-03-11",
        "2026-03-18",
      ]);
      // The series read back can be written again unchanged (what a copy does).
      const copy = await create({
        subject: "Copy",
        start: series.start,
        end: series.end,
        recurrence: series.recurrence,
      });
      expect(copy.start).toEqual(series.start);
    });
  });

  describe("delta rounds", () => {
    const deltaUrl = `/users/${ADELE}/calendarView/delta?${WINDOW}`;

    it("reports a created-then-deleted item and an item moved out of the window as @removed", async () => {
      const stays = await create(meeting("Stays", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
      const leaves = await create(meeting("Leaves", "2026-03-03T09:00:00", "2026-03-03T10:00:00"));
      const initial = await deltaRound(deltaUrl);
      expect(initial.pages[0]!["@odata.context"]).toMatch(/\$metadata#Collection\(event\)$/);
      const ephemeral = await create(meeting("Ephemeral", "2026-03-04T09:00:00", "2026-03-04T10:00:00"));
      await f.graph.api(`${events}/${ephemeral.id}`).delete();
      await patch(leaves.id, {
        start: { dateTime: "2026-06-03T09:00:00", timeZone: "UTC" },
        end: { dateTime: "2026-06-03T10:00:00", timeZone: "UTC" },
      });
      const next = await deltaRound(initial.deltaLink);
      const removed = next.items.filter((i) => i["@removed"]).map((i) => i.id);
      expect(removed.sort()).toEqual([ephemeral.id, leaves.id].sort());
      expect(next.items.some((i) => i.id === stays.id)).toBe(false);
      expect(next.items.filter((i) => !i["@removed"])).toHaveLength(0);
    });

    it("sends the master when an occurrence becomes an exception, and honours maxpagesize on every page", async () => {
      for (let day = 10; day < 17; day++) {
        await create(meeting(`S${day}`, `2026-03-${day}T09:00:00`, `2026-03-${day}T09:30:00`));
      }
      const series = await create(weekly("Series"));
      const initial = await deltaRound(deltaUrl, 3);
      for (const page of initial.pages.slice(0, -1)) {
        // A series is never split, so a page holds at most max(3, one whole series).
        expect(page.value.length).toBeLessThanOrEqual(5);
      }
      expect(initial.pages.length).toBeGreaterThan(2);
      const occurrence = initial.items.find((i) => i.seriesMasterId === series.id)!;
      await patch(occurrence.id, { subject: "Edited" });
      const next = await deltaRound(initial.deltaLink, 3);
      const master = next.items.find((i) => i.id === series.id);
      expect(master).toMatchObject({ type: "seriesMaster", subject: "Series" });
      const exception = next.items.find((i) => i.id === occurrence.id);
      expect(exception).toMatchObject({ type: "exception" });
    });

    it("lists each changed item once in a round after many changes, across pages", async () => {
      const created: Json[] = [];
      for (let i = 0; i < 24; i++) {
        const day = String(2 + (i % 20)).padStart(2, "0");
        created.push(await create(meeting(`M${i}`, `2026-03-${day}T09:00:00`, `2026-03-${day}T09:30:00`)));
      }
      const initial = await deltaRound(deltaUrl, 5);
      expect(initial.items).toHaveLength(24);
      for (const event of created.slice(0, 18)) {
        await patch(event.id, { subject: `${event.subject}'` });
        await patch(event.id, { subject: `${event.subject}''` });
      }
      for (const event of created.slice(18)) await f.graph.api(`${events}/${event.id}`).delete();
      const next = await deltaRound(initial.deltaLink, 5);
      const ids = next.items.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(next.items.filter((i) => i["@removed"])).toHaveLength(6);
      const updated = next.items.filter((i) => !i["@removed"]);
      expect(updated).toHaveLength(18);
      expect(updated.every((i) => i.subject.endsWith("''"))).toBe(true);
      expect(next.pages.length).toBeGreaterThan(4);
    });

    it("lets a deltaLink be used again, giving the same changes", async () => {
      await create(meeting("Base", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
      const initial = await deltaRound(deltaUrl);
      const later = await create(meeting("Later", "2026-03-05T09:00:00", "2026-03-05T10:00:00"));
      const once = await deltaRound(initial.deltaLink);
      const twice = await deltaRound(initial.deltaLink);
      expect(once.items.map((i) => i.id)).toEqual([later.id]);
      expect(twice.items.map((i) => i.id)).toEqual([later.id]);
    });

    it("returns a series turned into a single instance in full", async () => {
      const series = await create(weekly("Was recurring"));
      const initial = await deltaRound(deltaUrl);
      const single = await patch(series.id, { recurrence: null });
      expect(single.type).toBe("singleInstance");
      const next = await deltaRound(initial.deltaLink);
      expect(next.items.find((i) => i.id === series.id)).toMatchObject({ type: "singleInstance" });
    });
  });

  describe("organizer and messages", () => {
    it("makes the mailbox owner the organizer of an app-created event", async () => {
      const created = await create(meeting("Mine", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
      expect(created).toMatchObject({
        isOrganizer: true,
        organizer: { emailAddress: { address: ADELE } },
        responseStatus: { response: "organizer" },
        attendees: [],
      });
    });

    it("sends no message at all for events without attendees, recurring ones included", async () => {
      const single = await create(meeting("Alone", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
      await patch(single.id, { subject: "Alone 2", body: { contentType: "text", content: "x" } });
      await f.graph.api(`${events}/${single.id}/cancel`).post({ comment: "no" });
      const series = await create(weekly("Alone series"));
      const instances: Json = await f.graph.api(`${events}/${series.id}/instances?${WINDOW}`).get();
      await patch(instances.value[0].id, { subject: "moved" });
      await f.graph.api(`${events}/${instances.value[1].id}`).delete();
      await f.graph.api(`${events}/${instances.value[2].id}/cancel`).post({});
      await patch(series.id, { subject: "Renamed series" });
      await f.graph.api(`${events}/${series.id}`).delete();
      expect(messages()).toMatchObject({ invitations: 0, updates: 0, cancellations: 0 });
    });

    it("counts cancellations when the organizer deletes a meeting, and updates attendee copies on a body-only PATCH", async () => {
      const created = await create(
        meeting("Meet", "2026-03-02T09:00:00", "2026-03-02T10:00:00", {
          attendees: [attendee(MEGAN), attendee(ADELE_FABRIKAM)],
        }),
      );
      const copyBefore: Json = (
        await f.fabrikamGraph
          .api(`/users/${ADELE_FABRIKAM}/events`)
          .filter(`iCalUId eq '${created.iCalUId}'`)
          .get()
      ).value[0];
      expect(copyBefore.changeKey).not.toBe(created.changeKey);
      await patch(created.id, { body: { contentType: "text", content: "Agenda v2" } });
      expect(messages().updates).toBe(2);
      const copyAfter: Json = await f.fabrikamGraph
        .api(`/users/${ADELE_FABRIKAM}/events/${copyBefore.id}`)
        .header("Prefer", 'outlook.body-content-type="text"')
        .get();
      expect(copyAfter.body.content).toBe("Agenda v2");
      expect(copyAfter.changeKey).not.toBe(copyBefore.changeKey);
      expect(copyAfter.iCalUId).toBe(created.iCalUId);
      expect(copyAfter.isOrganizer).toBe(false);
      await f.graph.api(`${events}/${created.id}`).delete();
      expect(messages().cancellations).toBe(2);
    });

    it("shows attendees only themselves on a hideAttendees meeting", async () => {
      const created = await create(
        meeting("Hidden", "2026-03-02T09:00:00", "2026-03-02T10:00:00", {
          hideAttendees: true,
          attendees: [attendee(MEGAN), attendee(ADELE_FABRIKAM)],
        }),
      );
      expect(created.attendees).toHaveLength(2);
      const copy: Json = (
        await f.graph.api(`/users/${MEGAN}/events`).filter(`iCalUId eq '${created.iCalUId}'`).get()
      ).value[0];
      expect(copy.attendees.map((a: Json) => a.emailAddress.address)).toEqual([MEGAN]);
    });
  });

  describe("times in views", () => {
    it("keeps an all-day event midnight to midnight under Prefer: outlook.timezone", async () => {
      await create({
        subject: "Holiday",
        isAllDay: true,
        start: { dateTime: "2026-03-05T00:00:00", timeZone: "W. Europe Standard Time" },
        end: { dateTime: "2026-03-06T00:00:00", timeZone: "W. Europe Standard Time" },
      });
      const page: Json = await f.graph
        .api(`/users/${ADELE}/calendarView?${WINDOW}`)
        .header("Prefer", 'outlook.timezone="Pacific Standard Time"')
        .get();
      expect(page.value[0]).toMatchObject({
        isAllDay: true,
        start: { dateTime: "2026-03-05T00:00:00.0000000", timeZone: "Pacific Standard Time" },
        end: { dateTime: "2026-03-06T00:00:00.0000000", timeZone: "Pacific Standard Time" },
        originalStartTimeZone: "W. Europe Standard Time",
      });
    });

    it("orders calendarView by start", async () => {
      await create(meeting("Late", "2026-03-20T09:00:00", "2026-03-20T10:00:00"));
      await create(weekly("Weekly"));
      await create(meeting("Early", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
      const starts = (await view()).map((i) => i.start.dateTime);
      expect(starts).toEqual([...starts].sort());
    });
  });
});
