import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../src/engine/run-profile.js";
import type { SyncSettings } from "../../src/engine/settings.js";
import { wantedWindow } from "../../src/engine/window.js";
import { listCursors } from "../../src/store/cursors.js";
import { listLinks } from "../../src/store/links.js";
import { findProfileById } from "../../src/store/profiles.js";
import {
  type EngineFixture,
  type Json,
  MAILBOX,
  meeting,
  person,
  SETTINGS,
  startEngineFixture,
} from "./fixture.js";

/**
 * The sync semantics of ARCHITECTURE.md, point by point, through the engine, the Graph connector, the
 * emulator over HTTPS and a real SQLite store. Points 3, 5, 8 and 9 are proven in run-profile.test.ts,
 * series.test.ts and the connector's tests; 12 (the engine's share: echoes of its own writes cost no Graph
 * request, runs read only the notified mailbox) in notifications.test.ts.
 */

const DAY = 86_400_000;
/** Noon UTC today: runs that depend on the window get this clock, so no edge depends on the time of day. */
const NOON = new Date(Math.floor(Date.now() / DAY) * DAY + DAY / 2);
const daysFromNoon = (days: number) => new Date(NOON.getTime() + days * DAY);
const clock = (date: Date) => () => date;

const utc = (date: Date) => ({ dateTime: date.toISOString().slice(0, 19), timeZone: "UTC" });
/** A one-hour meeting (UTC times) that ends at `end`. */
const endingAt = (subject: string, end: Date, extra: Json = {}): Json => ({
  subject,
  body: { contentType: "text", content: `About ${subject}` },
  start: utc(new Date(end.getTime() - 3_600_000)),
  end: utc(end),
  ...extra,
});

const isCopy = (event: Json) => JSON.stringify(event).includes("crosscal.source");
const eventsIn = (f: EngineFixture, side: "A" | "B") => person(f.emulator, MAILBOX[side]).list();
const copiesIn = async (f: EngineFixture, side: "A" | "B") => (await eventsIn(f, side)).filter(isCopy);
const originalsIn = async (f: EngineFixture, side: "A" | "B") =>
  (await eventsIn(f, side)).filter((event) => !isCopy(event));
const subjects = (events: Json[]) => events.map((event) => event.subject as string).sort();
/** What a run decided to write (skips are decisions, not writes). */
const writes = (report: RunReport) => report.actions.filter((action) => action.type !== "skip");
const instant = (time: Json) => Date.parse(`${String(time.dateTime).replace(/Z$/, "")}Z`);

describe("1. Direction", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await startEngineFixture("merge");
  });
  afterEach(() => f.close());
  const aToB: SyncSettings = { ...SETTINGS, direction: "a-to-b" };

  it("a one-way sync copies A's originals to B and never B's originals to A", async () => {
    const board = await person(f.emulator, MAILBOX.A).create(meeting("Board meeting", 2));
    const gym = await person(f.emulator, MAILBOX.B).create(meeting("Gym", 3));
    const first = await f.run({ settings: aToB });
    expect(first.outcome).toBe("ok");
    expect(subjects(await copiesIn(f, "B"))).toEqual(["Board meeting"]);
    expect(await copiesIn(f, "A")).toEqual([]);
    expect(first.actions).toContainEqual(
      expect.objectContaining({ type: "skip", eventId: gym.id, reason: "direction" }),
    );

    await person(f.emulator, MAILBOX.A).update(board.id, { subject: "Board meeting (agenda)" });
    await person(f.emulator, MAILBOX.B).update(gym.id, { subject: "Gym (moved)" });
    const second = await f.run({ settings: aToB });
    expect(second.counts).toMatchObject({ created: 0, updated: 1, deleted: 0 });
    expect(subjects(await copiesIn(f, "B"))).toEqual(["Board meeting (agenda)"]);
    expect(await copiesIn(f, "A")).toEqual([]);
  });

  it("the other way round (B to A) copies only B's originals", async () => {
    await person(f.emulator, MAILBOX.A).create(meeting("Board meeting", 2));
    await person(f.emulator, MAILBOX.B).create(meeting("Gym", 3));
    await f.run({ settings: { ...SETTINGS, direction: "b-to-a" } });
    expect(subjects(await copiesIn(f, "A"))).toEqual(["Gym"]);
    expect(await copiesIn(f, "B")).toEqual([]);
  });

  it("a one-way copy deleted in the target stays deleted and its original is left alone", async () => {
    const board = await person(f.emulator, MAILBOX.A).create(meeting("Board meeting", 2));
    await f.run({ settings: aToB });
    const [copy] = await copiesIn(f, "B");
    const originalBefore = await originalsIn(f, "A");
    await person(f.emulator, MAILBOX.B).remove(copy!.id);
    const report = await f.run({ settings: aToB });
    expect(report.counts).toMatchObject({ tombstoned: 1, created: 0, deleted: 0, updated: 0 });
    expect(await originalsIn(f, "A")).toEqual(originalBefore);

    await person(f.emulator, MAILBOX.A).update(board.id, { subject: "Board meeting (new room)" });
    const later = await f.run({ settings: aToB });
    expect(writes(later)).toEqual([]);
    expect(await copiesIn(f, "B")).toEqual([]);
  });

  it("two-way: a copy is never copied back, however many runs and edits follow", async () => {
    const alpha = await person(f.emulator, MAILBOX.A).create(meeting("Alpha", 1));
    const beta = await person(f.emulator, MAILBOX.B).create(meeting("Beta", 2));
    await f.run();
    await person(f.emulator, MAILBOX.A).update(alpha.id, { subject: "Alpha v2" });
    await f.run();
    await person(f.emulator, MAILBOX.B).update(beta.id, { location: { displayName: "Room 1" } });
    await f.run();
    await f.run();
    for (const [side, own, copied] of [
      ["A", "Alpha v2", "Beta"],
      ["B", "Beta", "Alpha v2"],
    ] as const) {
      expect(subjects(await originalsIn(f, side))).toEqual([own]);
      expect(subjects(await copiesIn(f, side))).toEqual([copied]);
    }
    expect((await copiesIn(f, "A"))[0]!.location.displayName).toBe("Room 1");
    expect(writes(await f.run())).toEqual([]);
  });
});

describe("2. Window", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await startEngineFixture("merge");
  });
  afterEach(() => f.close());
  const atNoon = { now: clock(NOON) };

  it("never processes an event that ended more than pastDays ago", async () => {
    const adele = person(f.emulator, MAILBOX.A);
    const ancient = await adele.create(endingAt("Ancient", daysFromNoon(-40)));
    // Listed (the window starts at midnight UTC) but ended an hour before the cutoff: the planner skips it.
    const justOut = await adele.create(
      endingAt("Just out", new Date(daysFromNoon(-30).getTime() - 3_600_000)),
    );
    await adele.create(endingAt("Just in", new Date(daysFromNoon(-30).getTime() + 3_600_000)));
    const report = await f.run(atNoon);
    expect(report.outcome).toBe("ok");
    expect(subjects(await copiesIn(f, "B"))).toEqual(["Just in"]);
    expect(report.actions).toContainEqual(
      expect.objectContaining({ type: "skip", eventId: justOut.id, reason: "outside-window" }),
    );
    expect(JSON.stringify(report.actions)).not.toContain(ancient.id);
    expect(writes(await f.run(atNoon))).toEqual([]);
  });

  it("honours a configured number of past days", async () => {
    const adele = person(f.emulator, MAILBOX.A);
    await adele.create(endingAt("Ten days ago", daysFromNoon(-10)));
    const justOut = await adele.create(
      endingAt("Just out", new Date(daysFromNoon(-7).getTime() - 3_600_000)),
    );
    await adele.create(endingAt("Five days ago", daysFromNoon(-5)));
    const report = await f.run({ ...atNoon, settings: { ...SETTINGS, pastDays: 7 } });
    expect(subjects(await copiesIn(f, "B"))).toEqual(["Five days ago"]);
    expect(report.actions).toContainEqual(
      expect.objectContaining({ type: "skip", eventId: justOut.id, reason: "outside-window" }),
    );
  });

  it("an original moved into the far past keeps its copy: leaving the window is not a deletion", async () => {
    const quarterly = await person(f.emulator, MAILBOX.A).create(meeting("Quarterly", 2));
    await f.run(atNoon);
    const copies = await copiesIn(f, "B");
    expect(copies).toHaveLength(1);
    const { start, end } = endingAt("", daysFromNoon(-60));
    await person(f.emulator, MAILBOX.A).update(quarterly.id, { start, end });
    const moved = await f.run(atNoon);
    expect(moved.outcome).toBe("ok");
    expect(moved.counts).toMatchObject({ created: 0, deleted: 0, tombstoned: 0 });
    expect(await copiesIn(f, "B")).toEqual(copies);
    expect(writes(await f.run(atNoon))).toEqual([]);

    // Back in the window, the original is followed again by the same copy.
    const back = endingAt("", daysFromNoon(5));
    await person(f.emulator, MAILBOX.A).update(quarterly.id, { start: back.start, end: back.end });
    const returned = await f.run(atNoon);
    expect(returned.counts).toMatchObject({ created: 0, updated: 1, deleted: 0 });
    const [copy] = await copiesIn(f, "B");
    expect(copy!.id).toBe(copies[0]!.id);
    expect(instant((await f.readEvent("B", copy!.id)).end)).toBe(daysFromNoon(5).getTime());
  });

  it("a run a week later re-bases the window with no duplicate, no deletion, and nothing more to write", async () => {
    const adele = person(f.emulator, MAILBOX.A);
    await adele.create(endingAt("Old review", daysFromNoon(-25)));
    await adele.create(meeting("Next week", 3));
    await person(f.emulator, MAILBOX.B).create(meeting("Dentist", 4));
    expect((await f.run(atNoon)).counts.created).toBe(3);
    const copiesInA = await copiesIn(f, "A");
    await adele.create(meeting("Added meanwhile", 5));

    const weekLater = daysFromNoon(8);
    const rebased = await f.run({ now: clock(weekLater) });
    expect(rebased.outcome).toBe("ok");
    expect(rebased.counts).toMatchObject({ created: 1, updated: 0, deleted: 0, tombstoned: 0 });
    const cursors = await listCursors(f.db, f.profileId);
    expect(cursors.map((cursor) => cursor.windowStart)).toEqual([
      wantedWindow(weekLater, SETTINGS.pastDays).start,
      wantedWindow(weekLater, SETTINGS.pastDays).start,
    ]);
    // "Old review" ended 33 days before the new clock: out of the window, its copy stays.
    expect(subjects(await copiesIn(f, "B"))).toEqual(["Added meanwhile", "Next week", "Old review"]);
    expect(await copiesIn(f, "A")).toEqual(copiesInA);

    expect(writes(await f.run({ now: clock(weekLater) }))).toEqual([]);
    expect(writes(await f.run({ now: clock(daysFromNoon(9)) }))).toEqual([]);
    expect(await eventsIn(f, "B")).toHaveLength(4);
  });
});

describe("4. Changes: an original no longer passing the rules loses its copy", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await startEngineFixture("merge");
  });
  afterEach(() => f.close());
  const withRules: SyncSettings = {
    ...SETTINGS,
    rules: [
      { name: "private subjects", when: { subject: { matches: "^Private" } }, action: "skip" },
      { name: "private events", when: { sensitivity: ["private"] }, action: "skip" },
    ],
  };

  it("deletes the copy when its original's subject or privacy makes a rule skip it", async () => {
    const adele = person(f.emulator, MAILBOX.A);
    const lunch = await adele.create(meeting("Lunch", 2));
    const review = await adele.create(meeting("Review", 3));
    const dentist = await adele.create(meeting("Private: dentist", 4));
    const first = await f.run({ settings: withRules });
    expect(subjects(await copiesIn(f, "B"))).toEqual(["Lunch", "Review"]);
    expect(first.actions).toContainEqual(
      expect.objectContaining({
        type: "skip",
        eventId: dentist.id,
        reason: "rules",
        detail: "private subjects",
      }),
    );

    await adele.update(lunch.id, { subject: "Private lunch" });
    await adele.update(review.id, { sensitivity: "private" });
    const second = await f.run({ settings: withRules });
    expect(second.counts).toMatchObject({ deleted: 2, created: 0, updated: 0, tombstoned: 0 });
    expect(second.actions.filter((action) => action.type === "delete")).toEqual([
      expect.objectContaining({ sourceId: lunch.id, reason: "rules" }),
      expect.objectContaining({ sourceId: review.id, reason: "rules" }),
    ]);
    expect(await copiesIn(f, "B")).toEqual([]);
    expect(subjects(await originalsIn(f, "A"))).toEqual(["Private lunch", "Private: dentist", "Review"]);
    expect(writes(await f.run({ settings: withRules }))).toEqual([]);

    // Passing the rules again, it is copied again.
    await adele.update(lunch.id, { subject: "Team lunch" });
    expect((await f.run({ settings: withRules })).counts.created).toBe(1);
    expect(subjects(await copiesIn(f, "B"))).toEqual(["Team lunch"]);
  });

  it("deletes existing copies that a rule added to the sync now skips", async () => {
    await person(f.emulator, MAILBOX.A).create(meeting("Private: therapy", 2));
    await person(f.emulator, MAILBOX.A).create(meeting("Standup", 1));
    await f.run();
    expect(await copiesIn(f, "B")).toHaveLength(2);
    const report = await f.run({ settings: withRules });
    expect(report.counts).toMatchObject({ deleted: 1 });
    expect(subjects(await copiesIn(f, "B"))).toEqual(["Standup"]);
  });
});

describe("6. Conflicts", () => {
  let f: EngineFixture;
  beforeAll(async () => {
    f = await startEngineFixture("merge");
  });
  afterAll(() => f.close());

  it("when the original and its copy both changed, the original wins", async () => {
    const review = await person(f.emulator, MAILBOX.A).create(
      meeting("Design review", 2, { location: { displayName: "Room 1" } }),
    );
    await f.run();
    const [copy] = await copiesIn(f, "B");
    const later = meeting("", 3);
    await person(f.emulator, MAILBOX.B).update(copy!.id, {
      subject: "My own notes",
      location: { displayName: "Home" },
      start: later.start,
      end: later.end,
    });
    await person(f.emulator, MAILBOX.A).update(review.id, { subject: "Design review (v2)" });

    const report = await f.run();
    expect(report.counts).toMatchObject({ updated: 1, created: 0, deleted: 0, tombstoned: 0 });
    const [after] = await copiesIn(f, "B");
    expect(after!.id).toBe(copy!.id);
    expect(after).toMatchObject({ subject: "Design review (v2)", location: { displayName: "Room 1" } });
    expect(after!.start).toEqual(copy!.start);
    expect(after!.end).toEqual(copy!.end);
    const [original] = await originalsIn(f, "A");
    expect(original).toMatchObject({ subject: "Design review (v2)", location: { displayName: "Room 1" } });
    expect(await copiesIn(f, "A")).toEqual([]);
    expect(writes(await f.run())).toEqual([]);
  });
});

describe("7. No invitations, ever", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await startEngineFixture("merge");
  });
  afterEach(() => f.close());
  const reminding = { isReminderOn: true, reminderMinutesBeforeStart: 15 };
  const attendee = (address: string) => ({ type: "required", emailAddress: { address } });

  it("copies carry no attendees and no reminder; creating, updating and deleting them emails nobody", async () => {
    const kickOff = await person(f.emulator, MAILBOX.A).create(
      meeting("Kick-off", 2, { ...reminding, attendees: [attendee("megan@contoso.test")] }),
    );
    await person(f.emulator, MAILBOX.B).create(
      meeting("Supplier call", 3, { ...reminding, attendees: [attendee("megan@fabrikam.test")] }),
    );
    expect(await originalsIn(f, "A")).toEqual([expect.objectContaining({ isReminderOn: true })]);
    f.emulator.ctx.stats.reset();
    expect((await f.run()).counts.created).toBe(2);
    for (const [side, invited] of [
      ["B", "megan@contoso.test"],
      ["A", "megan@fabrikam.test"],
    ] as const) {
      const [copy] = await copiesIn(f, side);
      const graph = await f.readEvent(side, copy!.id);
      expect(graph).toMatchObject({ attendees: [], isReminderOn: false });
      expect(graph.body.content).toContain(invited);
    }

    await person(f.emulator, MAILBOX.A).update(kickOff.id, { subject: "Kick-off (moved)" });
    expect((await f.run()).counts.updated).toBe(1);
    await person(f.emulator, MAILBOX.A).remove(kickOff.id);
    expect((await f.run()).counts.deleted).toBe(1);

    const messages = f.emulator.ctx.stats.snapshot().messages;
    // The person's own edits did email the attendees: the counters are live.
    expect(messages.byApp.outlook).toMatchObject({ updates: 1, cancellations: 1 });
    for (const appId of [f.appIds.A, f.appIds.B]) {
      expect(messages.byApp[appId] ?? { invitations: 0, updates: 0, cancellations: 0 }).toEqual({
        invitations: 0,
        updates: 0,
        cancellations: 0,
      });
    }
  });

  it("copies remind only when the sync asks for it", async () => {
    await person(f.emulator, MAILBOX.A).create(meeting("Kick-off", 2, reminding));
    await f.run({ settings: { ...SETTINGS, copyReminders: true } });
    const [copy] = await copiesIn(f, "B");
    expect(await f.readEvent("B", copy!.id)).toMatchObject(reminding);
  });
});

describe("10. Guards", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await startEngineFixture("merge");
  });
  afterEach(() => f.close());

  /** Three originals in A copied to B, then every original deleted at once. */
  async function emptyMailboxA() {
    const created = [];
    for (const day of [1, 2, 3])
      created.push(await person(f.emulator, MAILBOX.A).create(meeting(`Item ${day}`, day)));
    await f.run({ now: clock(NOON) });
    expect(await copiesIn(f, "B")).toHaveLength(3);
    for (const event of created) await person(f.emulator, MAILBOX.A).remove(event.id);
  }

  async function expectStoppedWithoutWrites(run: () => Promise<RunReport>) {
    const mailboxB = await eventsIn(f, "B");
    const links = await listLinks(f.db, f.profileId);
    const stopped = await run();
    expect(stopped.outcome).toBe("needs_confirmation");
    expect(stopped.reason).toBe("mailbox A suddenly lists no events while 3 are linked");
    expect(stopped.counts).toMatchObject({ created: 0, updated: 0, deleted: 0, tombstoned: 0 });
    expect(await eventsIn(f, "B")).toEqual(mailboxB);
    expect(await listLinks(f.db, f.profileId)).toEqual(links);
    const profile = (await findProfileById(f.db, f.profileId))!;
    expect(profile).toMatchObject({ status: "needs_confirmation", statusReason: stopped.reason });
  }

  it("a side that suddenly lists nothing (lost delta token) stops the run until a person confirms", async () => {
    await emptyMailboxA();
    const expired = await fetch(`${f.emulator.url}/_emulator/delta/expire`, {
      method: "POST",
      body: JSON.stringify({ upn: MAILBOX.A }),
      headers: { "content-type": "application/json" },
    });
    expect(expired.ok).toBe(true);
    await expectStoppedWithoutWrites(() => f.run({ now: clock(NOON) }));
    // Asking again without confirmation changes nothing.
    await expectStoppedWithoutWrites(() => f.run({ now: clock(NOON) }));

    const confirmed = await f.run({ now: clock(NOON), confirmed: true });
    expect(confirmed.outcome).toBe("ok");
    expect(confirmed.counts.deleted).toBe(3);
    expect(await copiesIn(f, "B")).toEqual([]);
    expect((await findProfileById(f.db, f.profileId))!.status).toBe("active");
    expect(writes(await f.run({ now: clock(NOON) }))).toEqual([]);
  });

  it("a side whose only events were linked to the same meeting in the other mailbox counts as emptied too", async () => {
    // Merge start: the same meeting in both mailboxes is linked, not copied; the link names A's as the source.
    const ids = [];
    for (const day of [1, 2])
      ids.push((await person(f.emulator, MAILBOX.B).create(meeting(`Standup ${day}`, day))).id);
    for (const day of [1, 2]) await person(f.emulator, MAILBOX.A).create(meeting(`Standup ${day}`, day));
    expect((await f.run({ now: clock(NOON) })).counts).toMatchObject({ linked: 2, created: 0 });
    for (const id of ids) await person(f.emulator, MAILBOX.B).remove(id);
    const expired = await fetch(`${f.emulator.url}/_emulator/delta/expire`, {
      method: "POST",
      body: JSON.stringify({ upn: MAILBOX.B }),
      headers: { "content-type": "application/json" },
    });
    expect(expired.ok).toBe(true);
    const stopped = await f.run({ now: clock(NOON) });
    expect(stopped.outcome).toBe("needs_confirmation");
    expect(stopped.reason).toBe("mailbox B suddenly lists no events while 2 are linked");
    expect(await listLinks(f.db, f.profileId)).toHaveLength(2);
  });

  it("a re-based window that lists nothing on one side stops the run too", async () => {
    await emptyMailboxA();
    await expectStoppedWithoutWrites(() => f.run({ now: clock(daysFromNoon(8)) }));
    const confirmed = await f.run({ now: clock(daysFromNoon(8)), confirmed: true });
    expect(confirmed.counts.deleted).toBe(3);
    expect(await copiesIn(f, "B")).toEqual([]);
  });
});

describe("11. Field mapping", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await startEngineFixture("merge");
  });
  afterEach(() => f.close());
  const secretive = {
    body: { contentType: "html", content: "<p>Offer: 42 million</p>" },
    location: { displayName: "Board room" },
    showAs: "tentative",
    sensitivity: "private",
    importance: "high",
    categories: ["Red category"],
    attendees: [{ type: "required", emailAddress: { address: "megan@contoso.test" } }],
  };

  /** The copy of A's only original, and that original, both as Graph returns them. */
  async function copyAndOriginal() {
    const [copy] = await copiesIn(f, "B");
    const [original] = await originalsIn(f, "A");
    return { copy: await f.readEvent("B", copy!.id), original: await f.readEvent("A", original!.id) };
  }

  it("busy: the copy shows Busy, the times, show-as and privacy, and nothing else", async () => {
    const talks = await person(f.emulator, MAILBOX.A).create(meeting("Acquisition talks", 2, secretive));
    const busy: SyncSettings = { ...SETTINGS, mapping: "busy" };
    await f.run({ settings: busy });
    const { copy, original } = await copyAndOriginal();
    expect(copy).toMatchObject({
      subject: "Busy",
      showAs: "tentative",
      sensitivity: "private",
      importance: "normal",
      categories: [],
      attendees: [],
      isReminderOn: false,
      location: { displayName: "" },
    });
    expect(instant(copy.start)).toBe(instant(original.start));
    expect(instant(copy.end)).toBe(instant(original.end));
    expect(JSON.stringify(copy)).not.toMatch(/Acquisition|42 million|Board room|megan/);

    // What the preset does not show may change without touching the copy (semantics 4).
    await person(f.emulator, MAILBOX.A).update(talks.id, { location: { displayName: "Room 9" } });
    expect(writes(await f.run({ settings: busy }))).toEqual([]);
    expect((await f.readEvent("B", copy.id)).changeKey).toBe(copy.changeKey);
  });

  it("a sync switched to another mapping rewrites its existing copies on the next run, once", async () => {
    await person(f.emulator, MAILBOX.A).create(meeting("Acquisition talks", 2, secretive));
    await f.run();
    expect(subjects(await copiesIn(f, "B"))).toEqual(["Acquisition talks"]);
    const busy: SyncSettings = { ...SETTINGS, mapping: "busy" };
    expect((await f.run({ settings: busy })).counts.updated).toBe(1);
    expect(subjects(await copiesIn(f, "B"))).toEqual(["Busy"]);
    expect(writes(await f.run({ settings: busy }))).toEqual([]);
  });

  it("a custom mapping fills, fixes and omits fields as configured", async () => {
    await person(f.emulator, MAILBOX.A).create(meeting("Acquisition talks", 2, secretive));
    const custom: SyncSettings = {
      ...SETTINGS,
      fields: {
        subject: { template: "[Contoso] {subject}" },
        body: { value: "Details in the Contoso mailbox" },
        location: "omit",
        categories: { value: ["From Contoso"] },
      },
    };
    await f.run({ settings: custom });
    const { copy, original } = await copyAndOriginal();
    expect(copy).toMatchObject({
      subject: "[Contoso] Acquisition talks",
      location: { displayName: "" },
      categories: ["From Contoso"],
      showAs: "tentative",
      sensitivity: "private",
      importance: "high",
      attendees: [],
    });
    // Graph returns a text body wrapped in HTML.
    expect(copy.body.content).toContain("Details in the Contoso mailbox");
    expect(copy.body.content).not.toContain("42 million");
    expect(instant(copy.start)).toBe(instant(original.start));
  });

  it("a rule picks another mapping for the originals it matches, and the copy follows when it stops matching", async () => {
    const personal: SyncSettings = {
      ...SETTINGS,
      rules: [
        {
          name: "personal as busy",
          when: { categories: ["personal"] },
          action: { mapping: { preset: "busy" } },
        },
      ],
    };
    const doctor = await person(f.emulator, MAILBOX.A).create(
      meeting("Doctor", 2, { categories: ["Personal"], location: { displayName: "Clinic" } }),
    );
    await person(f.emulator, MAILBOX.A).create(
      meeting("Roadmap", 3, { location: { displayName: "Room 2" } }),
    );
    await f.run({ settings: personal });
    const byLocation = async () =>
      Object.fromEntries(
        await Promise.all(
          (await copiesIn(f, "B")).map(async (copy) => {
            const graph = await f.readEvent("B", copy.id);
            return [graph.subject, graph.location.displayName];
          }),
        ),
      );
    expect(await byLocation()).toEqual({ Busy: "", Roadmap: "Room 2" });

    await person(f.emulator, MAILBOX.A).update(doctor.id, { categories: [] });
    expect((await f.run({ settings: personal })).counts).toMatchObject({ updated: 1, created: 0 });
    expect(await byLocation()).toEqual({ Doctor: "Clinic", Roadmap: "Room 2" });
  });
});
