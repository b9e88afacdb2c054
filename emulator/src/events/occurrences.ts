import { expandSeries, isOccurrenceStart } from "../calendar/expand.js";
import type { EventView, StoredEvent } from "./model.js";
import { calendarCall, instantOf, overlaps, type Window } from "./times.js";

type OccurrenceView = Extract<EventView, { kind: "occurrence" }>;

function expand(master: StoredEvent, window: Window) {
  if (!master.recurrence) return [];
  const { recurrence } = master;
  return calendarCall(() => expandSeries(recurrence, master.fields.start, master.fields.end, window));
}

function viewOf(master: StoredEvent, originalStart: number, start: number, end: number): OccurrenceView {
  const exception = master.exceptions.get(originalStart);
  if (exception)
    return {
      kind: "occurrence",
      master,
      originalStart,
      start: exception.start,
      end: exception.end,
      exception,
    };
  return { kind: "occurrence", master, originalStart, start, end };
}

/**
 * The occurrences and exceptions of a series that overlap a window, without cancelled ones, by start.
 * Exceptions are matched on their actual (possibly moved) times, not their original slot.
 */
export function seriesInWindow(master: StoredEvent, window: Window): OccurrenceView[] {
  const views: OccurrenceView[] = [];
  for (const occurrence of expand(master, window)) {
    const key = occurrence.originalStart.epochMilliseconds;
    if (master.cancelledOccurrences.has(key) || master.exceptions.has(key)) continue;
    views.push(viewOf(master, key, occurrence.start.epochMilliseconds, occurrence.end.epochMilliseconds));
  }
  for (const exception of master.exceptions.values()) {
    if (master.cancelledOccurrences.has(exception.originalStart)) continue;
    if (overlaps(exception.start, exception.end, window)) {
      views.push(viewOf(master, exception.originalStart, exception.start, exception.end));
    }
  }
  return views.sort((a, b) => a.start - b.start || a.originalStart - b.originalStart);
}

/** One occurrence by its original start; undefined if the series has no such occurrence (or it was deleted). */
export function occurrenceAt(master: StoredEvent, originalStart: number): OccurrenceView | undefined {
  if (!master.recurrence || master.cancelledOccurrences.has(originalStart)) return undefined;
  const { recurrence } = master;
  const at = instantOf(originalStart);
  if (!calendarCall(() => isOccurrenceStart(recurrence, master.fields.start, master.fields.end, at)))
    return undefined;
  const found = expand(master, { start: at, end: instantOf(originalStart + 1) }).find(
    (o) => o.originalStart.epochMilliseconds === originalStart,
  );
  const duration = found ? found.end.epochMilliseconds - found.start.epochMilliseconds : 0;
  return viewOf(master, originalStart, originalStart, originalStart + duration);
}

const DAY = 86_400_000;

/**
 * The occurrences either side of one (a cancelled slot still counts, as in Outlook). Searches a wider
 * window when a neighbour is missing, so sparse series (yearly) are handled without expanding everything.
 */
export function neighbours(master: StoredEvent, originalStart: number) {
  let found: { previous?: OccurrenceView; next?: OccurrenceView } = {};
  for (const days of [45, 1500]) {
    const window = {
      start: instantOf(originalStart - days * DAY),
      end: instantOf(originalStart + days * DAY),
    };
    const all = expand(master, window).map((o) =>
      viewOf(master, o.originalStart.epochMilliseconds, o.start.epochMilliseconds, o.end.epochMilliseconds),
    );
    const index = all.findIndex((o) => o.originalStart === originalStart);
    found = { previous: all[index - 1], next: index < 0 ? undefined : all[index + 1] };
    if (found.previous && found.next) break;
  }
  return found;
}
