import {
  type ComparisonOperator,
  evaluateFilter,
  type FilterOperand,
  parseFilter,
} from "../graph/odata/filter.js";
import { propertyKey } from "./build.js";
import type { ExtendedProperty } from "./model.js";

/** `$filter` on /events, evaluated on the UTC payload plus the event's extended properties. */
export type EventPredicate = (payload: Record<string, unknown>, properties: ExtendedProperty[]) => boolean;

const isPropertyId = (operand: FilterOperand) =>
  operand.path?.length === 2 &&
  operand.path[0]!.toLowerCase() === "singlevalueextendedproperties" &&
  operand.path[1]!.toLowerCase() === "id";

/**
 * A comparison where extended property ids (operands `isId` picks) compare by their canonical form: the
 * Name part is case-sensitive, the type and GUID are not. Everything else (values included) is left to
 * Graph's default, case-insensitive comparison.
 */
export function propertyIdComparison(isId: (operand: FilterOperand) => boolean) {
  return (op: ComparisonOperator, left: FilterOperand, right: FilterOperand) => {
    if (op !== "eq" && op !== "ne") return undefined;
    if (!isId(left) && !isId(right)) return undefined;
    if (typeof left.value !== "string" || typeof right.value !== "string") return undefined;
    const same = propertyKey(left.value) === propertyKey(right.value);
    return op === "eq" ? same : !same;
  };
}

const compareEventOperands = propertyIdComparison(isPropertyId);

export function compileEventFilter(filter: string): EventPredicate {
  const expression = parseFilter(filter);
  return (payload, properties) =>
    evaluateFilter(
      expression,
      { ...payload, singleValueExtendedProperties: properties },
      { compare: compareEventOperands },
    );
}
