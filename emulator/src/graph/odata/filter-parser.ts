import type { ComparisonOperator, FilterExpression, LiteralType } from "./filter-ast.js";
import { COMPARISON_OPERATORS } from "./filter-ast.js";
import { filterSyntaxError, type Token, tokenize } from "./filter-lexer.js";

const KEYWORD_LITERALS: Record<string, FilterExpression> = {
  true: { kind: "literal", type: "boolean", value: true },
  false: { kind: "literal", type: "boolean", value: false },
  null: { kind: "literal", type: "null", value: null },
};

const DATETIME_PREFIXES = new Set(["datetime", "datetimeoffset"]);

/**
 * Recursive-descent parser over the token list. Precedence, lowest first: or, and, not, comparison /
 * `in`, primary (parentheses, literal, function call, property path, lambda).
 */
class Parser {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  parse(): FilterExpression {
    const expression = this.or();
    if (this.peek().kind !== "end") this.fail();
    return expression;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    this.index++;
    return token;
  }

  private fail(token = this.peek()): never {
    throw filterSyntaxError(this.text, token.position);
  }

  private expect(kind: Token["kind"]): Token {
    if (this.peek().kind !== kind) this.fail();
    return this.next();
  }

  private isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === "word" && token.text.toLowerCase() === word;
  }

  private or(): FilterExpression {
    let left = this.and();
    while (this.isWord("or")) {
      this.next();
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): FilterExpression {
    let left = this.unary();
    while (this.isWord("and")) {
      this.next();
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterExpression {
    if (this.isWord("not")) {
      this.next();
      return { kind: "not", operand: this.unary() };
    }
    return this.comparison();
  }

  private comparison(): FilterExpression {
    const left = this.primary();
    const word = this.peek().kind === "word" ? this.peek().text.toLowerCase() : "";
    if ((COMPARISON_OPERATORS as readonly string[]).includes(word)) {
      this.next();
      return { kind: "compare", op: word as ComparisonOperator, left, right: this.primary() };
    }
    if (word === "in") {
      this.next();
      return { kind: "in", operand: left, values: this.list() };
    }
    return left;
  }

  private list(): FilterExpression[] {
    this.expect("(");
    const values = [this.primary()];
    while (this.peek().kind === ",") {
      this.next();
      values.push(this.primary());
    }
    this.expect(")");
    return values;
  }

  private primary(): FilterExpression {
    const token = this.peek();
    switch (token.kind) {
      case "(": {
        this.next();
        const inner = this.or();
        this.expect(")");
        return inner;
      }
      case "string":
        this.next();
        return { kind: "literal", type: "string", value: token.value! };
      case "typed":
        this.next();
        return this.typedLiteral(token);
      case "number":
        this.next();
        return { kind: "literal", type: "number", value: Number(token.text) };
      case "datetime":
      case "date":
      case "guid":
        this.next();
        return { kind: "literal", type: token.kind, value: token.text };
      case "word":
        return this.wordExpression();
      default:
        return this.fail();
    }
  }

  private typedLiteral(token: Token): FilterExpression {
    const prefix = token.prefix!.toLowerCase();
    let type: LiteralType = "enum";
    if (DATETIME_PREFIXES.has(prefix)) type = "datetime";
    else if (prefix === "guid") type = "guid";
    else if (prefix === "x" || prefix === "binary") this.fail(token);
    return { kind: "literal", type, value: token.value! };
  }

  private wordExpression(): FilterExpression {
    const token = this.peek();
    const keyword = KEYWORD_LITERALS[token.text.toLowerCase()];
    if (keyword && this.peek(1).kind !== "/") {
      this.next();
      return keyword;
    }
    if (this.peek(1).kind === "(") {
      this.next();
      return this.call(token.text.toLowerCase());
    }
    return this.path();
  }

  private call(name: string): FilterExpression {
    this.expect("(");
    const args: FilterExpression[] = [];
    if (this.peek().kind !== ")") {
      args.push(this.or());
      while (this.peek().kind === ",") {
        this.next();
        args.push(this.or());
      }
    }
    this.expect(")");
    return { kind: "call", name, args };
  }

  private path(): FilterExpression {
    const path = [this.expect("word").text];
    while (this.peek().kind === "/") {
      this.next();
      const segment = this.expect("word");
      const lambda = segment.text.toLowerCase();
      if ((lambda === "any" || lambda === "all") && this.peek().kind === "(") {
        return this.lambda(lambda, path);
      }
      path.push(segment.text);
    }
    return { kind: "property", path };
  }

  private lambda(operator: "any" | "all", collection: string[]): FilterExpression {
    this.expect("(");
    if (this.peek().kind === ")") {
      if (operator === "all") this.fail();
      this.next();
      return { kind: "lambda", operator, collection };
    }
    const variable = this.expect("word").text;
    this.expect(":");
    const body = this.or();
    this.expect(")");
    return { kind: "lambda", operator, collection, variable, body };
  }
}

/**
 * Parses a `$filter` value. Throws GraphError 400 "BadRequest" with ODataLib's syntax-error wording.
 *
 * Hand-written: the maintained JavaScript OData packages either build SQL/Mongo queries from a full
 * OData grammar (odata-v4-parser, unmaintained since 2018) or only format filters on the client side;
 * none evaluates the small subset Graph clients send (paths, lambdas, Graph's typed literals) against
 * in-memory objects with pluggable comparison, which is what the emulator needs.
 */
export function parseFilter(text: string): FilterExpression {
  return new Parser(text, tokenize(text)).parse();
}
