import { GraphError } from "../graph/errors.js";
import {
  type ComparisonOperator,
  evaluateFilter,
  type FilterOperand,
  parseFilter,
} from "../graph/odata/filter.js";
import { propertyKey } from "./build.js";
import type { ExtendedProperty } from "./model.js";

const EXPAND = /^singleValueExtendedProperties\s*\(\s*\$filter\s*=\s*(.+)\)\s*$/i;

/** `$expand` items separated by commas outside parentheses and quotes. */
function expandItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const char of text) {
    if (char === "'") quoted = !quoted;
    if (!quoted && char === "(") depth++;
    if (!quoted && char === ")") depth--;
    if (!quoted && depth === 0 && char === ",") {
      items.push(current.trim());
      current = "";
    } else current += char;
  }
  items.push(current.trim());
  return items.filter(Boolean);
}

/**
 * `$expand=singleValueExtendedProperties($filter=id eq '...' [or id eq '...'])`: the only way Graph returns
 * extended properties. Other expansions are ignored. Returns undefined when the property is not expanded.
 */
export function expandedPropertyFilter(
  expand: string | undefined,
): ((p: ExtendedProperty) => boolean) | undefined {
  if (!expand) return undefined;
  for (const part of expandItems(expand)) {
    const match = EXPAND.exec(part);
    if (!match) {
      if (/^singleValueExtendedProperties$/i.test(part.trim())) {
        throw new GraphError(
          400,
          "ErrorInvalidRequest",
          "The expand of singleValueExtendedProperties needs a $filter on id.",
        );
      }
      continue;
    }
    const expression = parseFilter(match[1]!);
    return (property) => evaluateFilter(expression, property, { compare: compareIds });
  }
  return undefined;
}

/** Inside the expand filter, `id` compares by canonical id (case-sensitive Name part). */
function compareIds(op: ComparisonOperator, left: FilterOperand, right: FilterOperand) {
  const isId = (o: FilterOperand) => o.path?.length === 1 && o.path[0]!.toLowerCase() === "id";
  if ((op !== "eq" && op !== "ne") || (!isId(left) && !isId(right))) return undefined;
  if (typeof left.value !== "string" || typeof right.value !== "string") return undefined;
  const same = propertyKey(left.value) === propertyKey(right.value);
  return op === "eq" ? same : !same;
}
