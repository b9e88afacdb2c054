import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { Secret } from "../../src/config/secret.js";

describe("Secret", () => {
  it("hands its value out only through reveal()", () => {
    const secret = new Secret("hunter2");
    expect(secret.reveal()).toBe("hunter2");
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(`${secret}`).toBe("[redacted]");
    expect(inspect({ secret })).not.toContain("hunter2");
    expect(Object.keys(secret)).toEqual([]);
    expect({ ...secret }).toEqual({});
  });
});
