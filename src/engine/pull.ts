import type { CalendarPort, KnownEvents, Window } from "../core/calendar-port.js";
import type { CalendarEvent, Side } from "../core/event.js";
import type { SideChanges } from "../core/plan-input.js";
import { seriesReachesWindow } from "../core/window.js";

/** What one side reported in a run, ready for the planner. */
export interface SidePull {
  changes: SideChanges;
  cursor: string;
  /** The side listed its whole window (first run, new window, or a lost cursor). */
  full: boolean;
  /** Events the side reported this run. */
  listed: number;
  /** The side was not read this run: its stored cursor stands as it is. */
  unread?: true;
}

/**
 * Reads events into a side's changes, or marks them gone. Used for the events a full listing lacks (deleted,
 * or only out of the window: a read tells which, and leaving the window is not a deletion) and for the
 * originals the planner asks for. Returns the events found.
 */
export async function fetchInto(
  port: CalendarPort,
  ids: string[],
  changes: SideChanges,
): Promise<CalendarEvent[]> {
  const found = await Promise.all(ids.map((id) => port.get(id)));
  found.forEach((event, index) => {
    if (event) changes.changed.push(event);
    else changes.gone.push(ids[index]!);
  });
  return found.filter((event) => event !== undefined);
}

/**
 * A series a full listing lacks although it reaches the window lost every occurrence there (a listing
 * shows a series by its occurrences): its instances are read, none or only exceptions moved elsewhere, so
 * that the copy's cancelled occurrences are removed as a delta round would have them removed.
 */
async function refreshUnlisted(
  port: CalendarPort,
  window: Window,
  unlisted: CalendarEvent[],
  changes: SideChanges,
) {
  const series = unlisted.filter((event) => event.kind === "series" && seriesReachesWindow(event, window));
  const instances = await Promise.all(series.map((event) => port.instances(event.id, window)));
  changes.changed.push(...instances.flat());
  changes.refreshedSeries = [...(changes.refreshedSeries ?? []), ...series.map((event) => event.id)];
}

/**
 * One side's changes since `cursor`. `linked` are the ids the store links on this side (a full listing that
 * lacks one is checked); `known` tells the connector which events need no read for their tag.
 */
export async function pullSide(
  port: CalendarPort,
  window: Window,
  cursor: string | undefined,
  linked: Set<string>,
  known?: KnownEvents,
): Promise<SidePull> {
  const batch = await port.changes(window, cursor, known);
  const changes: SideChanges = {
    changed: [...batch.changed],
    gone: [...batch.removed],
    refreshedSeries: [...(batch.refreshedSeries ?? [])],
  };
  // Without a cursor the batch lists the whole window too: a new window, or links left by a run that
  // failed before it could save its cursors. Deletions since are only found by what the listing lacks.
  const full = batch.full || cursor === undefined;
  if (full) {
    const reported = new Set([...changes.changed.map((event) => event.id), ...changes.gone]);
    const unlisted = await fetchInto(
      port,
      [...linked].filter((id) => !reported.has(id)),
      changes,
    );
    await refreshUnlisted(port, window, unlisted, changes);
  }
  // Known events found outside the window count as listed: the side is not empty, they only left the window.
  return { changes, cursor: batch.cursor, full, listed: changes.changed.length };
}

/** Adds meetings found by iCalUId to a side's changes, once each. */
export async function lookUpMeetings(
  port: CalendarPort,
  side: Side,
  iCalUIds: string[],
  changes: Record<Side, SideChanges>,
): Promise<number> {
  const found = (await Promise.all([...new Set(iCalUIds)].map((id) => port.findByICalUId(id)))).flat();
  const present = new Set(changes[side].changed.map((event) => event.id));
  const fresh = found.filter((event: CalendarEvent) => !event.tag && !present.has(event.id));
  changes[side].changed.push(...fresh);
  return fresh.length;
}

/** The instances of the copy series the planner needs, read from the copies' side. */
export async function readCopyInstances(
  ports: Record<Side, CalendarPort>,
  window: Window,
  wanted: Array<{ side: Side; seriesId: string }>,
): Promise<Record<string, CalendarEvent[]>> {
  const read = await Promise.all(wanted.map(({ side, seriesId }) => ports[side].instances(seriesId, window)));
  return Object.fromEntries(wanted.map(({ seriesId }, index) => [seriesId, read[index]!]));
}
