import { evaluateFilter, type FilterOperand, parseFilter } from "../graph/odata/filter.js";
import { propertyIdComparison } from "./list-filter.js";
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
 * extended properties. Expanding them without a filter on id is accepted but returns none (Graph answers
 * without error and without the properties). Other expansions are ignored. Returns undefined when the
 * property is not expanded.
 */
export function expandedPropertyFilter(
  expand: string | undefined,
): ((p: ExtendedProperty) => boolean) | undefined {
  if (!expand) return undefined;
  for (const part of expandItems(expand)) {
    const match = EXPAND.exec(part);
    if (match) {
      const expression = parseFilter(match[1]!);
      return (property) => evaluateFilter(expression, property, { compare: compareIds });
    }
    if (/^singleValueExtendedProperties\b/i.test(part)) return () => false;
  }
  return undefined;
}

/** Inside the expand filter, `id` compares by canonical id (case-sensitive Name part). */
const compareIds = propertyIdComparison(
  (o: FilterOperand) => o.path?.length === 1 && o.path[0]!.toLowerCase() === "id",
);
