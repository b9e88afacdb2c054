import { Temporal } from "temporal-polyfill";

/**
 * Fast paths for the date-time strings every event carries ("2026-03-26T08:00:00", Graph's
 * "2026-03-26T08:00:00.0000000"). Temporal's string parser and formatter dominated the CPU of mapping an
 * event; these handle only the plain, strict ISO form and answer undefined for anything else, so callers
 * fall back to Temporal and behave exactly as before for every other input. Zone arithmetic stays with
 * Temporal: only UTC, which has no rules, is computed here.
 */

export interface WallClockFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** The fraction of a second as written, without the dot ("" for none). */
  fraction: string;
}

const STRICT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * `YYYY-MM-DDTHH:MM:SS[.fraction]` with every field in range, or undefined (then use Temporal). Years
 * before 1000 are left to Temporal too, since Date treats two-digit years specially.
 */
export function parseWallClock(text: string): WallClockFields | undefined {
  const match = STRICT.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { year, month, day, hour, minute, second, fraction: match[7] ?? "" };
}

const two = (value: number) => (value < 10 ? `0${value}` : String(value));

/** The wall clock to the second, fraction dropped: what Temporal's toString({ smallestUnit: "second" }) writes. */
export function formatWallClock(fields: Omit<WallClockFields, "fraction">): string {
  return `${fields.year}-${two(fields.month)}-${two(fields.day)}T${two(fields.hour)}:${two(fields.minute)}:${two(fields.second)}`;
}

/** Does the wall clock fit in whole milliseconds (what Date can hold exactly)? */
export const wholeMilliseconds = (fields: WallClockFields) =>
  fields.fraction.length <= 3 || /^0+$/.test(fields.fraction.slice(3));

/** Milliseconds since the epoch of a wall clock read as UTC (the fraction below a millisecond dropped). */
export function utcEpochMilliseconds(fields: WallClockFields): number {
  const millis = fields.fraction === "" ? 0 : Number(fields.fraction.slice(0, 3).padEnd(3, "0"));
  return Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    millis,
  );
}

/** The Temporal wall clock of parsed fields, without parsing the string again. */
export function plainDateTimeOf(fields: WallClockFields): Temporal.PlainDateTime {
  const nanos = Number(fields.fraction.padEnd(9, "0"));
  return new Temporal.PlainDateTime(
    fields.year,
    fields.month,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    Math.floor(nanos / 1e6),
    Math.floor(nanos / 1e3) % 1e3,
    nanos % 1e3,
  );
}

/** A Temporal wall clock of a model or Graph string: the fast path when it is strict ISO, else Temporal's parser. */
export function plainDateTimeFrom(text: string): Temporal.PlainDateTime {
  const fields = parseWallClock(text);
  return fields ? plainDateTimeOf(fields) : Temporal.PlainDateTime.from(text);
}

/** The wall clock of a Temporal date-time, to the second (years outside 1000-9999 formatted by Temporal). */
export function wallClockOf(dateTime: Temporal.PlainDateTime): string {
  if (dateTime.year < 1000 || dateTime.year > 9999) return dateTime.toString({ smallestUnit: "second" });
  return formatWallClock(dateTime);
}
