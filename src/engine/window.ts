import type { Window } from "../core/calendar-port.js";

const DAY_MS = 86_400_000;
/** Graph's delta needs an end date; "no limit on the future" is a horizon far enough away. */
const HORIZON_DAYS = 5 * 366;
/** The window is re-based (a new full listing) once its start is this many days behind the one wanted. */
export const REBASE_AFTER_DAYS = 7;

const startOfDay = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS);

/** The window a run wants now: from `pastDays` ago (at midnight UTC) to the far horizon. */
export function wantedWindow(now: Date, pastDays: number): Window {
  const start = startOfDay(now.getTime() - pastDays * DAY_MS);
  const end = startOfDay(now.getTime() + HORIZON_DAYS * DAY_MS);
  return { start: start.toISOString(), end: end.toISOString() };
}

/**
 * Keeps the stored window while it is recent enough (a new window costs a full listing); re-bases it once
 * its start lags the wanted start by a week, or when there is none.
 */
export function runWindow(stored: Window | undefined, wanted: Window): { window: Window; rebased: boolean } {
  if (!stored) return { window: wanted, rebased: true };
  const lag = Date.parse(wanted.start) - Date.parse(stored.start);
  if (lag < 0 || lag >= REBASE_AFTER_DAYS * DAY_MS) return { window: wanted, rebased: true };
  return { window: stored, rebased: false };
}
