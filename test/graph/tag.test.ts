import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  copiesFilter,
  decodeTag,
  encodeTag,
  TAG_EXPAND,
  TAG_PROPERTY_ID,
  tagOf,
  tagPrefix,
} from "../../src/graph/tag.js";

const GRAPH_ID = "AAMkAGI2TG93AAA=/+x==";

describe("the provenance tag", () => {
  it("is a named string property of crosscal's own property set", () => {
    expect(TAG_PROPERTY_ID).toMatch(/^String \{[0-9a-f-]{36}\} Name crosscal\.source$/);
  });

  it("encodes ids with +, / and = unambiguously and decodes them back", () => {
    const tag = { profileId: "p:1|x", sourceSide: "A" as const, sourceId: GRAPH_ID };
    const value = encodeTag(tag);
    expect(value).toBe("crosscal:1:p%3A1%7Cx:A:AAMkAGI2TG93AAA%3D%2F%2Bx%3D%3D");
    expect(decodeTag(value)).toEqual(tag);
  });

  it("round-trips any profile and source id, and starts with its profile's prefix", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.constantFrom("A" as const, "B" as const),
        fc.string({ minLength: 1 }),
        (profileId, sourceSide, sourceId) => {
          const value = encodeTag({ profileId, sourceSide, sourceId });
          expect(decodeTag(value)).toEqual({ profileId, sourceSide, sourceId });
          expect(value.startsWith(tagPrefix(profileId))).toBe(true);
          expect(value).not.toContain("'");
        },
      ),
    );
  });

  it("keeps one profile's prefix from matching another's tags", () => {
    const other = encodeTag({ profileId: "p10", sourceSide: "A", sourceId: "x" });
    expect(other.startsWith(tagPrefix("p1"))).toBe(false);
  });

  it.each([
    "",
    "crosscal:1:p:A",
    "crosscal:2:p:A:x",
    "other:1:p:A:x",
    "crosscal:1:p:C:x",
    "crosscal:1::A:x",
    "crosscal:1:p:A:",
    "crosscal:1:p:A:x:y",
    "crosscal:1:p%ZZ:A:x",
    "crosscal:1:p%3a:A:x",
    "crosscal:1:p+q:A:x",
  ])("rejects the malformed value %j", (value) => {
    expect(decodeTag(value)).toBeUndefined();
  });

  it("is found among expanded properties by id (GUID in any case, Name exact); a bad value is an error", () => {
    const value = encodeTag({ profileId: "p", sourceSide: "B", sourceId: "s" });
    const lower = TAG_PROPERTY_ID.replace(/\{.*\}/, (g) => g.toLowerCase());
    expect(tagOf([{ id: lower, value }], "e1")).toEqual({ profileId: "p", sourceSide: "B", sourceId: "s" });
    expect(tagOf([{ id: TAG_PROPERTY_ID.replace("crosscal.source", "Crosscal.Source"), value }], "e1")).toBe(
      undefined,
    );
    expect(tagOf(undefined, "e1")).toBeUndefined();
    expect(() => tagOf([{ id: TAG_PROPERTY_ID, value: "garbage" }], "e1")).toThrow(/e1 carries a malformed/);
  });

  it("builds the $expand and the per-profile $filter with OData-quoted literals", () => {
    expect(TAG_EXPAND).toBe(`singleValueExtendedProperties($filter=id eq '${TAG_PROPERTY_ID}')`);
    expect(copiesFilter("it's")).toBe(
      `singleValueExtendedProperties/Any(ep: ep/id eq '${TAG_PROPERTY_ID}' and startswith(ep/value, 'crosscal:1:it%27s:'))`,
    );
  });
});
