import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeUtf8,
  nameFromAddress,
  type ParsedInput,
  parseProfileCsv,
  parseProfileLines,
} from "../../src/profiles/profile-lines.js";

const rowsOf = (parsed: ParsedInput) => {
  if (!parsed.ok) throw new Error(`expected rows, got ${parsed.problem.message}`);
  return parsed.rows;
};
const problemOf = (parsed: ParsedInput) => {
  if (parsed.ok) throw new Error("expected a problem");
  return parsed.problem;
};

describe("parseProfileCsv", () => {
  it("reads the three columns in any order, lower-casing addresses and trimming fields", () => {
    const rows = rowsOf(
      parseProfileCsv("email_b,name,email_a\r\n Adele@Fabrikam.test , Adele Vance ,adele@contoso.test\r\n"),
    );
    expect(rows).toEqual([
      {
        row: 2,
        name: "Adele Vance",
        mailboxA: "adele@contoso.test",
        mailboxB: "adele@fabrikam.test",
        problems: [],
      },
    ]);
  });

  it("accepts a UTF-8 BOM and quoted names with commas, counting rows by line", () => {
    const text =
      '\uFEFFname,email_a,email_b\n"Vance, Adele",a@x.test,a@y.test\n\n"Two\nLines",b@x.test,b@y.test\n';
    const rows = rowsOf(parseProfileCsv(text));
    expect(rows.map((row) => [row.row, row.name, row.problems.map((p) => p.code)])).toEqual([
      [2, "Vance, Adele", []],
      // A quoted line break is read as part of the field, and a name holds none (nor tabs, nor NUL).
      [4, "Two\nLines", ["control_characters"]],
    ]);
  });

  it("refuses a header with an unknown, repeated or missing column", () => {
    expect(problemOf(parseProfileCsv("name,email_a,email_b,phone\nx,a@x.test,a@y.test,1\n"))).toMatchObject({
      code: "csv_header",
      row: 1,
      message: expect.stringContaining('unknown column "phone"'),
    });
    expect(problemOf(parseProfileCsv("name,email_a,email_a\n")).message).toContain('"email_a" appears twice');
    expect(problemOf(parseProfileCsv("name,mail_a,email_b\n")).message).toContain('unknown column "mail_a"');
    expect(problemOf(parseProfileCsv("name,email_a\n")).message).toContain('missing column "email_b"');
  });

  it("reports each row's problems by field: missing, not an email, wrong field count", () => {
    const rows = rowsOf(
      parseProfileCsv(
        "name,email_a,email_b\n,a@x.test,a@y.test\nBee,not-an-address,b@y.test\nCee,c@x.test\n",
      ),
    );
    expect(rows.map((row) => row.problems.map((p) => [p.field, p.code]))).toEqual([
      [["name", "missing"]],
      [["mailboxA", "not_an_email"]],
      [
        ["row", "field_count"],
        ["mailboxB", "missing"],
      ],
    ]);
    expect(rows[1]?.problems[0]?.message).toBe('row 3: email_a "not-an-address" is not an email address');
  });

  it("marks a second use of the same email_a or email_b in the file as a duplicate of the first row", () => {
    const rows = rowsOf(
      parseProfileCsv(
        "name,email_a,email_b\nA,a@x.test,a@y.test\nB,a@x.test,b@y.test\nC,c@x.test,A@Y.test\nD,d@x.test,d@y.test\n",
      ),
    );
    expect(rows.map((row) => row.problems.map((p) => p.message))).toEqual([
      [],
      ["row 3: email_a a@x.test is already on row 2"],
      ["row 4: email_b a@y.test is already on row 2"],
      [],
    ]);
  });

  it("refuses an empty file, a header alone, and broken quoting with its line", () => {
    expect(problemOf(parseProfileCsv("")).code).toBe("empty");
    expect(problemOf(parseProfileCsv("name,email_a,email_b\n")).code).toBe("empty");
    expect(problemOf(parseProfileCsv('name,email_a,email_b\n"open,a@x.test,a@y.test\n'))).toMatchObject({
      code: "csv_syntax",
    });
  });

  it("refuses text that shows a bad decoding (replacement characters or NULs) as wrong encoding", () => {
    expect(problemOf(parseProfileCsv("name,email_a,email_b\nR\uFFFDne,r@x.test,r@y.test\n")).code).toBe(
      "wrong_encoding",
    );
    expect(problemOf(parseProfileCsv("n\u0000a\u0000m\u0000e\u0000")).code).toBe("wrong_encoding");
  });

  it("round-trips any valid rows through CSV formatting", () => {
    const local = fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/).filter((s) => !s.includes(".."));
    const name = fc
      .string({ minLength: 1, maxLength: 40 })
      .map((s) => s.trim())
      .filter((s) => s !== "" && !s.includes("\uFFFD") && !/[\p{Cc}\p{Cs}]/u.test(s) && s === s.trim());
    const people = fc.uniqueArray(fc.tuple(local, name), {
      minLength: 1,
      maxLength: 20,
      selector: ([l]) => l,
    });
    const quote = (field: string) => `"${field.replace(/"/g, '""')}"`;
    fc.assert(
      fc.property(
        people,
        fc.constantFrom<[number, number, number]>([0, 1, 2], [2, 0, 1], [1, 2, 0]),
        (list, order) => {
          const header = ["name", "email_a", "email_b"];
          const records = list.map(([l, n]) => [n, `${l}@contoso.test`, `${l}@fabrikam.test`]);
          const line = (fields: string[]) => order.map((index) => quote(fields[index]!)).join(",");
          const text = [line(header), ...records.map(line)].join("\r\n");
          const rows = rowsOf(parseProfileCsv(text));
          expect(rows.map((row) => [row.name, row.mailboxA, row.mailboxB])).toEqual(records);
          expect(rows.every((row) => row.problems.length === 0)).toBe(true);
        },
      ),
    );
  });
});

describe("decodeUtf8", () => {
  it("decodes UTF-8 and drops a BOM", () => {
    expect(decodeUtf8(Buffer.from("\uFEFFRené,a", "utf8"))).toEqual({ ok: true, text: "René,a" });
  });

  it("refuses UTF-16 (with or without a BOM) and invalid UTF-8 as wrong encoding", () => {
    for (const bytes of [
      Buffer.from("\uFEFFname,email_a,email_b", "utf16le"),
      Buffer.from("name,email_a,email_b", "utf16le"),
      Buffer.from([0x6e, 0x61, 0xe9, 0x2c]), // "na" then Latin-1 é: not UTF-8
    ]) {
      const decoded = decodeUtf8(bytes);
      expect(decoded.ok ? "decoded" : decoded.problem.code).toBe("wrong_encoding");
    }
  });
});

describe("parseProfileLines", () => {
  it("reads 'name, email_a, email_b' and 'email_a email_b' lines, skipping blank ones", () => {
    const rows = rowsOf(
      parseProfileLines(
        'Adele Vance, adele@contoso.test, adele@fabrikam.test\n\n  megan.bowen@contoso.test\tmegan@fabrikam.test\r\nLee Gu lee@contoso.test lee@fabrikam.test\n"Gu, Lee", lg@contoso.test, lg@fabrikam.test\n',
      ),
    );
    expect(rows.map((row) => [row.row, row.name, row.mailboxA, row.mailboxB, row.problems.length])).toEqual([
      [1, "Adele Vance", "adele@contoso.test", "adele@fabrikam.test", 0],
      [3, "Megan Bowen", "megan.bowen@contoso.test", "megan@fabrikam.test", 0],
      [4, "Lee Gu", "lee@contoso.test", "lee@fabrikam.test", 0],
      [5, "Gu, Lee", "lg@contoso.test", "lg@fabrikam.test", 0],
    ]);
  });

  it("reports lines of the wrong shape, bad addresses and duplicates by line", () => {
    const rows = rowsOf(
      parseProfileLines(
        "onlyone@contoso.test\na, b@x.test, c@y.test, d\nx@contoso.test y\nq@x.test q@y.test\nq@x.test r@y.test",
      ),
    );
    expect(rows.map((row) => row.problems.map((p) => `${p.field}:${p.code}`))).toEqual([
      ["row:field_count"],
      ["row:field_count"],
      ["mailboxB:not_an_email"],
      [],
      ["mailboxA:duplicate"],
    ]);
  });

  it("refuses nothing to import", () => {
    expect(problemOf(parseProfileLines(" \n\n")).code).toBe("empty");
  });
});

describe("nameFromAddress", () => {
  it("capitalises the words of the local part", () => {
    expect(nameFromAddress("adele.vance@contoso.test")).toBe("Adele Vance");
    expect(nameFromAddress("lee_gu-2@x.test")).toBe("Lee Gu 2");
  });
});
