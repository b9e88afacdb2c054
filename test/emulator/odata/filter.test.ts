import { describe, expect, it } from "vitest";
import { GraphError } from "../../../emulator/src/graph/errors.js";
import {
  evaluateFilter,
  type FilterOperand,
  filterPaths,
  parseFilter,
} from "../../../emulator/src/graph/odata/filter.js";

const event = {
  subject: "Weekly O'Brien sync",
  isAllDay: false,
  importance: "normal",
  sensitivity: "private",
  reminderMinutesBeforeStart: 15,
  start: { dateTime: "2026-03-10T09:00:00.0000000", timeZone: "UTC" },
  categories: ["Blue", "Red"],
  singleValueExtendedProperties: [
    { id: "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color", value: "Green" },
    { id: "String {00020329-0000-0000-C000-000000000046} Name crosscal", value: "profile-1" },
  ],
};

const matches = (filter: string, item: unknown = event) => evaluateFilter(parseFilter(filter), item);

function syntaxError(filter: string): GraphError {
  try {
    parseFilter(filter);
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error(`no error for ${filter}`);
}

describe("parseFilter", () => {
  it("builds a tree honouring precedence: not > and > or", () => {
    expect(parseFilter("a eq 1 or b eq 2 and not c")).toEqual({
      kind: "or",
      left: {
        kind: "compare",
        op: "eq",
        left: { kind: "property", path: ["a"] },
        right: { kind: "literal", type: "number", value: 1 },
      },
      right: {
        kind: "and",
        left: {
          kind: "compare",
          op: "eq",
          left: { kind: "property", path: ["b"] },
          right: { kind: "literal", type: "number", value: 2 },
        },
        right: { kind: "not", operand: { kind: "property", path: ["c"] } },
      },
    });
  });

  it("reads literals of every kind", () => {
    const literal = (text: string) => {
      const tree = parseFilter(`x eq ${text}`);
      return tree.kind === "compare" ? tree.right : undefined;
    };
    expect(literal("'it''s'")).toEqual({ kind: "literal", type: "string", value: "it's" });
    expect(literal("-12.5")).toEqual({ kind: "literal", type: "number", value: -12.5 });
    expect(literal("true")).toEqual({ kind: "literal", type: "boolean", value: true });
    expect(literal("null")).toEqual({ kind: "literal", type: "null", value: null });
    expect(literal("2026-03-10T09:00:00Z")).toMatchObject({
      type: "datetime",
      value: "2026-03-10T09:00:00Z",
    });
    expect(literal("2026-03-10")).toMatchObject({ type: "date" });
    expect(literal("datetime'2026-03-10T09:00:00'")).toMatchObject({ type: "datetime" });
    expect(literal("66f5a359-4659-4830-9070-00047ec6ac6e")).toMatchObject({ type: "guid" });
    expect(literal("microsoft.graph.eventType'occurrence'")).toMatchObject({
      type: "enum",
      value: "occurrence",
    });
  });

  it("accepts Any/any lambdas with a variable, and any() without one", () => {
    expect(parseFilter("singleValueExtendedProperties/Any(ep: ep/id eq 'x')")).toMatchObject({
      kind: "lambda",
      operator: "any",
      collection: ["singleValueExtendedProperties"],
      variable: "ep",
    });
    expect(parseFilter("categories/any()")).toEqual({
      kind: "lambda",
      operator: "any",
      collection: ["categories"],
    });
  });

  it.each([
    ["subject eq", 10],
    ["(subject eq 'a'", 15],
    ["subject eq 'a' and", 18],
    ["subject eq 'a' 'b'", 15],
    ["subject # 'a'", 8],
  ])("rejects %s with Graph's syntax-error wording", (filter, position) => {
    const error = syntaxError(filter);
    expect(error.status).toBe(400);
    expect(error.code).toBe("BadRequest");
    expect(error.message).toBe(`Invalid filter clause: Syntax error at position ${position} in '${filter}'.`);
  });

  it("reports an unterminated string literal", () => {
    expect(syntaxError("subject eq 'open").message).toBe(
      "Invalid filter clause: There is an unterminated literal at position 16 in 'subject eq 'open'.",
    );
  });

  it("lists the qualified property paths a filter reads", () => {
    const tree = parseFilter(
      "startswith(mail,'a') or singleValueExtendedProperties/any(ep: ep/value eq 'x')",
    );
    expect(filterPaths(tree)).toEqual([
      ["mail"],
      ["singleValueExtendedProperties"],
      ["singleValueExtendedProperties", "value"],
    ]);
  });
});

describe("evaluateFilter with the default resolver", () => {
  it.each([
    ["subject eq 'weekly o''brien sync'", true],
    ["subject ne 'Weekly O''Brien sync'", false],
    ["reminderMinutesBeforeStart ge 15 and reminderMinutesBeforeStart lt 16", true],
    ["reminderMinutesBeforeStart gt 15", false],
    ["isAllDay eq false", true],
    ["not isAllDay", true],
    ["isAllDay", false],
    ["start/dateTime ge '2026-03-10T08:00:00Z'", true],
    ["start/dateTime lt 2026-03-10T10:00:00+02:00", false],
    ["start/DateTime le 2026-03-10T09:00:00Z", true],
    ["location eq null", true],
    ["subject eq null", false],
    ["(importance eq 'high' or importance eq 'normal') and sensitivity eq 'private'", true],
    ["startswith(subject,'WEEKLY')", true],
    ["endswith(subject, 'sync')", true],
    ["contains(tolower(subject), 'brien')", true],
    ["toupper(importance) eq 'NORMAL'", true],
    ["importance in ('low', 'normal')", true],
    ["importance in ('low', 'high')", false],
    ["categories/any(c: c eq 'red')", true],
    ["categories/all(c: c eq 'red')", false],
    ["categories/any()", true],
    ["attendees/any()", false],
    [
      "singleValueExtendedProperties/Any(ep: ep/id eq 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color' and ep/value eq 'Green')",
      true,
    ],
    [
      "singleValueExtendedProperties/any(ep: ep/id eq 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color' and ep/value eq 'profile-1')",
      false,
    ],
  ])("%s -> %s", (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it("rejects unknown functions as Graph does", () => {
    expect(() => matches("substringof('a', subject)")).toThrow(/unknown function with name 'substringof'/);
  });
});

describe("evaluateFilter with resource-specific rules", () => {
  // Exchange: the Name part of an extended-property id is case-sensitive, the value is not.
  const compare = (op: string, left: FilterOperand, right: FilterOperand) => {
    const path = left.path?.join("/").toLowerCase();
    if (op !== "eq" || path !== "singlevalueextendedproperties/id") return undefined;
    const [a, b] = [String(left.value), String(right.value)];
    const split = (id: string) => {
      const at = id.lastIndexOf(" Name ");
      return [id.slice(0, at).toLowerCase(), id.slice(at)];
    };
    const [headA, nameA] = split(a);
    const [headB, nameB] = split(b);
    return headA === headB && nameA === nameB;
  };
  const withRules = (filter: string) => evaluateFilter(parseFilter(filter), event, { compare });

  it("hands the qualified path of lambda operands to the comparer", () => {
    expect(
      withRules(
        "singleValueExtendedProperties/any(ep: ep/id eq 'string {66F5A359-4659-4830-9070-00047EC6AC6E} Name Color')",
      ),
    ).toBe(true);
    expect(
      withRules(
        "singleValueExtendedProperties/any(ep: ep/id eq 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name color')",
      ),
    ).toBe(false);
    expect(withRules("singleValueExtendedProperties/any(ep: ep/value eq 'GREEN')")).toBe(true);
  });

  it("uses the caller's resolver for the item and for lambda elements", () => {
    const seen: string[] = [];
    const result = evaluateFilter(
      parseFilter("mail eq 'A@X.TEST' and proxies/any(p: p/address eq 'b')"),
      {},
      {
        resolve: (_target, path, qualified) => {
          seen.push(qualified.join("/"));
          if (path[0] === "mail") return "a@x.test";
          if (path[0] === "proxies") return [{ address: "B" }];
          return path[0] === "address" ? "b" : undefined;
        },
      },
    );
    expect(result).toBe(true);
    expect(seen).toEqual(["mail", "proxies", "proxies/address"]);
  });

  it("lets matchString make prefix matching case-sensitive", () => {
    const options = {
      matchString: (_fn: string, text: FilterOperand, search: FilterOperand) =>
        String(text.value).startsWith(String(search.value)),
    };
    expect(evaluateFilter(parseFilter("startswith(subject,'weekly')"), event, options)).toBe(false);
    expect(evaluateFilter(parseFilter("startswith(subject,'Weekly')"), event, options)).toBe(true);
  });
});
