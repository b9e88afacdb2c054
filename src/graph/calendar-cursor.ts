import type { Window } from "../core/calendar-port.js";

/**
 * The cursor GraphCalendar hands the engine: the deltaLink of the last round and the window it was made
 * for. Graph freezes the window into its tokens (GRAPH-NOTES §3.2), so the window travels with the link:
 * a call with another window cannot silently continue the old one.
 */
export interface DeltaCursor {
  window: Window;
  deltaLink: string;
}

const VERSION = 1;

export function encodeCursor(cursor: DeltaCursor): string {
  return JSON.stringify({
    v: VERSION,
    start: cursor.window.start,
    end: cursor.window.end,
    link: cursor.deltaLink,
  });
}

/** The cursor, or an error for a value no GraphCalendar wrote (a corrupted store must not pass unnoticed). */
export function decodeCursor(value: string): DeltaCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error(`not a Graph calendar cursor: ${value.slice(0, 80)}`);
  }
  const { v, start, end, link } = (parsed ?? {}) as Record<string, unknown>;
  if (v !== VERSION || typeof start !== "string" || typeof end !== "string" || typeof link !== "string") {
    throw new Error(`not a Graph calendar cursor: ${value.slice(0, 80)}`);
  }
  return { window: { start, end }, deltaLink: link };
}

export const sameWindow = (a: Window, b: Window) => a.start === b.start && a.end === b.end;
