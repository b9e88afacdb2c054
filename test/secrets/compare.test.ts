import { describe, expect, it } from "vitest";
import { safeEqual } from "../../src/secrets/compare.js";

describe("safeEqual", () => {
  it("is true only for the same text", () => {
    expect(safeEqual("client-state-1", "client-state-1")).toBe(true);
    expect(safeEqual("client-state-1", "client-state-2")).toBe(false);
    expect(safeEqual("short", "a much longer secret")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
    expect(safeEqual("é", "e")).toBe(false);
  });
});
