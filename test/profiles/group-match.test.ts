import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addressOf,
  type MatchMember,
  type MatchResult,
  matchKey,
  matchMembers,
} from "../../src/profiles/group-match.js";
import type { GroupMatch } from "../../src/store/schema.js";

let nextId = 0;
function member(upn: string, more: Partial<MatchMember> = {}): MatchMember {
  nextId += 1;
  return { id: `id-${nextId}`, displayName: upn.split("@")[0]!, mail: upn, userPrincipalName: upn, ...more };
}

const ids = (members: readonly MatchMember[]) => members.map((m) => m.id);
const pairIds = (result: MatchResult<MatchMember>) => result.pairs.map((p) => [p.a.id, p.b.id]);

describe("matchKey", () => {
  it("takes the local part of the mail address, else of the UPN, case-insensitively", () => {
    expect(matchKey(member("Adele.Vance@contoso.test"), "local-part")).toBe("adele.vance");
    expect(matchKey(member("adele@contoso.test", { mail: null }), "local-part")).toBe("adele");
    expect(matchKey(member("u123@contoso.test", { mail: "Adele@contoso.test" }), "local-part")).toBe("adele");
    expect(addressOf(member("u1@contoso.test", { mail: "" }))).toBe("u1@contoso.test");
  });

  it("folds case and spacing of display names and attributes; no value is no key", () => {
    expect(matchKey(member("a@x", { displayName: "  Adele   VANCE " }), "display-name")).toBe("adele vance");
    expect(matchKey(member("a@x", { attribute: " E-100 " }), "attribute")).toBe("e-100");
    expect(matchKey(member("a@x", { attribute: "   " }), "attribute")).toBeUndefined();
    expect(matchKey(member("a@x", { attribute: null }), "attribute")).toBeUndefined();
    expect(matchKey(member("a@x"), "attribute")).toBeUndefined();
  });
});

describe("matchMembers", () => {
  it("pairs members by mail local part and leaves the rest unmatched on each side", () => {
    const adeleA = member("adele@contoso.test");
    const meganA = member("megan@contoso.test");
    const adeleB = member("ADELE@fabrikam.test");
    const leeB = member("lee@fabrikam.test");

    const result = matchMembers([adeleA, meganA], [adeleB, leeB], "local-part");

    expect(result.pairs).toEqual([{ key: "adele", a: adeleA, b: adeleB }]);
    expect(result.unmatchedA).toEqual([meganA]);
    expect(result.unmatchedB).toEqual([leeB]);
    expect(result.ambiguous).toEqual([]);
  });

  it("reports a key held twice as ambiguous and pairs none of its holders", () => {
    const adeleA = member("adele@contoso.test", { displayName: "Adele Vance" });
    const adele1 = member("adele.v@fabrikam.test", { displayName: "Adele Vance" });
    const adele2 = member("avance@fabrikam.test", { displayName: "adele vance" });

    const result = matchMembers([adeleA], [adele1, adele2], "display-name");

    expect(result.pairs).toEqual([]);
    expect(result.ambiguous).toEqual([{ key: "adele vance", a: [adeleA], b: [adele1, adele2] }]);
    expect(result.unmatchedA).toEqual([]);
    expect(result.unmatchedB).toEqual([]);
  });

  it("matches by attribute and leaves members without a value unmatched", () => {
    const a1 = member("adele@contoso.test", { attribute: "E-100" });
    const a2 = member("megan@contoso.test", { attribute: null });
    const b1 = member("avance@fabrikam.test", { attribute: "e-100 " });

    const result = matchMembers([a1, a2], [b1], "attribute");

    expect(pairIds(result)).toEqual([[a1.id, b1.id]]);
    expect(ids(result.unmatchedA)).toEqual([a2.id]);
  });

  it("counts a member listed twice once", () => {
    const a = member("adele@contoso.test");
    const b = member("adele@fabrikam.test");
    const result = matchMembers([a, a], [b], "local-part");
    expect(pairIds(result)).toEqual([[a.id, b.id]]);
    expect(result.unmatchedA).toEqual([]);
  });
});

describe("matchMembers properties", () => {
  const local = fc.constantFrom("adele", "megan", "lee", "nestor", "Adele", "alex");
  const side = (prefix: string) =>
    fc
      .array(
        fc.record({
          local,
          name: fc.constantFrom("Adele Vance", "Megan Bowen", "lee", "LEE ", "Nestor"),
          attribute: fc.option(fc.constantFrom("E1", "e1", "E2", " E3", ""), { nil: null }),
          mailless: fc.boolean(),
        }),
        { maxLength: 8 },
      )
      .map((rows) =>
        rows.map(
          (row, index): MatchMember => ({
            id: `${prefix}-${index}`,
            displayName: row.name,
            mail: row.mailless ? null : `${row.local}@${prefix}.test`,
            userPrincipalName: `${row.local}${row.mailless ? index : ""}@${prefix}.test`,
            attribute: row.attribute,
          }),
        ),
      );
  const by = fc.constantFrom<GroupMatch>("local-part", "display-name", "attribute");
  const sorted = (rows: string[][]) => rows.map((row) => row.join("|")).sort();

  it("is symmetric: swapping the groups swaps the answer", () => {
    fc.assert(
      fc.property(side("a"), side("b"), by, (a, b, rule) => {
        const forward = matchMembers(a, b, rule);
        const backward = matchMembers(b, a, rule);
        expect(sorted(pairIds(backward).map(([x, y]) => [y!, x!]))).toEqual(sorted(pairIds(forward)));
        expect(ids(backward.unmatchedA).sort()).toEqual(ids(forward.unmatchedB).sort());
        expect(ids(backward.unmatchedB).sort()).toEqual(ids(forward.unmatchedA).sort());
        expect(backward.ambiguous.map((x) => x.key).sort()).toEqual(
          forward.ambiguous.map((x) => x.key).sort(),
        );
      }),
    );
  });

  it("puts every member in exactly one place, and no member in two pairs", () => {
    fc.assert(
      fc.property(side("a"), side("b"), by, (a, b, rule) => {
        const result = matchMembers(a, b, rule);
        const placedA = [
          ...result.pairs.map((p) => p.a.id),
          ...ids(result.unmatchedA),
          ...result.ambiguous.flatMap((x) => ids(x.a)),
        ];
        const placedB = [
          ...result.pairs.map((p) => p.b.id),
          ...ids(result.unmatchedB),
          ...result.ambiguous.flatMap((x) => ids(x.b)),
        ];
        expect(placedA.sort()).toEqual(ids(a).sort());
        expect(placedB.sort()).toEqual(ids(b).sort());
        for (const pair of result.pairs) {
          expect(matchKey(pair.a, rule)).toBe(pair.key);
          expect(matchKey(pair.b, rule)).toBe(pair.key);
        }
      }),
    );
  });
});
