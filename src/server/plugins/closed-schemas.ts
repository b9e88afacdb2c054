import type { FastifyInstance } from "fastify";

/** The parts of a request the client writes and the route's schema checks. */
const CLIENT_PARTS = ["body", "querystring", "params"] as const;
/**
 * Keywords whose subschemas a value's parts must match. Not `not`, `contains` or `if`: closing what they
 * hold would let through or refuse other values than the schema means.
 */
const SUBSCHEMA = ["items", "additionalProperties", "additionalItems"] as const;
const SUBSCHEMA_MAPS = ["properties", "patternProperties"] as const;
const SUBSCHEMA_LISTS = ["anyOf", "oneOf", "prefixItems"] as const;

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isObjectSchema = (schema: Schema) => schema.type === "object" || isSchema(schema.properties);

/**
 * A copy of a schema in which every object schema that does not say `additionalProperties` says `false`,
 * however deep: properties, array items, union members. A copy, because TypeBox schemas are shared
 * between routes and with responses. The copy keeps TypeBox's hidden (non-enumerable) markers.
 *
 * The members of an `allOf` (TypeBox's Intersect) are not closed themselves: each describes only part of
 * the object, so closing them would refuse every value. Such a body should be one Type.Object
 * (Type.Evaluate); test/server/unknown-fields.test.ts finds any that is not.
 */
export function closedSchema<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(closedSchema) as T;
  if (!isSchema(schema)) return schema;
  const copy = closedInside(schema);
  if (isObjectSchema(schema) && !("additionalProperties" in schema)) copy.additionalProperties = false;
  return copy as T;
}

/** The schema's subschemas closed, its own level as it was. */
function closedInside(schema: Schema): Schema {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(schema)) as Schema;
  for (const key of SUBSCHEMA) if (key in schema) copy[key] = closedSchema(schema[key]);
  for (const key of SUBSCHEMA_LISTS) if (key in schema) copy[key] = closedSchema(schema[key]);
  for (const key of SUBSCHEMA_MAPS) {
    const map = schema[key];
    if (isSchema(map))
      copy[key] = Object.fromEntries(Object.entries(map).map(([name, sub]) => [name, closedSchema(sub)]));
  }
  if (Array.isArray(schema.allOf))
    copy.allOf = schema.allOf.map((member) => (isSchema(member) ? closedInside(member) : member));
  return copy;
}

/**
 * A field the schema does not know is refused (400 naming it) on every route, instead of being dropped or
 * ignored: `PATCH {"clientSecert": ...}` must not answer 200 having rotated nothing. TypeBox's objects
 * allow unknown properties unless they say otherwise, so every route's request schemas are closed here,
 * once, as the route is added. A schema that says `additionalProperties` itself is left as it says (a
 * redirect from Entra ID carries parameters of its own). Install before any route is added.
 */
export function installClosedSchemas(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    if (!route.schema) return;
    const schema: Schema = { ...route.schema };
    for (const part of CLIENT_PARTS) if (part in schema) schema[part] = closedSchema(schema[part]);
    route.schema = schema;
  });
}
