import { GraphError } from "../errors.js";
import type { ComparisonOperator, FilterExpression, LiteralType } from "./filter-ast.js";

/** A value met during evaluation, with where it came from so comparers can apply per-property rules. */
export interface FilterOperand {
  value: unknown;
  /**
   * The property path it was read from, qualified from the item's root: inside
   * `singleValueExtendedProperties/any(ep: ep/id eq ...)`, `ep/id` is `["singleValueExtendedProperties", "id"]`.
   */
  path?: readonly string[];
  /** Set when the operand is a literal. */
  literal?: LiteralType;
}

export type StringMatch = "startswith" | "endswith" | "contains";

export interface FilterOptions {
  /**
   * Reads `path` (relative) from `target` (the item, or a lambda's current element). `qualifiedPath` is the
   * same path from the item's root. Default: walks object keys case-insensitively.
   */
  resolve?: (target: unknown, path: readonly string[], qualifiedPath: readonly string[]) => unknown;
  /** Decides a comparison; return undefined to fall back to `defaultCompare`. */
  compare?: (op: ComparisonOperator, left: FilterOperand, right: FilterOperand) => boolean | undefined;
  /** Decides startswith/endswith/contains; return undefined to fall back to case-insensitive matching. */
  matchString?: (fn: StringMatch, text: FilterOperand, search: FilterOperand) => boolean | undefined;
}

interface Scope {
  variable: string;
  element: unknown;
  collectionPath: readonly string[];
}

/** Case-insensitive property walk; arrays are not traversed (that needs a lambda). */
export function defaultResolve(target: unknown, path: readonly string[]): unknown {
  let current = target;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    const record = current as Record<string, unknown>;
    if (segment in record) {
      current = record[segment];
      continue;
    }
    const lower = segment.toLowerCase();
    const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
    current = key === undefined ? undefined : record[key];
  }
  return current;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** An instant for a date-time string; Graph reads a date-time without offset as UTC. */
export function instantOf(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== "string" || !DATE_TIME.test(value)) return undefined;
  const zoned = value.length === 10 || /(?:Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}

function ordered(
  op: ComparisonOperator,
  a: number | string | boolean,
  b: number | string | boolean,
): boolean {
  switch (op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    case "gt":
      return a > b;
    case "ge":
      return a >= b;
    case "lt":
      return a < b;
    case "le":
      return a <= b;
  }
}

/**
 * Graph's usual comparison: null equals only null (and missing), date-times compare as instants when
 * either side is a date-time literal or both look like one, strings compare case-insensitively.
 */
export function defaultCompare(op: ComparisonOperator, left: FilterOperand, right: FilterOperand): boolean {
  const a = left.value ?? null;
  const b = right.value ?? null;
  if (a === null || b === null) {
    if (op === "eq") return a === b;
    if (op === "ne") return a !== b;
    return false;
  }
  const ta = instantOf(a);
  const tb = instantOf(b);
  if (ta !== undefined && tb !== undefined) return ordered(op, ta, tb);
  if (typeof a === "string" && typeof b === "string") return ordered(op, a.toLowerCase(), b.toLowerCase());
  if (typeof a === "number" && typeof b === "number") return ordered(op, a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return ordered(op, a, b);
  if (op === "ne") return true;
  return false;
}

function defaultMatch(fn: StringMatch, text: FilterOperand, search: FilterOperand): boolean {
  if (typeof text.value !== "string" || typeof search.value !== "string") return false;
  const t = text.value.toLowerCase();
  const s = search.value.toLowerCase();
  if (fn === "startswith") return t.startsWith(s);
  if (fn === "endswith") return t.endsWith(s);
  return t.includes(s);
}

export function unsupportedFunction(name: string): GraphError {
  return new GraphError(
    400,
    "BadRequest",
    `Invalid filter clause: An unknown function with name '${name}' was found.`,
  );
}

class Evaluator {
  constructor(
    private readonly item: unknown,
    private readonly options: FilterOptions,
  ) {}

  test(expression: FilterExpression, scopes: Scope[]): boolean {
    switch (expression.kind) {
      case "and":
        return this.test(expression.left, scopes) && this.test(expression.right, scopes);
      case "or":
        return this.test(expression.left, scopes) || this.test(expression.right, scopes);
      case "not":
        return !this.test(expression.operand, scopes);
      case "compare":
        return this.compare(
          expression.op,
          this.operand(expression.left, scopes),
          this.operand(expression.right, scopes),
        );
      case "in": {
        const operand = this.operand(expression.operand, scopes);
        return expression.values.some((value) => this.compare("eq", operand, this.operand(value, scopes)));
      }
      case "lambda":
        return this.lambda(expression, scopes);
      default:
        return this.operand(expression, scopes).value === true;
    }
  }

  private compare(op: ComparisonOperator, left: FilterOperand, right: FilterOperand): boolean {
    return this.options.compare?.(op, left, right) ?? defaultCompare(op, left, right);
  }

  operand(expression: FilterExpression, scopes: Scope[]): FilterOperand {
    switch (expression.kind) {
      case "literal":
        return { value: expression.value, literal: expression.type };
      case "property":
        return this.property(expression.path, scopes);
      case "call":
        return this.call(expression.name, expression.args, scopes);
      default:
        return { value: this.test(expression, scopes) };
    }
  }

  private property(path: readonly string[], scopes: Scope[]): FilterOperand {
    const resolve = this.options.resolve ?? defaultResolve;
    const scope = scopes.findLast((s) => s.variable.toLowerCase() === path[0]!.toLowerCase());
    if (!scope) return { value: resolve(this.item, path, path), path };
    const relative = path.slice(1);
    const qualified = [...scope.collectionPath, ...relative];
    const value = relative.length === 0 ? scope.element : resolve(scope.element, relative, qualified);
    return { value, path: qualified };
  }

  private call(name: string, args: FilterExpression[], scopes: Scope[]): FilterOperand {
    const values = args.map((arg) => this.operand(arg, scopes));
    const [first, second] = values;
    if ((name === "startswith" || name === "endswith" || name === "contains") && values.length === 2) {
      const verdict =
        this.options.matchString?.(name, first!, second!) ?? defaultMatch(name, first!, second!);
      return { value: verdict };
    }
    if ((name === "tolower" || name === "toupper" || name === "trim") && values.length === 1) {
      const text = first!.value;
      if (typeof text !== "string") return { ...first!, value: null };
      const value =
        name === "tolower" ? text.toLowerCase() : name === "toupper" ? text.toUpperCase() : text.trim();
      return { ...first!, value };
    }
    if (name === "length" && values.length === 1) {
      return { value: typeof first!.value === "string" ? first!.value.length : null };
    }
    throw unsupportedFunction(name);
  }

  private lambda(expression: Extract<FilterExpression, { kind: "lambda" }>, scopes: Scope[]): boolean {
    const collection = this.property(expression.collection, scopes);
    const elements = Array.isArray(collection.value) ? collection.value : [];
    if (!expression.body) return elements.length > 0;
    const collectionPath = collection.path ?? expression.collection;
    const holds = (element: unknown) =>
      this.test(expression.body!, [...scopes, { variable: expression.variable!, element, collectionPath }]);
    return expression.operator === "any" ? elements.some(holds) : elements.every(holds);
  }
}

/** Whether `item` passes the parsed filter. */
export function evaluateFilter(
  expression: FilterExpression,
  item: unknown,
  options: FilterOptions = {},
): boolean {
  return new Evaluator(item, options).test(expression, []);
}
