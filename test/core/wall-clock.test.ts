import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  formatWallClock,
  parseWallClock,
  plainDateTimeFrom,
  utcEpochMilliseconds,
  wallClockOf,
} from "../../src/core/wall-clock.js";

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** Strings of the strict ISO form, including days that do not exist (Feb 30) and out-of-range fields. */
const isoLike = fc
  .record({
    year: fc.integer({ min: 900, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
    fraction: fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
  })
  .map(
    (f) =>
      `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}T${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}${f.fraction === undefined ? "" : `.${f.fraction}`}`,
  );

const temporalOrUndefined = (text: string) => {
  try {
    return Temporal.PlainDateTime.from(text);
  } catch {
    return undefined;
  }
};

describe("wall-clock fast paths", () => {
  it("read and write a wall clock exactly as Temporal does, or leave it to Temporal", () => {
    fc.assert(
      fc.property(isoLike, (text) => {
        const fields = parseWallClock(text);
        const temporal = temporalOrUndefined(text);
        if (fields) {
          // Accepted here: Temporal reads the same wall clock, and we write what it writes.
          expect(temporal).toBeDefined();
          expect(formatWallClock(fields)).toBe(temporal!.toString({ smallestUnit: "second" }));
          expect(plainDateTimeFrom(text).equals(temporal!)).toBe(true);
          expect(utcEpochMilliseconds(fields)).toBe(
            temporal!.toZonedDateTime("UTC").toInstant().epochMilliseconds,
          );
        } else if (temporal) {
          // Left to Temporal (a leap second, a year before 1000): the fallback still reads it.
          expect(plainDateTimeFrom(text).equals(temporal)).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("reads Graph's seven-digit fractions and refuses days that do not exist", () => {
    expect(parseWallClock("2026-03-26T08:00:00.0000000")).toMatchObject({ year: 2026, month: 3, day: 26 });
    expect(parseWallClock("2028-02-29T00:00:00")).toBeDefined();
    expect(parseWallClock("2026-02-29T00:00:00")).toBeUndefined();
    expect(parseWallClock("2026-03-26T08:00")).toBeUndefined();
    expect(parseWallClock("2026-03-26T08:00:00Z")).toBeUndefined();
  });

  it("formats years Temporal writes in its extended form through Temporal", () => {
    const far = new Temporal.PlainDateTime(10_000, 1, 1, 0, 0, 0);
    expect(wallClockOf(far)).toBe(far.toString({ smallestUnit: "second" }));
  });
});
