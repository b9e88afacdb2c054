import { CsvError, parse } from "csv-parse/sync";

/**
 * Profiles entered in bulk, before anything is looked up: a CSV file (header `name,email_a,email_b` in
 * any order) or pasted lines (`name, email_a, email_b`, or `email_a email_b` with the name taken from the
 * address). Pure: every row comes back with its values or the problems found in it, so a report can name
 * each row and field. Addresses are compared and returned in lower case (mail addresses are
 * case-insensitive; two spellings of one address must not make two profiles).
 */

export type ProfileField = "name" | "mailboxA" | "mailboxB" | "row";

export interface LineProblem {
  field: ProfileField;
  code: "missing" | "not_an_email" | "too_long" | "duplicate" | "field_count" | "control_characters";
  message: string;
}

export interface ParsedLine {
  /** The line of the input the row starts on (a CSV's header is line 1), as an editor or spreadsheet shows it. */
  row: number;
  name: string;
  mailboxA: string;
  mailboxB: string;
  /** Empty when the row is usable. */
  problems: LineProblem[];
}

/** A problem with the input as a whole: nothing in it can be read row by row. */
export interface InputProblem {
  code: "wrong_encoding" | "csv_header" | "csv_syntax" | "empty";
  message: string;
  /** The line it was found on, when there is one. */
  row?: number;
}

export type ParsedInput = { ok: true; rows: ParsedLine[] } | { ok: false; problem: InputProblem };

export const CSV_COLUMNS = ["name", "email_a", "email_b"] as const;
export const MAX_NAME_LENGTH = 200;
/** RFC 5321's limit on a forward path. */
const MAX_ADDRESS_LENGTH = 254;

// Deliberately loose: one @, no spaces or address-list punctuation, a dot in the domain. Whether the
// mailbox exists is for its tenant to say (mailbox-check.ts), not for a pattern.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;

const BOM = "\uFEFF";

/**
 * The text of an uploaded file, which must be UTF-8 (a BOM is fine). UTF-16 shows itself by its BOM or,
 * without one, by NUL bytes (valid UTF-8, so the strict decoder alone would let it through).
 */
export function decodeUtf8(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; problem: InputProblem } {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16 || bytes.includes(0)) return { ok: false, problem: wrongEncoding("it looks like UTF-16") };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: wrongEncoding("it is not valid UTF-8") };
  }
}

/**
 * Text that reached us already decoded (a JSON string) can still carry the marks of a bad decoding on the
 * way: U+FFFD where bytes were not UTF-8, NULs where UTF-16 was read as 8-bit text.
 */
export function checkDecodedText(text: string): InputProblem | undefined {
  if (text.includes("\uFFFD")) return wrongEncoding("it holds bytes that were not valid UTF-8");
  if (text.includes("\u0000")) return wrongEncoding("it looks like UTF-16");
  return undefined;
}

const wrongEncoding = (why: string): InputProblem => ({
  code: "wrong_encoding",
  message: `wrong encoding: ${why}; save the file as UTF-8 (CSV UTF-8 in Excel) and try again`,
});

/** A CSV import: the header names the three columns (any order, nothing else), then one profile per row. */
export function parseProfileCsv(text: string): ParsedInput {
  const encoding = checkDecodedText(text);
  if (encoding) return { ok: false, problem: encoding };
  let records: Array<{ record: string[]; info: { lines: number; empty_lines: number } }>;
  try {
    records = parse(text.startsWith(BOM) ? text.slice(1) : text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    const problem: InputProblem = { code: "csv_syntax", message: `not valid CSV: ${error.message}` };
    return { ok: false, problem: line === undefined ? problem : { ...problem, row: line } };
  }
  const [header, ...data] = records;
  if (!header) return { ok: false, problem: { code: "empty", message: "the file is empty" } };
  const columns = headerColumns(header.record);
  if (!Array.isArray(columns)) return { ok: false, problem: { ...columns, row: header.info.lines } };
  if (data.length === 0)
    return { ok: false, problem: { code: "empty", message: "the file has a header but no rows" } };
  let previous = header.info;
  const rows = data.map(({ record, info }) => {
    const row = previous.lines + 1 + (info.empty_lines - previous.empty_lines);
    previous = info;
    return csvRow(row, record, columns);
  });
  return { ok: true, rows: markDuplicates(rows) };
}

/** Where each of the three columns is, or why the header is wrong. */
function headerColumns(header: string[]): number[] | InputProblem {
  const names = header.map((name) => name.toLowerCase());
  const expected = `the header must be exactly ${CSV_COLUMNS.join(",")} (in any order)`;
  const extra = names.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  if (extra.length > 0)
    return { code: "csv_header", message: `unknown column ${quoteList(extra)}: ${expected}` };
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0)
    return { code: "csv_header", message: `column ${quoteList(repeated)} appears twice: ${expected}` };
  const missing = CSV_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0)
    return { code: "csv_header", message: `missing column ${quoteList(missing)}: ${expected}` };
  return CSV_COLUMNS.map((column) => names.indexOf(column));
}

const quoteList = (names: readonly string[]) => names.map((name) => `"${name}"`).join(", ");

function csvRow(row: number, record: string[], columns: number[]): ParsedLine {
  const [name, a, b] = columns.map((index) => record[index] ?? "");
  const line = checkedLine(row, name ?? "", a ?? "", b ?? "");
  if (record.length === CSV_COLUMNS.length) return line;
  const fieldCount: LineProblem = {
    field: "row",
    code: "field_count",
    message: `row ${row} has ${record.length} fields, the header ${CSV_COLUMNS.length}`,
  };
  return { ...line, problems: [fieldCount, ...line.problems] };
}

/**
 * Pasted lines, one profile each: `name, email_a, email_b` (CSV quoting allowed, so a name may hold a
 * comma) or `email_a email_b` (spaces or tabs; words before the two addresses are the name, else the name
 * comes from the first address). Blank lines are skipped.
 */
export function parseProfileLines(text: string): ParsedInput {
  const encoding = checkDecodedText(text);
  if (encoding) return { ok: false, problem: encoding };
  const rows: ParsedLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index === 0 && raw.startsWith(BOM) ? raw.slice(1) : raw;
    if (line.trim() !== "") rows.push(pastedLine(index + 1, line));
  });
  if (rows.length === 0) return { ok: false, problem: { code: "empty", message: "no lines to import" } };
  return { ok: true, rows: markDuplicates(rows) };
}

function pastedLine(row: number, line: string): ParsedLine {
  const fields = line.includes(",") ? commaFields(line) : line.trim().split(/\s+/);
  if (line.includes(",") && fields?.length === 3) return checkedLine(row, fields[0]!, fields[1]!, fields[2]!);
  if (fields === undefined || fields.length < 2 || (line.includes(",") && fields.length > 2)) {
    const message = `row ${row}: write "name, email_a, email_b" or "email_a email_b"`;
    return {
      row,
      name: "",
      mailboxA: "",
      mailboxB: "",
      problems: [{ field: "row", code: "field_count", message }],
    };
  }
  const [a = "", b = ""] = fields.slice(-2);
  const words = fields.slice(0, -2).join(" ");
  return checkedLine(row, words || nameFromAddress(a), a, b);
}

function commaFields(line: string): string[] | undefined {
  try {
    const [fields] = parse(line, { trim: true, relax_column_count: true }) as string[][];
    return fields;
  } catch (error) {
    if (error instanceof CsvError) return undefined;
    throw error;
  }
}

/** "adele.vance@contoso.com" → "Adele Vance": a readable name to start with; the admin may rename. */
export function nameFromAddress(address: string): string {
  const local = address.split("@")[0] ?? "";
  return local
    .split(/[._-]+/)
    .filter((word) => word !== "")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

/** What the API's names refuse too (see PlainText in src/server/routes/schemas.ts). */
const CONTROL_OR_LONE_SURROGATE = /[\p{Cc}\p{Cs}]/u;

function checkedLine(row: number, rawName: string, rawA: string, rawB: string): ParsedLine {
  const name = rawName.trim();
  const mailboxA = rawA.trim().toLowerCase();
  const mailboxB = rawB.trim().toLowerCase();
  const problems: LineProblem[] = [];
  if (name === "") problems.push({ field: "name", code: "missing", message: `row ${row}: name is missing` });
  else if (name.length > MAX_NAME_LENGTH)
    problems.push({
      field: "name",
      code: "too_long",
      message: `row ${row}: name is longer than ${MAX_NAME_LENGTH} characters`,
    });
  else if (CONTROL_OR_LONE_SURROGATE.test(name))
    problems.push({
      field: "name",
      code: "control_characters",
      message: `row ${row}: name holds control characters (such as a tab or NUL) or broken characters`,
    });
  problems.push(...addressProblems(row, "mailboxA", "email_a", mailboxA));
  problems.push(...addressProblems(row, "mailboxB", "email_b", mailboxB));
  return { row, name, mailboxA, mailboxB, problems };
}

/** An address field's problems; exported for the API's one-profile route, which checks the same way. */
export function addressProblems(
  row: number,
  field: "mailboxA" | "mailboxB",
  column: string,
  address: string,
): LineProblem[] {
  const where = `row ${row}: ${column}`;
  if (address === "") return [{ field, code: "missing", message: `${where} is missing` }];
  if (address.length > MAX_ADDRESS_LENGTH)
    return [{ field, code: "too_long", message: `${where} is longer than ${MAX_ADDRESS_LENGTH} characters` }];
  if (!EMAIL.test(address))
    return [{ field, code: "not_an_email", message: `${where} "${address}" is not an email address` }];
  return [];
}

/** The same email_a, or the same email_b, twice in one input: every later row is a duplicate. */
function markDuplicates(rows: ParsedLine[]): ParsedLine[] {
  const firstA = new Map<string, number>();
  const firstB = new Map<string, number>();
  return rows.map((line) => {
    const problems = [...line.problems];
    for (const [field, column, seen] of [
      ["mailboxA", "email_a", firstA],
      ["mailboxB", "email_b", firstB],
    ] as const) {
      const address = line[field];
      if (address === "") continue;
      const earlier = seen.get(address);
      if (earlier === undefined) seen.set(address, line.row);
      else
        problems.push({
          field,
          code: "duplicate",
          message: `row ${line.row}: ${column} ${address} is already on row ${earlier}`,
        });
    }
    return { ...line, problems };
  });
}
