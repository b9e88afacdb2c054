import { describe, expect, it } from "vitest";
import {
  decodeSkipToken,
  encodeSkipToken,
  integerOption,
  linkWith,
  maxPageSizeOf,
  pageOf,
} from "../../../emulator/src/graph/odata/paging.js";

describe("pageOf", () => {
  const items = Array.from({ length: 7 }, (_, i) => i);
  const link = (offset: number) => `next:${offset}`;

  it("returns the first page with a link to the next offset", () => {
    expect(pageOf(items, { pageSize: 3 }, link)).toEqual({ value: [0, 1, 2], nextLink: "next:3" });
  });

  it("omits the link on the last page", () => {
    expect(pageOf(items, { pageSize: 3, offset: 6 }, link)).toEqual({ value: [6] });
    expect(pageOf(items, { pageSize: 7 }, link)).toEqual({ value: items });
    expect(pageOf(items, { pageSize: 3, offset: 9 }, link)).toEqual({ value: [] });
  });
});

describe("Prefer: odata.maxpagesize", () => {
  it.each([
    ["odata.maxpagesize=50", 50],
    ['outlook.timezone="Pacific Standard Time", odata.maxpagesize=10', 10],
    [["outlook.body-content-type=text", 'odata.maxpagesize="7"'], 7],
    ["odata.maxpagesize=0", undefined],
    ["return=minimal", undefined],
    [undefined, undefined],
  ])("%j -> %s", (header, expected) => {
    expect(maxPageSizeOf(header)).toBe(expected);
  });
});

describe("integerOption", () => {
  const top = (raw: string | undefined) =>
    integerOption("$top", raw, {
      min: 1,
      max: 999,
      outOfRange: (v) => `Invalid page size specified: '${v}'. Must be between 1 and 999 inclusive.`,
    });

  it("reads a value within range and ignores absence", () => {
    expect(top("999")).toBe(999);
    expect(top(undefined)).toBeUndefined();
  });

  it("rejects values out of range with the resource's message", () => {
    expect(() => top("1000")).toThrow(
      "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
    );
    expect(() => top("0")).toThrow(/between 1 and 999/);
  });

  it("rejects non-integers", () => {
    expect(() => top("ten")).toThrow(/requires a non-negative integer value/);
  });
});

describe("links and skip tokens", () => {
  it("replaces the paging option and keeps the others", () => {
    const url = "/v1.0/users?$filter=startswith(mail,%27a%27)&$skiptoken=old&$top=5";
    expect(linkWith("https://127.0.0.1:1", url, { $skiptoken: "n/w" })).toBe(
      "https://127.0.0.1:1/v1.0/users?$filter=startswith(mail,%27a%27)&$top=5&$skiptoken=n%2Fw",
    );
    expect(linkWith("https://h", "/v1.0/users", { $skip: "10" })).toBe("https://h/v1.0/users?$skip=10");
    expect(linkWith("https://h", "/v1.0/users?%24top=3", { $top: undefined })).toBe("https://h/v1.0/users");
  });

  it("round-trips skip-token state and rejects foreign tokens", () => {
    expect(decodeSkipToken(encodeSkipToken({ offset: 100 }))).toEqual({ offset: 100 });
    expect(() => decodeSkipToken("not-a-token")).toThrow(/\$skiptoken/);
  });
});
