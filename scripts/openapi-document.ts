import openapiTS, { astToString } from "openapi-typescript";
import { buildApp } from "../src/server/app.js";
import { closeDatabase, migrate, openDatabase } from "../src/store/database.js";

/** Where the dashboard keeps the API's document and the types made from it (both committed). */
export const OPENAPI_JSON = new URL("../web/src/api/openapi.json", import.meta.url);
export const SCHEMA_TYPES = new URL("../web/src/api/schema.d.ts", import.meta.url);

/**
 * The OpenAPI document the service serves at /docs/json, from the app itself (on an empty in-memory
 * store, as the tests build it): every route's TypeBox schemas, nothing written by hand.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const db = openDatabase(":memory:");
  try {
    await migrate(db);
    const app = await buildApp({ db });
    try {
      const response = await app.inject({ method: "GET", url: "/docs/json" });
      if (response.statusCode !== 200) throw new Error(`GET /docs/json answered ${response.statusCode}`);
      return response.json() as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await closeDatabase(db);
  }
}

/** The document as it is written to web/src/api/openapi.json. */
export const documentText = (document: Record<string, unknown>) => `${JSON.stringify(document, null, 2)}\n`;

/** The TypeScript types openapi-fetch reads (`paths`, `components`), as web/src/api/schema.d.ts holds them. */
export async function schemaTypes(document: Record<string, unknown>): Promise<string> {
  // biome-ignore lint/suspicious/noExplicitAny: openapi-typescript types its input as its own OpenAPI3 type.
  return astToString(await openapiTS(document as any));
}
