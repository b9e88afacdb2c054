import { describe, expect, it } from "vitest";
import { closest, didYouMean } from "../../src/config/did-you-mean.js";

describe("closest", () => {
  it("finds a typo's intended word, ignoring case", () => {
    expect(closest("clientSecre", ["tenant", "clientId", "clientSecret", "certificate"])).toBe(
      "clientSecret",
    );
    expect(closest("Direction", ["direction", "mapping"])).toBe("direction");
    expect(closest("twoway", ["two-way", "a-to-b", "b-to-a"])).toBe("two-way");
  });

  it("suggests nothing when no candidate is close", () => {
    expect(closest("password", ["tenant", "clientId", "clientSecret"])).toBeUndefined();
    expect(didYouMean("x", [])).toBe("");
  });
});
