import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { toInstant, windowCutoff } from "../../src/core/window.js";

const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"];

/** What toInstant computed before its fast paths: Temporal all the way. */
const byTemporal = (dateTime: string, timeZone: string) =>
  Temporal.PlainDateTime.from(dateTime).toZonedDateTime(timeZone).toInstant();

describe("toInstant", () => {
  it("gives Temporal's instant for any wall clock in any zone, across DST gaps and overlaps", () => {
    const wallClock = fc
      .date({
        min: new Date("1990-01-01T00:00:00Z"),
        max: new Date("2060-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 19));
    fc.assert(
      fc.property(wallClock, fc.constantFrom(...ZONES), (dateTime, timeZone) => {
        // Twice: the second answer may come from the memo.
        for (let i = 0; i < 2; i++)
          expect(toInstant({ dateTime, timeZone }).equals(byTemporal(dateTime, timeZone))).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it("keeps sub-millisecond fractions and reads forms the fast path leaves to Temporal", () => {
    for (const dateTime of ["2026-03-29T02:30:00", "2026-03-26T08:00:00.1234567", "2026-03-26T08:00"]) {
      for (const timeZone of ["UTC", "Europe/Berlin"]) {
        expect(toInstant({ dateTime, timeZone }).equals(byTemporal(dateTime, timeZone))).toBe(true);
      }
    }
  });
});

describe("windowCutoff", () => {
  it("is `pastDays` before now, for Date's ISO form and any other Temporal reads", () => {
    expect(windowCutoff("2026-03-30T10:00:00.000Z", 30).toString()).toBe("2026-02-28T10:00:00Z");
    expect(windowCutoff("2026-03-30T10:00:00.000Z", 30).toString()).toBe("2026-02-28T10:00:00Z");
    expect(windowCutoff("2026-03-30T10:00:00.000Z", 1).toString()).toBe("2026-03-29T10:00:00Z");
    expect(windowCutoff("2026-03-30T12:00:00+02:00", 1).toString()).toBe("2026-03-29T10:00:00Z");
    expect(windowCutoff("2026-03-30T10:00:00.123456789Z", 0).toString()).toBe(
      "2026-03-30T10:00:00.123456789Z",
    );
    expect(() => windowCutoff("2026-02-30T10:00:00.000Z", 1)).toThrow(RangeError);
  });
});
