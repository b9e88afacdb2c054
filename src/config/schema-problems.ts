import type { TLocalizedValidationError } from "typebox/error";
import { Settings } from "typebox/system";
import { Value } from "typebox/value";
import { didYouMean } from "./did-you-mean.js";
import { ownedByMappingChecks } from "./mapping-checks.js";
import type { DocPath, Problem } from "./problems.js";
import { ConfigFileSchema } from "./schema.js";

type SchemaNode = {
  description?: string;
  properties?: Record<string, SchemaNode>;
  enum?: unknown[];
  format?: string;
};

/** Everything the schema finds wrong with the file, in words an admin can act on, each at its path. */
export function schemaProblems(data: unknown): Problem[] {
  const errors = allErrors(data);
  const typeErrorPaths = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  return errors
    .filter((error) => !redundant(error, typeErrorPaths) && !ownedByMappingChecks(error.instancePath))
    .flatMap((error) => translate(error, data));
}

/**
 * TypeBox stops after `maxErrors` (8 by default) as a guard against hostile input; a config file is the
 * admin's own and every problem should be reported at once. The setting is global, so it is raised only
 * for this synchronous call.
 */
function allErrors(data: unknown): TLocalizedValidationError[] {
  const previous = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: 10_000 });
  try {
    return Value.Errors(ConfigFileSchema, data);
  } finally {
    Settings.Set({ maxErrors: previous });
  }
}

/** `additionalProperties: false` also yields a bare "schema is false" per key; a type error says it all. */
function redundant(error: TLocalizedValidationError, typeErrorPaths: Set<string>): boolean {
  if (error.keyword === "boolean" && error.schemaPath.endsWith("/additionalProperties")) return true;
  return error.keyword !== "type" && typeErrorPaths.has(error.instancePath);
}

function translate(error: TLocalizedValidationError, data: unknown): Problem[] {
  const path = toPath(error.instancePath, data);
  const schema = schemaAt(error.schemaPath);
  const value = valueAt(data, path);
  switch (error.keyword) {
    case "required":
      return error.params.requiredProperties.map((key) => ({
        path,
        at: "key" as const,
        message: `missing "${key}"${describe(schema.properties?.[key])}`,
      }));
    case "additionalProperties":
      return error.params.additionalProperties.map((key) => ({
        path: [...path, key],
        at: "key" as const,
        ofKey: true,
        message: unknownKey(key, schema),
      }));
    case "type":
      return [{ path, message: wrongType(error.params.type, value, schema, path) }];
    case "enum":
      return [{ path, message: notAllowed(value, error.params.allowedValues.map(String)) }];
    case "const":
      return [{ path, message: `must be ${String(error.params.allowedValue)}` }];
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return [
        { path, message: `must be ${COMPARISONS[error.params.comparison]} ${String(error.params.limit)}` },
      ];
    case "minLength":
      return [{ path, message: "must not be empty" }];
    case "format":
      return [{ path, message: badFormat(error.params.format, value, schema) }];
    case "pattern":
      return [{ path, message: expected(schema) }];
    default:
      return [{ path, message: error.message }];
  }
}

const COMPARISONS = { ">=": "at least", "<=": "at most", ">": "more than", "<": "less than" } as const;

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  object: "a mapping (key: value lines)",
  array: "a list",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
};

function wrongType(type: string | string[], value: unknown, schema: SchemaNode, path: DocPath): string {
  if (
    path[0] === "connections" &&
    path.length === 3 &&
    path[2] === "clientSecret" &&
    typeof value !== "object"
  ) {
    // Never echo the value: it is most likely the secret itself.
    return "must not hold the secret itself: write { env: VARIABLE } and put the secret in that environment variable, or { file: PATH }";
  }
  const names = [type]
    .flat()
    .map((t) => TYPE_NAMES[t] ?? t)
    .join(" or ");
  const empty = value === null || value === undefined;
  return `${empty ? "is empty, but must be" : "must be"} ${names}${describe(schema)}`;
}

function unknownKey(key: string, schema: SchemaNode): string {
  const known = Object.keys(schema.properties ?? {});
  const hint = didYouMean(key, known);
  const list = hint ? "" : known.length > 0 ? `; expected one of: ${known.join(", ")}` : "";
  return `unknown key "${key}"${hint}${list}`;
}

function notAllowed(value: unknown, allowed: string[]): string {
  const shown = typeof value === "string" || typeof value === "number" ? `"${value}"` : "this value";
  const hint = typeof value === "string" ? didYouMean(value, allowed) : "";
  return `${shown} is not one of: ${allowed.join(", ")}${hint}`;
}

function badFormat(format: string, value: unknown, schema: SchemaNode): string {
  if (format === "email") return `"${String(value)}" is not a valid email address`;
  return expected(schema);
}

/** The value is not echoed: a secret pasted into the wrong field must not end up in a log. */
const expected = (schema: SchemaNode) =>
  schema.description ? `expected ${schema.description}` : "is not valid";

const describe = (schema: SchemaNode | undefined) => (schema?.description ? ` (${schema.description})` : "");

/** JSON pointer to a document path; list indexes become numbers so they can be told from keys. */
function toPath(pointer: string, data: unknown): DocPath {
  if (pointer === "") return [];
  const path: (string | number)[] = [];
  let current = data;
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const key = Array.isArray(current) ? Number(segment) : segment;
    path.push(key);
    current = valueAt(current, [key]);
  }
  return path;
}

function valueAt(data: unknown, path: DocPath): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function schemaAt(schemaPath: string): SchemaNode {
  const segments = schemaPath.replace(/^#\/?/, "").split("/").filter(Boolean);
  return valueAt(
    ConfigFileSchema,
    segments.map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~")),
  ) as SchemaNode;
}
