import { expect } from "vitest";
import type { Side } from "../../../src/core/event.js";
import type { Link } from "../../../src/store/links.js";
import type { Tombstone } from "../../../src/store/tombstones.js";
import { instancesOf, type Json, parseTag, tagValue } from "./mailboxes.js";
import type { ModelWorld, Scenario } from "./world.js";

const SIDES = ["A", "B"] as const;
const other = (side: Side): Side => (side === "A" ? "B" : "A");
const DAY_MS = 86_400_000;

/** Both mailboxes as the emulator stores them, split into originals and this profile's copies. */
export interface Mailboxes {
  events: Record<Side, Json[]>;
}

const isCopy = (event: Json) => tagValue(event) !== undefined;
const sourceOf = (copy: Json) => parseTag(tagValue(copy)!);
const utc = (time: { dateTime: string }) => Date.parse(`${time.dateTime.slice(0, 23)}Z`);

/**
 * What may change an original: its own fields, its exceptions and cancelled occurrences. Nothing crosscal
 * does may change any of these (it owns only its copies).
 */
export function originalsSignature(mailboxes: Mailboxes): Record<string, string> {
  const signature: Record<string, string> = {};
  for (const side of SIDES) {
    for (const event of mailboxes.events[side]) {
      if (isCopy(event)) continue;
      signature[`${side}:${event.id}`] = JSON.stringify([
        event.changeKey,
        event.isCancelled,
        (event.exceptions as Json[]).map((e) => [e.originalStart, e.changeKey]),
        event.cancelledOccurrences,
      ]);
    }
  }
  return signature;
}

/** Every event's version, copies included: a run that writes nothing leaves all of them as they were. */
export function everythingSignature(mailboxes: Mailboxes): Record<string, string> {
  const signature: Record<string, string> = {};
  for (const side of SIDES) {
    for (const event of mailboxes.events[side]) {
      signature[`${side}:${event.id}`] = JSON.stringify([
        event.changeKey,
        (event.exceptions as Json[]).map((e) => [e.originalStart, e.changeKey]),
        event.cancelledOccurrences,
      ]);
    }
  }
  return signature;
}

export interface Knowledge {
  /** Originals (`side:id`) a person's deletion may have put under a tombstone (their copy or twin deleted). */
  mayBeSuppressed: Set<string>;
  /** Originals (`side:id`) present before the profile's baseline was taken (only-new start). */
  beforeBaseline: Set<string>;
  /** The instant the window is judged from (crosscal drops what ended more than 30 days before). */
  now: number;
}

/** The body crosscal writes: the original's own, then organizer and attendees (never invited). */
function expectFooter(copy: Json, original: Json, where: string) {
  const content = copy.body.content as string;
  expect(content, `${where}: body keeps the original's text`).toContain(original.body.content);
  const organizer = original.organizer?.emailAddress?.address;
  if (organizer) expect(content, `${where}: body names the organizer`).toContain(organizer);
  for (const attendee of original.attendees as Json[])
    expect(content, `${where}: body lists attendee`).toContain(attendee.emailAddress.address);
}

/** The copy carries the original's mapped content (full-details preset), with no attendees or reminder. */
function expectMappedContent(copy: Json, original: Json, where: string) {
  const picked = (event: Json) => ({
    subject: event.subject,
    start: event.start.dateTime,
    end: event.end.dateTime,
    isAllDay: event.isAllDay,
    showAs: event.showAs,
    sensitivity: event.sensitivity,
    type: event.type,
  });
  expect(picked(copy), `${where}: mapped content`).toEqual(picked(original));
  expect(copy.attendees, `${where}: a copy invites nobody`).toEqual([]);
  expect(copy.isReminderOn, `${where}: no reminder on copies`).toBe(false);
  expectFooter(copy, original, where);
  if (original.type === "seriesMaster") {
    const pattern = (event: Json) => ({
      pattern: event.recurrence.pattern,
      range: { ...event.recurrence.range, recurrenceTimeZone: undefined },
    });
    expect(pattern(copy), `${where}: same recurrence`).toEqual(pattern(original));
  }
}

/** A series whose every occurrence was cancelled blocks no time: Graph's calendar view never shows it. */
const noOccurrences = (event: Json) =>
  event.type === "seriesMaster" &&
  event.recurrence.range.type === "numbered" &&
  event.cancelledOccurrences.length >= event.recurrence.range.numberOfOccurrences;

const inWindow = (event: Json, knowledge: Knowledge) =>
  utc(event.end) > knowledge.now - 30 * DAY_MS || event.type === "seriesMaster";

/**
 * The sync semantics on a quiet pair of mailboxes, checked on what the emulator stores and on the store.
 * Returns the series pairs (original, copy) whose instances the caller compares.
 */
export function checkMailboxes(
  mailboxes: Mailboxes,
  links: Link[],
  tombstones: Tombstone[],
  knowledge: Knowledge,
  startMode: "merge" | "only_new",
): Array<{ side: Side; original: Json; copy: Json }> {
  const byId = (side: Side) => new Map(mailboxes.events[side].map((event) => [event.id as string, event]));
  const ids = { A: byId("A"), B: byId("B") };
  const seriesLinks = links.filter((link) => !link.seriesSourceId);
  const linkBySource = new Map(seriesLinks.map((link) => [`${link.sourceSide}:${link.sourceId}`, link]));
  const tombstoned = new Map(tombstones.map((t) => [`${t.sourceSide}:${t.sourceId}`, t]));
  const pairs: Array<{ side: Side; original: Json; copy: Json }> = [];

  for (const side of SIDES) {
    for (const copy of mailboxes.events[side].filter(isCopy)) {
      const where = `copy ${side}:${copy.id} "${copy.subject}"`;
      const tag = sourceOf(copy);
      expect(tag.sourceSide, `${where}: its original is in the other mailbox`).toBe(other(side));
      const original = ids[tag.sourceSide].get(tag.sourceId);
      expect(original, `${where}: its original exists`).toBeDefined();
      expect(isCopy(original!), `${where}: no copy of a copy`).toBe(false);
      const link = linkBySource.get(`${tag.sourceSide}:${tag.sourceId}`);
      expect(link?.copyId, `${where}: the store links it`).toBe(copy.id);
      expect(link?.owned, `${where}: the store owns it`).toBe(true);
      expect(original!.isCancelled, `${where}: its original is not cancelled`).toBe(false);
      if (!inWindow(original!, knowledge)) continue;
      expectMappedContent(copy, original!, where);
      if (original!.type === "seriesMaster") pairs.push({ side: tag.sourceSide, original: original!, copy });
    }
  }

  for (const link of seriesLinks) {
    const where = `link ${link.sourceSide}:${link.sourceId} -> ${link.copyId}`;
    expect(ids[link.sourceSide].has(link.sourceId), `${where}: its original exists`).toBe(true);
    const target = ids[other(link.sourceSide)].get(link.copyId);
    expect(target, `${where}: its counterpart exists`).toBeDefined();
    if (!link.owned) {
      const source = ids[link.sourceSide].get(link.sourceId)!;
      const sameMeeting = source.iCalUId === target!.iCalUId;
      const twin =
        startMode === "merge" &&
        source.subject === target!.subject &&
        utc(source.start) === utc(target!.start) &&
        utc(source.end) === utc(target!.end);
      expect(sameMeeting || twin, `${where}: a meeting both mailboxes hold, or a twin`).toBe(true);
      expect(isCopy(target!), `${where}: not owned, so not a copy`).toBe(false);
    }
  }

  for (const side of SIDES) {
    const otherSide = other(side);
    for (const original of mailboxes.events[side].filter((event) => !isCopy(event))) {
      const key = `${side}:${original.id}`;
      const where = `original ${key} "${original.subject}"`;
      const copies = mailboxes.events[otherSide].filter(
        (event) => isCopy(event) && sourceOf(event).sourceId === original.id,
      );
      const sameMeeting = mailboxes.events[otherSide].filter(
        (event) => !isCopy(event) && event.iCalUId === original.iCalUId,
      );
      const linkedTwin = seriesLinks.filter(
        (link) =>
          !link.owned &&
          ((link.sourceSide === side && link.sourceId === original.id) ||
            (link.sourceSide === otherSide && link.copyId === original.id)),
      );
      const counterparts = new Set([
        ...copies.map((e) => e.id),
        ...sameMeeting.map((e) => e.id),
        ...linkedTwin.map((l) => (l.sourceSide === side ? l.copyId : l.sourceId)),
      ]);
      expect(counterparts.size, `${where}: at most one counterpart`).toBeLessThanOrEqual(1);
      const tombstone = tombstoned.get(key);
      if (tombstone?.reason === "baseline") {
        expect(startMode, `${where}: baseline only on an only-new start`).toBe("only_new");
        expect(knowledge.beforeBaseline.has(key), `${where}: baseline only for what existed then`).toBe(true);
      } else if (tombstone) {
        expect(
          knowledge.mayBeSuppressed.has(key),
          `${where}: tombstoned only after a person deleted its counterpart`,
        ).toBe(true);
      }
      const wanted =
        !original.isCancelled && inWindow(original, knowledge) && !tombstone && !noOccurrences(original);
      if (wanted) expect(counterparts.size, `${where}: has its counterpart`).toBe(1);
    }
  }
  return pairs;
}

/** Instances as they look in a calendar: when, and under which subject. */
const describeInstances = (instances: Json[]) =>
  instances.map((i) => `${i.start.dateTime} - ${i.end.dateTime} ${i.subject}`).sort();

/** A copy series mirrors its original's instances: moved and cancelled occurrences included. */
export async function checkSeriesInstances(
  world: ModelWorld,
  scenario: Scenario,
  pairs: Array<{ side: Side; original: Json; copy: Json }>,
  window: { start: string; end: string },
) {
  for (const { side, original, copy } of pairs) {
    const [originals, copies] = await Promise.all([
      instancesOf(
        world.emulator,
        await world.observerToken(side),
        scenario.mailbox[side],
        original.id,
        window,
      ),
      instancesOf(
        world.emulator,
        await world.observerToken(other(side)),
        scenario.mailbox[other(side)],
        copy.id,
        window,
      ),
    ]);
    expect(
      describeInstances(copies),
      `instances of copy ${copy.id} of series ${side}:${original.id}`,
    ).toEqual(describeInstances(originals));
  }
}
