import { ApiError } from "../../api/errors";
import type { Filters } from "./filters";

export type FilterName = Exclude<keyof Filters, "view">;

export interface FilterErrors {
  /** The API's message beside the filter it names. */
  inputs: Partial<Record<FilterName, string>>;
  /** Anything else (a bad cursor, the service not answering), above the list. */
  form: string | undefined;
}

/**
 * Where a list's refusal goes: beside the filter its `field` names (`querystring/since` → since,
 * `querystring/action/1` → action), or above the list. The message loses the field's path it starts
 * with ("querystring/since must match format…" → "Must match format…").
 */
export function filterErrors(error: unknown, names: readonly FilterName[]): FilterErrors {
  if (!error) return { inputs: {}, form: undefined };
  if (!(error instanceof ApiError)) return { inputs: {}, form: (error as Error).message ?? String(error) };
  const [part, name] = error.field?.split("/") ?? [];
  const input = names.find((candidate) => candidate === name);
  if (part !== "querystring" || !input) return { inputs: {}, form: error.message };
  return { inputs: { [input]: besideFilter(error) }, form: undefined };
}

function besideFilter(error: ApiError): string {
  const field = error.field ?? "";
  const message = error.message.startsWith(`${field} `)
    ? error.message.slice(field.length + 1)
    : error.message;
  const plain = message.replace(/\bNOT\b/g, "not");
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}
