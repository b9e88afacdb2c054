import { Readable } from "node:stream";
import { stringify } from "csv-stringify";

/**
 * CSV exports of the API: UTF-8 with a byte order mark (Excel reads UTF-8 only with one), a header row,
 * every field quoted, every cell neutralised against formula injection, rows streamed as they are read.
 */

/**
 * A text a spreadsheet shows as text, never runs as a formula: a cell starting with =, +, -, @, a tab or a
 * carriage return gets a leading apostrophe (OWASP, "CSV Injection"). Names are stored verbatim (a person
 * may be called "=cmd|' /C calc'!A0"), so every export passes every cell through here.
 */
export function neutralizeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One column: its header and the cell of an entry (null and undefined are empty cells). */
export interface CsvColumn<T> {
  header: string;
  cell(entry: T): string | number | boolean | null | undefined;
}

const cellText = (value: string | number | boolean | null | undefined) =>
  value === null || value === undefined ? "" : neutralizeCell(String(value));

/** The CSV of every entry of `pages`, read one page at a time as the client takes the bytes. */
export function csvStream<T>(columns: readonly CsvColumn<T>[], pages: AsyncIterable<readonly T[]>): Readable {
  const rows = async function* () {
    for await (const page of pages) {
      for (const entry of page) yield columns.map((column) => cellText(column.cell(entry)));
    }
  };
  const csv = stringify({
    bom: true,
    header: true,
    columns: columns.map((column) => neutralizeCell(column.header)),
    quoted: true,
    quoted_empty: true,
    record_delimiter: "windows",
  });
  // pipeline semantics by hand: a failed read ends the answer with the error instead of hanging it.
  const source = Readable.from(rows());
  source.on("error", (error) => csv.destroy(error));
  return source.pipe(csv);
}

/** `attachment; filename=…` for a download named after what it holds and the day it was made. */
export const attachment = (name: string, now: Date) =>
  `attachment; filename="crosscal-${name}-${now.toISOString().slice(0, 10)}.csv"`;
