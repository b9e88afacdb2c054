import { Temporal } from "temporal-polyfill";
import { WINDOWS_TO_IANA_MAP } from "windows-iana";
import { CalendarInputError, type DateTimeTimeZone } from "./types.js";

/**
 * Windows zone names (lower-cased) → IANA id. Exchange compares zone names case-insensitively, while
 * windows-iana's findIana() is case-sensitive, so the table is indexed once here. The "001" territory row
 * is CLDR's canonical zone for a Windows name.
 */
const windowsToIana = new Map<string, string>();
for (const row of WINDOWS_TO_IANA_MAP) {
  const key = row.windowsName.toLowerCase();
  const iana = row.iana[0];
  if (iana && (row.territory === "001" || !windowsToIana.has(key))) windowsToIana.set(key, iana);
}

/**
 * Names CLDR's table (and so windows-iana) lacks but Exchange can hold: Windows ids retired from the
 * registry that old mailboxes and desktop clients still carry (Graph returns such names in
 * originalStartTimeZone, issue microsoft-graph-docs#5210).
 * UNCONFIRMED: whether Graph accepts them, and "tzone://Microsoft/Utc", on writes; a client echoing back
 * what it read should not fail here. "tzone://Microsoft/Custom" (a legacy desktop-Outlook custom zone)
 * is deliberately absent: it names no zone, so it is rejected.
 */
const extraWindowsNames: Record<string, string> = {
  "tzone://microsoft/utc": "UTC",
  "mid-atlantic standard time": "Etc/GMT+2",
  "kamchatka standard time": "Asia/Kamchatka",
  "mexico standard time": "America/Mexico_City",
  "mexico standard time 2": "America/Chihuahua",
  "armenian standard time": "Asia/Yerevan",
};

export const unsupportedTimeZone = (name: string) =>
  new CalendarInputError(
    "TimeZoneNotSupportedException",
    `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`,
  );

function ianaFromIanaName(name: string): string | undefined {
  // Temporal also takes offsets ("+05:00") as zone ids; Graph only takes named zones.
  if (!/^[A-Za-z]/.test(name)) return undefined;
  try {
    return Temporal.ZonedDateTime.from({ year: 2000, month: 1, day: 1, timeZone: name }).timeZoneId;
  } catch {
    return undefined;
  }
}

/** Windows name or IANA name → IANA id; anything else is Graph's TimeZoneNotSupportedException. */
export function ianaZoneFor(name: string): string {
  const key = name.trim().toLowerCase();
  const iana = windowsToIana.get(key) ?? extraWindowsNames[key] ?? ianaFromIanaName(name.trim());
  if (!iana) throw unsupportedTimeZone(name);
  return iana;
}

/** True when `name` is a zone Graph accepts. */
export function isSupportedTimeZone(name: string): boolean {
  try {
    ianaZoneFor(name);
    return true;
  } catch {
    return false;
  }
}

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

// UNCONFIRMED: the code and message Graph uses for an unparseable dateTime string.
const badDateTime = (value: unknown) =>
  new CalendarInputError(
    "UnableToDeserializePostBody",
    `The dateTime value '${String(value)}' is not valid.`,
  );

/**
 * The wall-clock `dateTime` in its zone. A local time inside a DST gap moves forward ("compatible", as
 * Windows resolves it; UNCONFIRMED for Exchange). UNCONFIRMED: a value carrying "Z" or an offset is taken
 * as that instant (then shown in the zone); Graph's documented form has neither.
 */
export function toZoned(value: DateTimeTimeZone): Temporal.ZonedDateTime {
  if (!value || typeof value.dateTime !== "string" || typeof value.timeZone !== "string")
    throw badDateTime(value?.dateTime);
  const zone = ianaZoneFor(value.timeZone);
  const text = value.dateTime.trim();
  try {
    if (WITH_OFFSET.test(text)) return Temporal.Instant.from(text).toZonedDateTimeISO(zone);
    if (!WALL_CLOCK.test(text)) throw badDateTime(text);
    return Temporal.PlainDateTime.from(text).toZonedDateTime(zone, { disambiguation: "compatible" });
  } catch (error) {
    if (error instanceof CalendarInputError) throw error;
    throw badDateTime(text);
  }
}

export const toInstant = (value: DateTimeTimeZone): Temporal.Instant => toZoned(value).toInstant();

/**
 * The wall-clock reading of `dateTime` as written (before any DST-gap shift), for rules about local
 * times: all-day midnights and the time of day a series keeps.
 */
export function toWallClock(value: DateTimeTimeZone): Temporal.PlainDateTime {
  const zoned = toZoned(value);
  const text = value.dateTime.trim();
  return WALL_CLOCK.test(text) ? Temporal.PlainDateTime.from(text) : zoned.toPlainDateTime();
}

/** Graph's output form: wall clock with 7 fractional digits, in the zone named exactly as asked. */
export function formatInZone(instant: Temporal.Instant, zoneName = "UTC"): DateTimeTimeZone {
  const local = instant.toZonedDateTimeISO(ianaZoneFor(zoneName)).toPlainDateTime();
  return { dateTime: local.toString({ fractionalSecondDigits: 7 }), timeZone: zoneName };
}

/** Splits a header on commas outside double quotes. */
function splitPreferences(header: string): string[] {
  return header.match(/(?:[^,"]|"[^"]*")+/g)?.map((part) => part.trim()) ?? [];
}

/**
 * The zone named by `Prefer: outlook.timezone="..."` (several preferences may share one header, and the
 * header may repeat). Undefined when absent or not a supported zone.
 */
export function preferredTimeZone(preferHeader: string | string[] | undefined): string | undefined {
  const headers = Array.isArray(preferHeader) ? preferHeader : preferHeader ? [preferHeader] : [];
  for (const preference of headers.flatMap(splitPreferences)) {
    const match = /^outlook\.timezone\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))$/i.exec(preference);
    if (!match) continue;
    const name = (match[1] ?? match[2] ?? match[3] ?? "").trim();
    return isSupportedTimeZone(name) ? name : undefined;
  }
  return undefined;
}

export const missingWindow = () =>
  new CalendarInputError(
    "ErrorInvalidParameter",
    "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.",
  );

/**
 * A calendarView/delta window bound: ISO 8601, its own offset honoured, UTC when it has none; the Prefer
 * time zone plays no part. A "+hh:mm" offset whose "+" arrived as a space (unencoded query string) is
 * repaired first.
 */
export function parseWindowBound(
  value: string | undefined,
  _name: "startDateTime" | "endDateTime",
): Temporal.Instant {
  if (value === undefined || value.trim() === "") throw missingWindow();
  const text = value.trim().replace(/ (\d{2}:?\d{2})$/, "+$1");
  try {
    if (WITH_OFFSET.test(text)) return Temporal.Instant.from(text);
    if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+)?$/.test(text))
      return Temporal.PlainDateTime.from(text).toZonedDateTime("UTC").toInstant();
  } catch {
    // falls through to Graph's error
  }
  throw missingWindow();
}

// UNCONFIRMED: code and messages for all-day rule violations (the rules themselves are documented).
const allDayError = (message: string) => new CalendarInputError("ErrorPropertyValidationFailure", message);

const isMidnight = (local: Temporal.PlainDateTime) =>
  Temporal.PlainTime.compare(local.toPlainTime(), new Temporal.PlainTime()) === 0;

/** isAllDay rules: start and end at midnight, in one zone, end at least a day after start. */
export function checkAllDay(start: DateTimeTimeZone, end: DateTimeTimeZone): void {
  if (ianaZoneFor(start.timeZone) !== ianaZoneFor(end.timeZone)) {
    throw allDayError("The start and end of an all-day event must be in the same time zone.");
  }
  const from = toWallClock(start);
  const to = toWallClock(end);
  if (!isMidnight(from) || !isMidnight(to)) {
    throw allDayError("The start and end times of an all-day event must be set to midnight.");
  }
  if (Temporal.PlainDate.compare(to.toPlainDate(), from.toPlainDate()) <= 0) {
    throw allDayError("The duration of an event marked as all day must be at least 24 hours.");
  }
}
