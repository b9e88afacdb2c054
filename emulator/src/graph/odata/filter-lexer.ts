import { GraphError } from "../errors.js";

export type TokenKind =
  | "("
  | ")"
  | ","
  | ":"
  | "/"
  | "string"
  | "number"
  | "datetime"
  | "date"
  | "guid"
  | "word"
  | "typed"
  | "end";

export interface Token {
  kind: TokenKind;
  text: string;
  /** Decoded value for strings and typed literals (`datetime'...'`, `microsoft.graph.x'...'`). */
  value?: string;
  /** For typed literals: the type prefix as written. */
  prefix?: string;
  position: number;
}

/** Graph's wording for a malformed `$filter` (ODataLib's "Syntax error at position N in '...'"). */
export function filterSyntaxError(text: string, position: number): GraphError {
  return new GraphError(
    400,
    "BadRequest",
    `Invalid filter clause: Syntax error at position ${position} in '${text}'.`,
  );
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\w:])/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w])/;
const WORD = /^[A-Za-z_$@][\w.$@]*/;

/** Reads a single-quoted OData string starting at `start` (the quote); `''` stands for one quote. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = "";
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf("'", i);
    if (quote < 0) {
      const message = `Invalid filter clause: There is an unterminated literal at position ${text.length} in '${text}'.`;
      throw new GraphError(400, "BadRequest", message);
    }
    value += text.slice(i, quote);
    if (text[quote + 1] === "'") {
      value += "'";
      i = quote + 2;
      continue;
    }
    return { value, end: quote + 1 };
  }
}

function readLiteralOrWord(text: string, i: number): { token: Token; end: number } | undefined {
  const rest = text.slice(i);
  for (const [kind, pattern] of [
    ["datetime", DATETIME],
    ["guid", GUID],
    ["date", DATE],
    ["number", NUMBER],
  ] as const) {
    const match = pattern.exec(rest);
    if (match) return { token: { kind, text: match[0], position: i }, end: i + match[0].length };
  }
  const word = WORD.exec(rest);
  if (!word) return undefined;
  const end = i + word[0].length;
  if (text[end] === "'") {
    const quoted = readQuoted(text, end);
    const token: Token = { kind: "typed", text: text.slice(i, quoted.end), value: quoted.value, position: i };
    token.prefix = word[0];
    return { token, end: quoted.end };
  }
  return { token: { kind: "word", text: word[0], position: i }, end };
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if ("(),:/".includes(char)) {
      tokens.push({ kind: char as TokenKind, text: char, position: i });
      i++;
    } else if (char === "'") {
      const quoted = readQuoted(text, i);
      tokens.push({ kind: "string", text: text.slice(i, quoted.end), value: quoted.value, position: i });
      i = quoted.end;
    } else {
      const read = readLiteralOrWord(text, i);
      if (!read) throw filterSyntaxError(text, i);
      tokens.push(read.token);
      i = read.end;
    }
  }
  tokens.push({ kind: "end", text: "", position: text.length });
  return tokens;
}
