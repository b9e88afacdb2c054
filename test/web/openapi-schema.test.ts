import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  documentText,
  OPENAPI_JSON,
  openApiDocument,
  SCHEMA_TYPES,
  schemaTypes,
} from "../../scripts/openapi-document.js";

type Document = Record<string, unknown> & { paths?: Record<string, unknown> };

/** What differs between two documents, by path (`/api/tokens`) or top-level key, so the failure is short. */
function differences(committed: Document, current: Document): string[] {
  const differ = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
  const keys = (a: object = {}, b: object = {}) => [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const paths = keys(committed.paths, current.paths).filter((path) =>
    differ(committed.paths?.[path], current.paths?.[path]),
  );
  const others = keys(committed, current).filter(
    (key) => key !== "paths" && differ(committed[key], current[key]),
  );
  return [...paths, ...others];
}

/**
 * The dashboard's client is typed from web/src/api/openapi.json and schema.d.ts, both committed. A route
 * changed without `npm run api:schema` fails here, before a screen can call the API as it was.
 */
describe("the dashboard's API client (run npm run api:schema after changing a route)", () => {
  it("is generated from the OpenAPI document the app serves now", async () => {
    const text = await readFile(OPENAPI_JSON, "utf8");
    const current = await openApiDocument();
    expect(differences(JSON.parse(text) as Document, current)).toEqual([]);
    expect(
      text === documentText(current),
      "web/src/api/openapi.json is not written as the script writes it",
    ).toBe(true);
  });

  it("has the types openapi-typescript makes from that document", async () => {
    const document = JSON.parse(await readFile(OPENAPI_JSON, "utf8")) as Document;
    const committed = await readFile(SCHEMA_TYPES, "utf8");
    expect(
      committed === (await schemaTypes(document)),
      "web/src/api/schema.d.ts is not made from web/src/api/openapi.json",
    ).toBe(true);
  });
});
