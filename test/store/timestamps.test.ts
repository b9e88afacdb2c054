import { describe, expect, it } from "vitest";
import { toOptionalTimestamp, toTimestamp } from "../../src/store/timestamps.js";

describe("toTimestamp", () => {
  it("writes every instant as fixed-width UTC with milliseconds", () => {
    expect(toTimestamp(new Date(Date.UTC(2025, 2, 1, 9)))).toBe("2025-03-01T09:00:00.000Z");
    expect(toTimestamp("2025-03-01T10:00:00+01:00")).toBe("2025-03-01T09:00:00.000Z");
    expect(toTimestamp("2025-03-01T09:00:00.5Z")).toBe("2025-03-01T09:00:00.500Z");
  });

  it("orders as text the way the instants order in time", () => {
    const instants = ["2025-03-01T09:00:00Z", "2025-03-01T08:59:59.999Z", "2025-03-01T10:00:00+02:00"];
    const asText = instants.map((instant) => toTimestamp(instant)).sort();
    expect(asText).toEqual([
      "2025-03-01T08:00:00.000Z",
      "2025-03-01T08:59:59.999Z",
      "2025-03-01T09:00:00.000Z",
    ]);
  });

  it("rejects what is not an instant", () => {
    expect(() => toTimestamp("next tuesday")).toThrow(/not a valid instant: next tuesday/);
    expect(() => toTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("passes null through for optional columns", () => {
    expect(toOptionalTimestamp(null)).toBeNull();
    expect(toOptionalTimestamp(undefined)).toBeNull();
    expect(toOptionalTimestamp("2025-03-01T09:00:00Z")).toBe("2025-03-01T09:00:00.000Z");
  });
});
