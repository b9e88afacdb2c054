import { buffer, text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { type CsvColumn, csvStream, neutralizeCell } from "../../src/server/csv.js";

describe("a CSV cell", () => {
  it("begins with an apostrophe when a spreadsheet would read it as a formula", () => {
    expect(neutralizeCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    for (const start of ["=", "+", "-", "@", "\t", "\r"])
      expect(neutralizeCell(`${start}1+1`), JSON.stringify(start)).toBe(`'${start}1+1`);
  });

  it("is left as it is otherwise", () => {
    for (const text of ["Adele Vance", "", "2025-03-01T09:00:00.000Z", "'quoted", " =spaced", "a=b", "12"])
      expect(neutralizeCell(text)).toBe(text);
  });
});

describe("a CSV export", () => {
  type Row = { name: string | null; count: number };

  async function* pages(): AsyncGenerator<Row[]> {
    yield [{ name: "Adele", count: 2 }];
    yield [];
    yield [
      { name: '@home, "quoted"', count: -1 },
      { name: null, count: 0 },
    ];
  }

  it("has a BOM, a header, every field quoted, CRLF lines, and every cell neutralised", async () => {
    const columns: CsvColumn<Row>[] = [
      { header: "name", cell: (row) => row.name },
      { header: "count", cell: (row) => row.count },
    ];
    expect((await buffer(csvStream(columns, pages()))).toString("utf8")).toBe(
      '\uFEFF"name","count"\r\n"Adele","2"\r\n"\'@home, ""quoted""","\'-1"\r\n"","0"\r\n',
    );
  });

  it("ends with the error of a page that cannot be read", async () => {
    async function* failing() {
      yield [{ name: "Adele" }];
      throw new Error("database gone");
    }
    const stream = csvStream([{ header: "name", cell: (row: { name: string }) => row.name }], failing());
    await expect(text(stream)).rejects.toThrow("database gone");
  });
});
