import { describe, expect, it } from "vitest";
import { lineOf } from "../../src/profiles/one-profile.js";
import { ProfileRefusal } from "../../src/profiles/profile-refusal.js";

const refusalOf = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    if (error instanceof ProfileRefusal)
      return { kind: error.kind, code: error.code, message: error.message, at: error.at };
    throw error;
  }
  throw new Error("not refused");
};

describe("lineOf", () => {
  it("is one row of an import: trimmed, addresses in lower case", () => {
    expect(lineOf("  Adele Vance ", " Adele@Contoso.com", "adele@FABRIKAM.com ")).toEqual({
      row: 1,
      name: "Adele Vance",
      mailboxA: "adele@contoso.com",
      mailboxB: "adele@fabrikam.com",
      problems: [],
    });
  });

  it("refuses an address that is not one, naming its field, without the import's row number", () => {
    expect(refusalOf(() => lineOf("Adele", "adele@contoso.com", "adele"))).toEqual({
      kind: "invalid",
      code: "invalid_request",
      message: 'mailboxB "adele" is not an email address',
      at: ["mailboxB"],
    });
  });
});
