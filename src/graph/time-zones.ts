import { Temporal } from "temporal-polyfill";
import { findWindows, WINDOWS_TO_IANA_MAP } from "windows-iana";
import type { ZonedTime } from "../core/event.js";
import {
  formatWallClock,
  parseWallClock,
  plainDateTimeFrom,
  utcEpochMilliseconds,
  wallClockOf,
} from "../core/wall-clock.js";

/**
 * Zone names between Graph and the neutral model. Graph speaks Windows names (originalStartTimeZone,
 * mailboxSettings, recurrenceTimeZone) and accepts a documented subset of IANA names; crosscal's model
 * speaks IANA only.
 *
 * Writing: we send **Windows** names. Every Windows name is accepted by Graph, while only a documented
 * subset of IANA names is (an alias such as "Asia/Calcutta" may not be), and Exchange stores Windows zone
 * definitions natively, so what we read back is what we wrote. The price: IANA zones that share one
 * Windows zone (Europe/Amsterdam and Europe/Berlin) read back as CLDR's canonical one; their rules are the
 * same, which is all a copy needs. An IANA zone with no Windows counterpart is sent as is.
 */

/** Windows name (lower case) → CLDR's canonical IANA zone for it (the "001" territory row). */
const WINDOWS_TO_IANA = new Map<string, string>();
for (const row of WINDOWS_TO_IANA_MAP) {
  const key = row.windowsName.toLowerCase();
  const iana = row.iana[0];
  if (iana && (row.territory === "001" || !WINDOWS_TO_IANA.has(key))) WINDOWS_TO_IANA.set(key, iana);
}
// CLDR maps Windows "UTC" to Etc/UTC; the model keeps the plain name both ways.
WINDOWS_TO_IANA.set("utc", "UTC");
// Exchange's own spelling of UTC, seen in originalStartTimeZone.
WINDOWS_TO_IANA.set("tzone://microsoft/utc", "UTC");

/** Windows zones retired from CLDR's table that old mailboxes still carry (microsoft-graph-docs#5210). */
const RETIRED_WINDOWS: Record<string, string> = {
  "mid-atlantic standard time": "Etc/GMT+2",
  "kamchatka standard time": "Asia/Kamchatka",
  "mexico standard time": "America/Mexico_City",
  "mexico standard time 2": "America/Chihuahua",
  "armenian standard time": "Asia/Yerevan",
};

/** Zone names already resolved by Temporal (a mailbox uses a handful; the cap keeps garbage from growing it). */
const resolvedZones = new Map<string, string | undefined>();
const RESOLVED_ZONES_CAP = 1_000;

function ianaZoneId(name: string): string | undefined {
  if (resolvedZones.has(name)) return resolvedZones.get(name);
  const resolved = resolveZoneId(name);
  if (resolvedZones.size < RESOLVED_ZONES_CAP) resolvedZones.set(name, resolved);
  return resolved;
}

function resolveZoneId(name: string): string | undefined {
  // Temporal also takes UTC offsets ("+05:00") as zone ids; Graph names only named zones.
  if (!/^[A-Za-z]/.test(name)) return undefined;
  try {
    return Temporal.ZonedDateTime.from({ year: 2000, month: 1, day: 1, timeZone: name }).timeZoneId;
  } catch {
    return undefined;
  }
}

/**
 * A Graph zone name (Windows or IANA) as an IANA zone, or undefined for a name that names no zone
 * ("tzone://Microsoft/Custom", a legacy desktop-Outlook custom zone, or garbage).
 */
export function ianaZoneOf(graphName: string | null | undefined): string | undefined {
  const name = graphName?.trim();
  if (!name) return undefined;
  const key = name.toLowerCase();
  return WINDOWS_TO_IANA.get(key) ?? RETIRED_WINDOWS[key] ?? ianaZoneId(name);
}

/** The zone name we write to Graph for an IANA zone (see the file comment for why Windows). */
export function graphZoneName(iana: string): string {
  if (iana === "UTC" || iana === "Etc/UTC") return "UTC";
  const [windows] = findWindows(iana);
  if (windows) return windows;
  if (!ianaZoneId(iana)) throw new Error(`"${iana}" is not an IANA time zone`);
  return iana;
}

/** The IANA zone a copy of `iana` reads back as once written through `graphZoneName`. */
export function roundTripZone(iana: string): string {
  return ianaZoneOf(graphZoneName(iana)) ?? iana;
}

/**
 * A Graph UTC time (`Prefer: outlook.timezone="UTC"`, "2026-03-26T08:00:00.0000000") as the wall clock of
 * the same instant in `iana`. Mapping calls this twice per event: the plain ISO form is read without
 * Temporal's parser, and UTC needs no zone rules at all (see core/wall-clock.ts).
 */
export function zonedFromUtc(utcDateTime: string, iana: string): ZonedTime {
  const fields = parseWallClock(utcDateTime);
  if (fields && iana === "UTC") return { dateTime: formatWallClock(fields), timeZone: iana };
  // Seconds are all that is kept, and zone offsets are whole seconds: milliseconds are precise enough.
  const instant = fields
    ? Temporal.Instant.fromEpochMilliseconds(utcEpochMilliseconds(fields))
    : Temporal.PlainDateTime.from(utcDateTime).toZonedDateTime("UTC").toInstant();
  return { dateTime: wallClockOf(instant.toZonedDateTimeISO(iana).toPlainDateTime()), timeZone: iana };
}

/** A floating wall clock (all-day events keep midnight whatever zone is asked) labelled with `iana`. */
export function zonedFromWallClock(dateTime: string, iana: string): ZonedTime {
  const fields = parseWallClock(dateTime);
  return {
    dateTime: fields ? formatWallClock(fields) : wallClockOf(Temporal.PlainDateTime.from(dateTime)),
    timeZone: iana,
  };
}

const OFFSET_OR_Z = /[zZ]|[+-]\d\d:?\d\d$/;

/** A Graph UTC timestamp ("2026-03-26T08:00:00Z", any precision) as an ISO instant ("…T08:00:00Z"). */
export function utcInstant(value: string): string {
  const hasZone = OFFSET_OR_Z.test(value);
  // The common form: a plain wall clock, with or without a trailing Z, written back as Temporal would.
  const plain = hasZone && (value.endsWith("Z") || value.endsWith("z")) ? value.slice(0, -1) : value;
  const fields = plain !== value || !hasZone ? parseWallClock(plain) : undefined;
  if (fields) {
    const fraction = fields.fraction.replace(/0+$/, "");
    return `${formatWallClock(fields)}${fraction ? `.${fraction}` : ""}Z`;
  }
  return Temporal.Instant.from(hasZone ? value : `${value}Z`).toString();
}

/** The same instant as a wall clock in another zone. */
export function inZone(time: ZonedTime, iana: string): ZonedTime {
  if (time.timeZone === iana) return time;
  const instant = plainDateTimeFrom(time.dateTime).toZonedDateTime(time.timeZone).toInstant();
  return { dateTime: wallClockOf(instant.toZonedDateTimeISO(iana).toPlainDateTime()), timeZone: iana };
}
