/** The syntax tree of an OData `$filter` expression (the subset Graph clients send). */

export type ComparisonOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

/** How a literal was written: Graph compares a date-time literal as an instant, a string as text. */
export type LiteralType = "string" | "number" | "boolean" | "null" | "datetime" | "date" | "guid" | "enum";

export type FilterExpression =
  | { kind: "literal"; type: LiteralType; value: string | number | boolean | null }
  /** A property path such as `start/dateTime`, or `ep/id` inside a lambda whose variable is `ep`. */
  | { kind: "property"; path: string[] }
  | { kind: "compare"; op: ComparisonOperator; left: FilterExpression; right: FilterExpression }
  | { kind: "in"; operand: FilterExpression; values: FilterExpression[] }
  | { kind: "and" | "or"; left: FilterExpression; right: FilterExpression }
  | { kind: "not"; operand: FilterExpression }
  /** A built-in function call; `name` is lower-case (startswith, endswith, contains, tolower, toupper, ...). */
  | { kind: "call"; name: string; args: FilterExpression[] }
  /** `collection/any(v: body)` or `collection/all(v: body)`; `any()` without a body tests non-emptiness. */
  | {
      kind: "lambda";
      operator: "any" | "all";
      collection: string[];
      variable?: string;
      body?: FilterExpression;
    };

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ["eq", "ne", "gt", "ge", "lt", "le"];
