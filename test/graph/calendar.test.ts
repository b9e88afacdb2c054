import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CalendarEvent, EventContent } from "../../src/core/event.js";
import { GraphRequestError } from "../../src/graph/errors.js";
import {
  ADELE,
  type CalendarFixture,
  type Json,
  personIn,
  startCalendarFixture,
} from "./calendar-fixture.js";

const WINDOW = { start: "2030-01-01T00:00:00Z", end: "2031-01-01T00:00:00Z" };

const utc = (dateTime: string) => ({ dateTime, timeZone: "UTC" });
const single = (subject: string, day: string, extra: Json = {}) => ({
  subject,
  start: utc(`${day}T09:00:00`),
  end: utc(`${day}T10:00:00`),
  ...extra,
});

function copyContent(subject: string, extra: Partial<EventContent> = {}): EventContent {
  return {
    subject,
    body: { type: "html", content: "<p>Organizer: someone</p>" },
    location: "Room 1",
    start: { dateTime: "2030-05-06T09:00:00", timeZone: "Europe/Berlin" },
    end: { dateTime: "2030-05-06T10:00:00", timeZone: "Europe/Berlin" },
    isAllDay: false,
    showAs: "busy",
    sensitivity: "normal",
    importance: "normal",
    categories: [],
    reminder: { on: false, minutesBefore: 0 },
    ...extra,
  };
}

const byId = (events: CalendarEvent[]) => new Map(events.map((e) => [e.id, e]));
const subjects = (events: CalendarEvent[]) => events.map((e) => e.subject).sort();

describe("GraphCalendar against the emulator", () => {
  let fx: CalendarFixture;
  let person: ReturnType<typeof personIn>;
  beforeEach(async () => {
    fx = await startCalendarFixture();
    person = personIn(fx.emulator, ADELE);
  });
  afterEach(() => fx?.close());

  it("lists the window in a first round, then only what changed", async () => {
    const calendar = fx.calendar(ADELE, 2);
    const kept = await person.create(single("Kept", "2030-02-01"));
    const edited = await person.create(single("Edited", "2030-02-02"));
    const deleted = await person.create(single("Deleted", "2030-02-03"));

    const first = await calendar.changes(WINDOW, undefined);
    expect(subjects(first.changed)).toEqual(["Deleted", "Edited", "Kept"]);
    expect(first).toMatchObject({ removed: [], full: false });
    expect(first.changed.every((e) => e.kind === "single" && e.tag === undefined)).toBe(true);
    expect(byId(first.changed).get(kept.id)?.start).toEqual({
      dateTime: "2030-02-01T09:00:00",
      timeZone: "UTC",
    });

    await person.update(edited.id, { subject: "Edited again" });
    await person.remove(deleted.id);
    const added = await person.create(single("Added", "2030-02-04"));
    const second = await calendar.changes(WINDOW, first.cursor);
    expect(subjects(second.changed)).toEqual(["Added", "Edited again"]);
    expect(second.removed).toEqual([deleted.id]);
    expect(second.full).toBe(false);
    expect(byId(second.changed).get(added.id)?.version).toBe(added["@odata.etag"]);

    // A quiet round costs one request: the delta page, nothing to look up.
    const before = fx.emulator.ctx.stats.snapshot().requests.total;
    const third = await calendar.changes(WINDOW, second.cursor);
    expect(third).toMatchObject({ changed: [], removed: [], full: false });
    expect(fx.emulator.ctx.stats.snapshot().requests.total - before).toBe(1);
  });

  it("takes events the engine knows from the delta payload, with their known tag, and skips unknown removals", async () => {
    const calendar = fx.calendar(ADELE);
    const original = await person.create(single("Original", "2030-02-01"));
    const copy = await person.create(single("Copy", "2030-02-02"));
    const stranger = await person.create(single("Stranger", "2030-02-03"));
    const first = await calendar.changes(WINDOW, undefined);
    const tag = { profileId: "p1", sourceSide: "B" as const, sourceId: "b-1" };
    const known = new Map([
      [original.id, null],
      [copy.id, tag],
    ]);

    await person.update(original.id, { subject: "Original edited" });
    await person.update(copy.id, { subject: "Copy edited" });
    await person.remove(stranger.id);
    const before = fx.emulator.ctx.stats.snapshot().requests.total;
    const second = await calendar.changes(WINDOW, first.cursor, known);
    // The delta page alone: no read for the known events' tags, no check of the stranger's removal.
    expect(fx.emulator.ctx.stats.snapshot().requests.total - before).toBe(1);
    expect(second.removed).toEqual([stranger.id]);
    const changed = byId(second.changed);
    expect(changed.get(original.id)?.subject).toBe("Original edited");
    expect(changed.get(original.id)?.tag).toBeUndefined();
    expect(changed.get(copy.id)).toMatchObject({ subject: "Copy edited", tag });

    // An event it does not know is read for its tag; a known one that is gone is checked, then removed.
    const added = await person.create(single("Added", "2030-02-04"));
    await person.remove(original.id);
    const third = await calendar.changes(WINDOW, second.cursor, known);
    expect(third.changed.map((e) => e.id)).toEqual([added.id]);
    expect(third.removed).toEqual([original.id]);
  });

  it("hydrates a series' instances: moved exception kept, cancelled occurrences absent, across DST", async () => {
    const calendar = fx.calendar(ADELE);
    const master = await person.create({
      subject: "Weekly sync",
      body: { contentType: "html", content: "<p>agenda</p>" },
      start: { dateTime: "2030-03-19T09:00:00", timeZone: "W. Europe Standard Time" },
      end: { dateTime: "2030-03-19T09:30:00", timeZone: "W. Europe Standard Time" },
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"] },
        range: { type: "numbered", startDate: "2030-03-19", numberOfOccurrences: 5 },
      },
      seedExceptions: [{ occurrence: 1, shiftMinutes: 60, subject: "Moved sync" }],
      seedCancelledOccurrences: [2],
    });

    const first = await calendar.changes(WINDOW, undefined);
    expect(first.refreshedSeries).toEqual([master.id]);
    const series = first.changed.find((e) => e.kind === "series")!;
    expect(series.recurrence).toEqual({
      pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"], firstDayOfWeek: "sunday" },
      range: { type: "numbered", startDate: "2030-03-19", numberOfOccurrences: 5, timeZone: "Europe/Berlin" },
    });
    const instances = first.changed.filter((e) => e.kind === "occurrence" || e.kind === "exception");
    expect(instances.map((e) => [e.kind, e.subject, e.start.dateTime])).toEqual([
      ["occurrence", "Weekly sync", "2030-03-19T09:00:00"],
      ["exception", "Moved sync", "2030-03-26T10:00:00"],
      // 2 April was cancelled; the 31 March DST change keeps the wall clock at 09:00 Berlin.
      ["occurrence", "Weekly sync", "2030-04-09T09:00:00"],
      ["occurrence", "Weekly sync", "2030-04-16T09:00:00"],
    ]);
    for (const instance of instances) {
      expect(instance).toMatchObject({
        seriesId: master.id,
        body: { type: "html", content: "<p>agenda</p>" },
      });
      expect(instance.start.timeZone).toBe("Europe/Berlin");
      expect(instance.originalStart).toMatch(/^2030-0[34]-\d\dT0[78]:00:00Z$/);
    }

    // A person deletes one more occurrence: delta says nothing about it, the refreshed series does.
    const gone = instances[2]!;
    await person.remove(gone.id);
    const second = await calendar.changes(WINDOW, first.cursor);
    expect(second.refreshedSeries).toEqual([master.id]);
    const left = second.changed.filter((e) => e.seriesId === master.id).map((e) => e.start.dateTime);
    expect(left).toEqual(["2030-03-19T09:00:00", "2030-03-26T10:00:00", "2030-04-16T09:00:00"]);
    expect(second.removed).toEqual([]);
    expect(await calendar.instances(master.id, WINDOW)).toHaveLength(3);
  });

  it("refreshes a series that began before the window once its occurrences in the window are all cancelled", async () => {
    const calendar = fx.calendar(ADELE);
    const master = await person.create({
      subject: "Winter course",
      start: utc("2029-12-10T09:00:00"),
      end: utc("2029-12-10T10:00:00"),
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday"] },
        range: { type: "endDate", startDate: "2029-12-10", endDate: "2030-01-14" },
      },
    });
    const first = await calendar.changes(WINDOW, undefined);
    const inWindow = first.changed.filter((e) => e.seriesId === master.id);
    expect(inWindow.map((e) => e.start.dateTime)).toEqual(["2030-01-07T09:00:00", "2030-01-14T09:00:00"]);

    for (const occurrence of inWindow) await person.remove(occurrence.id);
    const second = await calendar.changes(WINDOW, first.cursor);
    // The series still reaches into the window, so it did not leave it: its empty instances are the truth.
    expect(second.refreshedSeries).toEqual([master.id]);
    expect(second.changed.filter((e) => e.seriesId === master.id)).toEqual([]);
  });

  it.each(["syncStateNotFound", "resync"] as const)(
    "recovers from an expired delta token (%s) with a full listing",
    async (variant) => {
      const calendar = fx.calendar(ADELE);
      await person.create(single("Before", "2030-02-01"));
      const first = await calendar.changes(WINDOW, undefined);
      await person.create(single("During", "2030-02-02"));
      await fx.expireDelta(ADELE, variant);

      const recovered = await calendar.changes(WINDOW, first.cursor);
      expect(recovered.full).toBe(true);
      expect(subjects(recovered.changed)).toEqual(["Before", "During"]);
      const next = await calendar.changes(WINDOW, recovered.cursor);
      expect(next).toMatchObject({ changed: [], removed: [], full: false });
    },
  );

  it("starts a full listing when asked for another window than the cursor's", async () => {
    const calendar = fx.calendar(ADELE);
    await person.create(single("Late", "2030-11-01"));
    const first = await calendar.changes(WINDOW, undefined);
    const rebased = await calendar.changes({ start: "2030-06-01T00:00:00Z", end: WINDOW.end }, first.cursor);
    expect(rebased.full).toBe(true);
    expect(subjects(rebased.changed)).toEqual(["Late"]);
  });

  it("starts a full listing, sending nothing to the old host, when the cursor's link is on another Graph host", async () => {
    const calendar = fx.calendar(ADELE);
    await person.create(single("Kept", "2030-02-01"));
    const first = await calendar.changes(WINDOW, undefined);
    const moved = JSON.parse(first.cursor) as { link: string };
    moved.link = moved.link.replace(/^https:\/\/[^/]+/, "https://graph.old-cloud.invalid");
    const relisted = await calendar.changes(WINDOW, JSON.stringify(moved));
    expect(relisted.full).toBe(true);
    expect(subjects(relisted.changed)).toEqual(["Kept"]);
  });

  it("reports as removed only what is gone, and what left the window as changed", async () => {
    const calendar = fx.calendar(ADELE);
    const leaving = await person.create(single("Leaving", "2030-02-01"));
    const first = await calendar.changes(WINDOW, undefined);

    await person.update(leaving.id, { start: utc("2029-06-01T09:00:00"), end: utc("2029-06-01T10:00:00") });
    const outside = await person.create(single("Outside", "2029-05-01"));
    await person.remove(outside.id);
    const second = await calendar.changes(WINDOW, first.cursor);
    // Still there, so not removed; still changed (a copy moved out of the window is an edited copy).
    expect(subjects(second.changed)).toEqual(["Leaving"]);
    expect(second.refreshedSeries).toEqual([]);
    expect(second.removed).toEqual([outside.id]);
  });

  it("finds a profile's copies by tag, page after page, and no one else's", async () => {
    const calendar = fx.calendar(ADELE, 2);
    const made: string[] = [];
    for (const [profileId, n] of [
      ["p1", 3],
      ["p2", 1],
      ["P1", 1],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const sourceId = `AAMk${i}+/=`;
        const copy = await calendar.create(
          copyContent(`${profileId} #${i}`),
          { profileId, sourceSide: "B", sourceId },
          `tx-${profileId}-${i}`,
        );
        made.push(copy.id);
      }
    }
    await person.create(single("An original", "2030-05-06"));

    const p1 = await calendar.findCopies("p1");
    expect(subjects(p1)).toEqual(["p1 #0", "p1 #1", "p1 #2"]);
    expect(p1.map((e) => e.tag)).toContainEqual({ profileId: "p1", sourceSide: "B", sourceId: "AAMk1+/=" });
    expect(subjects(await calendar.findCopies("p2"))).toEqual(["p2 #0"]);
    expect(await calendar.findCopies("p")).toEqual([]);
  });

  it("creates a copy once per transactionId, with its tag, and reads it back", async () => {
    const calendar = fx.calendar(ADELE);
    const tag = { profileId: "p1", sourceSide: "A" as const, sourceId: "AAMkX+/=" };
    const first = await calendar.create(copyContent("Once"), tag, "crosscal-tx-1");
    const again = await calendar.create(copyContent("Once"), tag, "crosscal-tx-1");
    expect(again.id).toBe(first.id);
    expect(first.tag).toEqual(tag);
    expect((await person.list()).filter((e) => e.subject === "Once")).toHaveLength(1);

    const read = await calendar.get(first.id);
    expect(read).toMatchObject({ id: first.id, version: first.version, tag, subject: "Once", attendees: [] });
    expect(await calendar.get("AAMkAGone=")).toBeUndefined();
  });

  it("a create repeated after a person edited the first one's event restores the content", async () => {
    const calendar = fx.calendar(ADELE);
    const tag = { profileId: "p1", sourceSide: "A" as const, sourceId: "AAMkY" };
    const first = await calendar.create(copyContent("Planning"), tag, "crosscal-tx-2");
    await person.update(first.id, {
      subject: "Scribbled",
      start: utc("2029-01-01T09:00:00"),
      end: utc("2029-01-01T10:00:00"),
    });
    const again = await calendar.create(copyContent("Planning"), tag, "crosscal-tx-2");
    expect(again).toMatchObject({
      id: first.id,
      subject: "Planning",
      start: copyContent("Planning").start,
      tag,
    });
    expect((await calendar.get(first.id))!.version).toBe(again.version);
  });

  it("updates with If-Match: a stale version fails as a precondition", async () => {
    const calendar = fx.calendar(ADELE);
    const copy = await calendar.create(
      copyContent("v1"),
      { profileId: "p", sourceSide: "A", sourceId: "s" },
      "tx",
    );
    const updated = await calendar.update(
      copy.id,
      { subject: "v2", reminder: { on: true, minutesBefore: 5 } },
      copy.version,
    );
    expect(updated).toMatchObject({
      subject: "v2",
      reminder: { on: true, minutesBefore: 5 },
      location: "Room 1",
    });
    expect(updated.version).not.toBe(copy.version);

    const stale = calendar.update(copy.id, { subject: "v3" }, copy.version);
    await expect(stale).rejects.toBeInstanceOf(GraphRequestError);
    await expect(stale).rejects.toMatchObject({ kind: "precondition" });
    expect((await calendar.get(copy.id))?.subject).toBe("v2");
    expect((await calendar.update(copy.id, { subject: "v3" })).subject).toBe("v3");
  });

  it("deletes idempotently", async () => {
    const calendar = fx.calendar(ADELE);
    const copy = await calendar.create(
      copyContent("Doomed"),
      { profileId: "p", sourceSide: "A", sourceId: "s" },
      "tx",
    );
    await calendar.delete(copy.id);
    await calendar.delete(copy.id);
    expect(await calendar.get(copy.id)).toBeUndefined();
    expect(await calendar.instances(copy.id, WINDOW)).toEqual([]);
  });

  it("reads a meeting the mailbox was invited to: organizer, attendees, response, join link", async () => {
    const megan = personIn(fx.emulator, "megan@contoso.test");
    await megan.create(
      single("Invitation", "2030-03-03", {
        isOnlineMeeting: true,
        attendees: [{ type: "required", emailAddress: { address: ADELE, name: "Adele" } }],
      }),
    );
    const [received] = (await fx.calendar(ADELE).changes(WINDOW, undefined)).changed;
    expect(received).toMatchObject({
      subject: "Invitation",
      kind: "single",
      isOrganizer: false,
      organizer: { address: "megan@contoso.test" },
      attendees: [{ address: ADELE, name: "Adele", type: "required" }],
      response: "notResponded",
      isOnlineMeeting: true,
    });
    expect(received!.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    expect(received!.iCalUId).toBeTruthy();
  });

  it("never sends an invitation: copies are written, changed and deleted without attendees", async () => {
    const calendar = fx.calendar(ADELE);
    const tag = { profileId: "p", sourceSide: "B" as const, sourceId: "AAMkMeeting=" };
    const series = await calendar.create(
      copyContent("Copied meeting", {
        body: { type: "text", content: "Attendees: Megan <megan@contoso.test>; Alex <alex@contoso.test>" },
        recurrence: {
          pattern: { type: "daily", interval: 1 },
          range: {
            type: "numbered",
            startDate: "2030-05-06",
            numberOfOccurrences: 3,
            timeZone: "Europe/Berlin",
          },
        },
      }),
      tag,
      "tx-meeting",
    );
    await calendar.update(series.id, { subject: "Copied meeting (moved)" });
    const [occurrence] = await calendar.instances(series.id, WINDOW);
    await calendar.update(occurrence!.id, { subject: "One occurrence edited" });
    await calendar.delete(series.id);

    const stored = await person.list();
    expect(stored).toEqual([]);
    expect(fx.emulator.ctx.stats.snapshot().messages).toMatchObject({
      invitations: 0,
      updates: 0,
      cancellations: 0,
    });
  });
});
