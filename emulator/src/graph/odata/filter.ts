/**
 * OData `$filter` for Graph resources: `parseFilter` once per request, then `evaluateFilter` per item with
 * a resource-specific resolver/comparer. `filterPaths` lists the properties a filter reads, so a resource
 * can reject those it does not support, as Graph does.
 */
import type { FilterExpression } from "./filter-ast.js";

export type { ComparisonOperator, FilterExpression, LiteralType } from "./filter-ast.js";
export {
  defaultCompare,
  defaultResolve,
  evaluateFilter,
  type FilterOperand,
  type FilterOptions,
  instantOf,
  type StringMatch,
  unsupportedFunction,
} from "./filter-evaluate.js";
export { filterSyntaxError } from "./filter-lexer.js";
export { parseFilter } from "./filter-parser.js";

/** Every property path the filter reads, qualified from the item's root (lambda bodies included). */
export function filterPaths(
  expression: FilterExpression,
  scopes: Map<string, string[]> = new Map(),
): string[][] {
  const qualify = (path: string[]) => {
    const scoped = scopes.get(path[0]!.toLowerCase());
    return scoped ? [...scoped, ...path.slice(1)] : path;
  };
  switch (expression.kind) {
    case "literal":
      return [];
    case "property":
      return [qualify(expression.path)];
    case "compare":
    case "and":
    case "or":
      return [...filterPaths(expression.left, scopes), ...filterPaths(expression.right, scopes)];
    case "not":
      return filterPaths(expression.operand, scopes);
    case "in":
      return [expression.operand, ...expression.values].flatMap((e) => filterPaths(e, scopes));
    case "call":
      return expression.args.flatMap((arg) => filterPaths(arg, scopes));
    case "lambda": {
      const collection = qualify(expression.collection);
      if (!expression.body || !expression.variable) return [collection];
      const inner = new Map(scopes).set(expression.variable.toLowerCase(), collection);
      return [collection, ...filterPaths(expression.body, inner)];
    }
  }
}
