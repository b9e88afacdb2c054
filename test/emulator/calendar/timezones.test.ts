import { describe, expect, it } from "vitest";
import {
  checkAllDay,
  formatInZone,
  ianaZoneFor,
  parseWindowBound,
  preferredTimeZone,
  toInstant,
  toZoned,
} from "../../../emulator/src/calendar/timezones.js";
import { at, inputError, instant } from "./helpers.js";

describe("ianaZoneFor", () => {
  it("maps Windows names (in any case) and accepts IANA names", () => {
    expect(ianaZoneFor("W. Europe Standard Time")).toBe("Europe/Berlin");
    expect(ianaZoneFor("eastern standard time")).toBe("America/New_York");
    expect(ianaZoneFor("Pacific Standard Time")).toBe("America/Los_Angeles");
    expect(ianaZoneFor("UTC")).toBe("Etc/UTC");
    expect(ianaZoneFor("Europe/Berlin")).toBe("Europe/Berlin");
    expect(ianaZoneFor("Etc/GMT+12")).toBe("Etc/GMT+12");
  });

  it("knows retired Windows names that old mailboxes still carry, which windows-iana lacks", () => {
    expect(ianaZoneFor("Mexico Standard Time")).toBe("America/Mexico_City");
    expect(ianaZoneFor("Kamchatka Standard Time")).toBe("Asia/Kamchatka");
    expect(ianaZoneFor("tzone://Microsoft/Utc")).toBe("UTC");
  });

  it("rejects unknown zones, offsets and Outlook's custom zone with TimeZoneNotSupportedException", () => {
    for (const name of [
      "Mars/Olympus_Mons",
      "Greenwich Mean Time",
      "+05:00",
      "tzone://Microsoft/Custom",
      "",
    ]) {
      const error = inputError(() => ianaZoneFor(name));
      expect(error.code).toBe("TimeZoneNotSupportedException");
      expect(error.message).toBe(
        `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`,
      );
    }
  });
});

describe("toZoned / toInstant", () => {
  it("reads the same wall clock identically under a Windows name and its IANA name", () => {
    const windows = toInstant(at("2026-07-01T09:00:00", "W. Europe Standard Time"));
    const iana = toInstant(at("2026-07-01T09:00:00.0000000", "Europe/Berlin"));
    expect(windows.toString()).toBe("2026-07-01T07:00:00Z");
    expect(iana.equals(windows)).toBe(true);
  });

  it("accepts 0 to 7 fractional digits", () => {
    expect(toInstant(at("2026-01-05T10:00", "UTC")).toString()).toBe("2026-01-05T10:00:00Z");
    expect(toInstant(at("2026-01-05T10:00:00.5", "UTC")).toString()).toBe("2026-01-05T10:00:00.5Z");
    expect(toInstant(at("2026-01-05T10:00:00.1234567", "UTC")).toString()).toBe(
      "2026-01-05T10:00:00.1234567Z",
    );
  });

  it("moves a local time inside the spring-forward gap forward", () => {
    const zoned = toZoned(at("2026-03-29T02:30:00", "W. Europe Standard Time"));
    expect(zoned.toString()).toBe("2026-03-29T03:30:00+02:00[Europe/Berlin]");
  });

  it("rejects malformed dateTime values and unknown zones", () => {
    expect(inputError(() => toInstant(at("next tuesday", "UTC"))).code).toBeTruthy();
    expect(inputError(() => toInstant(at("2026-02-30T10:00:00", "UTC"))).code).toBeTruthy();
    expect(inputError(() => toInstant(at("2026-01-05T10:00:00.12345678", "UTC"))).code).toBeTruthy();
    expect(inputError(() => toInstant(at("2026-01-05T10:00:00", "Nowhere/Land"))).code).toBe(
      "TimeZoneNotSupportedException",
    );
  });
});

describe("formatInZone", () => {
  it("writes Graph's form: seven fractional digits, the zone named as asked, UTC by default", () => {
    const moment = instant("2026-03-26T08:00:00Z");
    expect(formatInZone(moment)).toEqual({ dateTime: "2026-03-26T08:00:00.0000000", timeZone: "UTC" });
    expect(formatInZone(moment, "W. Europe Standard Time")).toEqual({
      dateTime: "2026-03-26T09:00:00.0000000",
      timeZone: "W. Europe Standard Time",
    });
    expect(formatInZone(moment, "America/New_York")).toEqual({
      dateTime: "2026-03-26T04:00:00.0000000",
      timeZone: "America/New_York",
    });
    expect(formatInZone(instant("2026-03-26T08:00:00.25Z"), "UTC").dateTime).toBe(
      "2026-03-26T08:00:00.2500000",
    );
  });
});

describe("preferredTimeZone", () => {
  it("finds outlook.timezone among several preferences, quoted or not", () => {
    expect(preferredTimeZone('outlook.timezone="Pacific Standard Time"')).toBe("Pacific Standard Time");
    expect(preferredTimeZone('odata.maxpagesize=10, outlook.timezone="Europe/Berlin"')).toBe("Europe/Berlin");
    expect(
      preferredTimeZone(
        'IdType="ImmutableId", Outlook.TimeZone = "Eastern Standard Time" ,odata.track-changes',
      ),
    ).toBe("Eastern Standard Time");
    expect(preferredTimeZone("outlook.timezone='UTC'")).toBe("UTC");
    expect(preferredTimeZone(["odata.maxpagesize=5", 'outlook.timezone="Tokyo Standard Time"'])).toBe(
      "Tokyo Standard Time",
    );
  });

  it("is undefined when absent or naming an unsupported zone", () => {
    expect(preferredTimeZone(undefined)).toBeUndefined();
    expect(preferredTimeZone("")).toBeUndefined();
    expect(preferredTimeZone('odata.maxpagesize=10, IdType="ImmutableId"')).toBeUndefined();
    expect(preferredTimeZone('outlook.timezone="GMT+6:30"')).toBeUndefined();
    expect(preferredTimeZone('outlook.body-content-type="text"')).toBeUndefined();
  });
});

describe("parseWindowBound", () => {
  it("takes UTC when the value has no offset and honours an offset when it has one", () => {
    expect(parseWindowBound("2026-03-01T00:00:00", "startDateTime").toString()).toBe("2026-03-01T00:00:00Z");
    expect(parseWindowBound("2026-03-01T00:00:00.0000000", "startDateTime").toString()).toBe(
      "2026-03-01T00:00:00Z",
    );
    expect(parseWindowBound("2026-03-01T00:00:00Z", "endDateTime").toString()).toBe("2026-03-01T00:00:00Z");
    expect(parseWindowBound("2026-03-01T00:00:00-08:00", "endDateTime").toString()).toBe(
      "2026-03-01T08:00:00Z",
    );
    expect(parseWindowBound("2026-03-01T09:00:00.000+01:00", "endDateTime").toString()).toBe(
      "2026-03-01T08:00:00Z",
    );
    expect(parseWindowBound("2026-03-01", "endDateTime").toString()).toBe("2026-03-01T00:00:00Z");
  });

  it("repairs a '+' offset that arrived as a space from an unencoded query string", () => {
    expect(parseWindowBound("2026-03-01T09:00:00 01:00", "startDateTime").toString()).toBe(
      "2026-03-01T08:00:00Z",
    );
  });

  it("answers a missing or unreadable bound with Graph's calendarView error", () => {
    for (const value of [undefined, "", "yesterday", "2026-13-01T00:00:00"]) {
      const error = inputError(() => parseWindowBound(value, "startDateTime"));
      expect(error.code).toBe("ErrorInvalidParameter");
      expect(error.message).toBe(
        "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.",
      );
    }
  });
});

describe("checkAllDay", () => {
  it("accepts midnight to midnight in one zone, one or several days, Windows and IANA names of one zone", () => {
    expect(() =>
      checkAllDay(at("2026-03-28T00:00:00", "Europe/Berlin"), at("2026-03-29T00:00:00", "Europe/Berlin")),
    ).not.toThrow();
    expect(() =>
      checkAllDay(
        at("2026-03-28T00:00:00.0000000", "W. Europe Standard Time"),
        at("2026-04-02T00:00:00", "Europe/Berlin"),
      ),
    ).not.toThrow();
  });

  it("judges midnight on the wall clock as written, even where DST skips midnight (Santiago, 6 September 2026)", () => {
    const start = at("2026-09-06T00:00:00", "Pacific SA Standard Time");
    expect(() => checkAllDay(start, at("2026-09-07T00:00:00", "America/Santiago"))).not.toThrow();
  });

  it("rejects non-midnight times, two zones, and an end not after the start", () => {
    const cases = [
      [at("2026-03-28T09:00:00", "UTC"), at("2026-03-29T00:00:00", "UTC")],
      [at("2026-03-28T00:00:00", "UTC"), at("2026-03-28T23:59:59", "UTC")],
      [at("2026-03-28T00:00:00", "UTC"), at("2026-03-29T00:00:00", "Pacific Standard Time")],
      [at("2026-03-28T00:00:00", "UTC"), at("2026-03-28T00:00:00", "UTC")],
      [at("2026-03-29T00:00:00", "UTC"), at("2026-03-28T00:00:00", "UTC")],
    ] as const;
    for (const [start, end] of cases) {
      expect(inputError(() => checkAllDay(start, end)).code).toBe("ErrorPropertyValidationFailure");
    }
  });
});
