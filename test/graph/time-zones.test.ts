import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  graphZoneName,
  ianaZoneOf,
  inZone,
  roundTripZone,
  utcInstant,
  zonedFromUtc,
  zonedFromWallClock,
} from "../../src/graph/time-zones.js";

describe("Windows and IANA zone names", () => {
  it("reads Windows names (any case) as CLDR's canonical IANA zone", () => {
    expect(ianaZoneOf("W. Europe Standard Time")).toBe("Europe/Berlin");
    expect(ianaZoneOf("pacific standard time")).toBe("America/Los_Angeles");
    expect(ianaZoneOf("India Standard Time")).toBe("Asia/Calcutta");
  });

  it("keeps IANA names and reads both spellings of UTC as UTC", () => {
    expect(ianaZoneOf("Europe/Amsterdam")).toBe("Europe/Amsterdam");
    expect(ianaZoneOf("UTC")).toBe("UTC");
    expect(ianaZoneOf("tzone://Microsoft/Utc")).toBe("UTC");
  });

  it("reads retired Windows names old mailboxes still carry", () => {
    expect(ianaZoneOf("Mid-Atlantic Standard Time")).toBe("Etc/GMT+2");
  });

  it("names no zone for a legacy custom zone, an offset or nothing", () => {
    expect(ianaZoneOf("tzone://Microsoft/Custom")).toBeUndefined();
    expect(ianaZoneOf("+05:00")).toBeUndefined();
    expect(ianaZoneOf("")).toBeUndefined();
    expect(ianaZoneOf(null)).toBeUndefined();
  });

  it("writes Windows names, and IANA names that have no Windows zone", () => {
    expect(graphZoneName("Europe/Berlin")).toBe("W. Europe Standard Time");
    expect(graphZoneName("Europe/Amsterdam")).toBe("W. Europe Standard Time");
    expect(graphZoneName("America/New_York")).toBe("Eastern Standard Time");
    expect(graphZoneName("UTC")).toBe("UTC");
    expect(graphZoneName("Antarctica/Troll")).toBe("Antarctica/Troll");
    expect(() => graphZoneName("Not/AZone")).toThrow(/not an IANA time zone/);
  });

  it("round-trips canonical zones exactly and others to a zone with the same rules", () => {
    expect(roundTripZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(roundTripZone("America/Sao_Paulo")).toBe("America/Sao_Paulo");
    expect(roundTripZone("UTC")).toBe("UTC");
    expect(roundTripZone("Europe/Amsterdam")).toBe("Europe/Berlin");
  });
});

describe("times", () => {
  it("converts Graph's UTC payload times into the event's zone, across DST", () => {
    expect(zonedFromUtc("2026-03-26T08:00:00.0000000", "Europe/Berlin")).toEqual({
      dateTime: "2026-03-26T09:00:00",
      timeZone: "Europe/Berlin",
    });
    expect(zonedFromUtc("2026-03-30T07:00:00.0000000", "Europe/Berlin").dateTime).toBe("2026-03-30T09:00:00");
  });

  it("keeps a floating wall clock, trimmed to seconds", () => {
    expect(zonedFromWallClock("2026-03-26T00:00:00.0000000", "Asia/Tokyo")).toEqual({
      dateTime: "2026-03-26T00:00:00",
      timeZone: "Asia/Tokyo",
    });
  });

  it("moves a wall clock into another zone", () => {
    const berlin = { dateTime: "2026-07-01T09:00:00", timeZone: "Europe/Berlin" };
    expect(inZone(berlin, "America/New_York")).toEqual({
      dateTime: "2026-07-01T03:00:00",
      timeZone: "America/New_York",
    });
  });

  it("normalises Graph's UTC timestamps", () => {
    expect(utcInstant("2026-03-26T08:00:00Z")).toBe("2026-03-26T08:00:00Z");
    expect(utcInstant("2026-03-26T08:00:00.0000000Z")).toBe("2026-03-26T08:00:00Z");
    expect(utcInstant("2026-03-26T08:00:00.0000000")).toBe("2026-03-26T08:00:00Z");
  });
});

/** The conversions as written before their fast paths: Temporal's parser and formatter throughout. */
const reference = {
  wallClock: (dateTime: Temporal.PlainDateTime) => dateTime.toString({ smallestUnit: "second" }),
  zonedFromUtc: (utc: string, iana: string) =>
    reference.wallClock(
      Temporal.PlainDateTime.from(utc)
        .toZonedDateTime("UTC")
        .toInstant()
        .toZonedDateTimeISO(iana)
        .toPlainDateTime(),
    ),
  utcInstant: (value: string) =>
    Temporal.Instant.from(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`).toString(),
};

describe("times, compared with Temporal alone", () => {
  const zones = ["UTC", "Europe/Berlin", "America/Sao_Paulo", "Asia/Kathmandu", "Pacific/Chatham"];
  const graphTime = fc
    .tuple(
      fc.date({
        min: new Date("1970-01-01T00:00:00Z"),
        max: new Date("2070-01-01T00:00:00Z"),
        noInvalidDate: true,
      }),
      fc.constantFrom("", ".0000000", ".5", ".1234567", ".999999999", "Z", ".0000000Z", ".25Z", "+02:00"),
    )
    .map(([date, suffix]) => `${date.toISOString().slice(0, 19)}${suffix}`);

  it("reads Graph's UTC times into any zone as Temporal does", () => {
    fc.assert(
      fc.property(graphTime, fc.constantFrom(...zones), (time, zone) => {
        if (/[zZ+]/.test(time)) return; // zonedFromUtc takes Graph's zone-less dateTime only
        expect(zonedFromUtc(time, zone)).toEqual({
          dateTime: reference.zonedFromUtc(time, zone),
          timeZone: zone,
        });
        expect(zonedFromWallClock(time, zone).dateTime).toBe(
          reference.wallClock(Temporal.PlainDateTime.from(time)),
        );
      }),
      { numRuns: 1_000 },
    );
  });

  it("normalises any UTC timestamp as Temporal does", () => {
    fc.assert(
      fc.property(graphTime, (time) => {
        expect(utcInstant(time)).toBe(reference.utcInstant(time));
      }),
      { numRuns: 1_000 },
    );
  });

  it("moves wall clocks between zones as Temporal does", () => {
    fc.assert(
      fc.property(graphTime, fc.constantFrom(...zones), fc.constantFrom(...zones), (time, from, to) => {
        if (/[zZ+]/.test(time)) return;
        const dateTime = time.slice(0, 19);
        const expected = reference.wallClock(
          Temporal.PlainDateTime.from(dateTime)
            .toZonedDateTime(from)
            .toInstant()
            .toZonedDateTimeISO(to)
            .toPlainDateTime(),
        );
        expect(inZone({ dateTime, timeZone: from }, to)).toEqual({
          dateTime: from === to ? dateTime : expected,
          timeZone: to,
        });
      }),
      { numRuns: 1_000 },
    );
  });
});
