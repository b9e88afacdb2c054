/**
 * Regenerates the dashboard's typed API client from the service (`npm run api:schema`): the OpenAPI
 * document to web/src/api/openapi.json and its types to web/src/api/schema.d.ts. Run it after changing a
 * route; test/web/openapi-schema.test.ts fails until both match the app.
 */
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import {
  documentText,
  OPENAPI_JSON,
  openApiDocument,
  SCHEMA_TYPES,
  schemaTypes,
} from "./openapi-document.js";

const document = await openApiDocument();
await writeFile(OPENAPI_JSON, documentText(document));
await writeFile(SCHEMA_TYPES, await schemaTypes(document));
const paths = Object.keys(document["paths"] as object).length;
console.log(`wrote ${fileURLToPath(OPENAPI_JSON)} (${paths} paths) and ${fileURLToPath(SCHEMA_TYPES)}`);
