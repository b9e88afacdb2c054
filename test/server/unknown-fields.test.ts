import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { insertConnection } from "../../src/store/connections.js";
import type { Store } from "../../src/store/database.js";
import { insertGroupBinding } from "../../src/store/group-bindings.js";
import { insertSync } from "../../src/store/syncs.js";
import { SETTINGS } from "../engine/fixture.js";
import { newConnection, someProfile } from "../store/fixtures.js";
import { adminSession, PASSWORD, type ServerContext, type SignedIn, USERNAME, useServer } from "./fixture.js";

/**
 * Every request schema is closed: a field a route does not know is refused with 400 naming it, and nothing
 * is written. Driven by the OpenAPI document, so a new route is covered (or this test fails) by itself.
 */

type Json = Record<string, unknown>;
interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: { type?: string; enum?: unknown[] };
}
interface Operation {
  key: string;
  requestBody?: { content: Record<string, { schema: unknown }> };
  parameters?: Parameter[];
}

/** The rows a route acts on, made straight in the store. */
interface Rows {
  connection: string;
  otherConnection: string;
  sync: string;
  profile: string;
  binding: string;
}

interface BodyCase {
  url: (rows: Rows) => string;
  body: Json | ((rows: Rows) => Json);
  /** What the same body without the unknown field answers: the proof that it is valid. */
  answers: number;
}

const CLIENT_ID = "11111111-2222-4333-8444-555555555555";
/** The smallest config file: applying it (dry run) changes nothing. */
const CONFIG_FILE = "version: 1\n";

/**
 * One minimal valid body per operation that takes a JSON body. An operation missing here fails the test:
 * add its body (and what it answers) when adding the route.
 */
const BODIES: Record<string, BodyCase> = {
  "POST /api/setup": {
    url: () => "/api/setup",
    body: { setupToken: "not-a-token", username: "second", password: PASSWORD },
    answers: 409,
  },
  "POST /api/auth/login": {
    url: () => "/api/auth/login",
    body: { username: USERNAME, password: PASSWORD },
    answers: 200,
  },
  "POST /api/tokens": { url: () => "/api/tokens", body: { name: "ci", scope: "read" }, answers: 201 },
  "POST /api/connections": {
    url: () => "/api/connections",
    body: { name: "tailspin", tenant: "tailspin.example", clientId: CLIENT_ID, clientSecret: "s3cret" },
    answers: 201,
  },
  "PATCH /api/connections/{id}": {
    url: (rows) => `/api/connections/${rows.connection}`,
    body: { clientSecret: "new-s3cret" },
    answers: 200,
  },
  "POST /api/connections/consent": {
    url: () => "/api/connections/consent",
    body: { name: "northwind" },
    answers: 409,
  },
  "POST /api/syncs": {
    url: () => "/api/syncs",
    body: (rows) => ({
      name: "second-sync",
      connectionA: rows.connection,
      connectionB: rows.otherConnection,
    }),
    answers: 201,
  },
  "POST /api/syncs/preview-copy": {
    url: () => "/api/syncs/preview-copy",
    body: (rows) => ({
      sync: { name: "draft", connectionA: rows.connection, connectionB: rows.otherConnection },
      event: {
        pasted: {
          subject: "Planning",
          start: { dateTime: "2025-03-04T09:00:00", timeZone: "UTC" },
          end: { dateTime: "2025-03-04T10:00:00", timeZone: "UTC" },
        },
      },
    }),
    answers: 200,
  },
  "PATCH /api/syncs/{id}": {
    url: (rows) => `/api/syncs/${rows.sync}`,
    body: { direction: "a-to-b" },
    answers: 200,
  },
  "POST /api/syncs/{syncId}/profiles": {
    url: (rows) => `/api/syncs/${rows.sync}/profiles`,
    body: { name: "Megan", mailboxA: "megan@contoso.test", mailboxB: "megan@fabrikam.test" },
    answers: 503,
  },
  "PATCH /api/profiles/{id}": {
    url: (rows) => `/api/profiles/${rows.profile}`,
    body: { name: "Renamed" },
    answers: 200,
  },
  "POST /api/syncs/{syncId}/profiles/import": {
    url: (rows) => `/api/syncs/${rows.sync}/profiles/import?dryRun=true`,
    body: { lines: "lee@contoso.test lee@fabrikam.test" },
    answers: 503,
  },
  "POST /api/profiles/actions": {
    url: () => "/api/profiles/actions",
    body: { action: "pause", ids: ["p-1"] },
    answers: 503,
  },
  "POST /api/syncs/{syncId}/group-bindings": {
    url: (rows) => `/api/syncs/${rows.sync}/group-bindings`,
    body: { groupA: "Staff", groupB: "Staff B" },
    answers: 503,
  },
  "POST /api/syncs/{syncId}/mailboxes/check": {
    url: (rows) => `/api/syncs/${rows.sync}/mailboxes/check`,
    body: { side: "A", mailbox: "megan@contoso.test" },
    answers: 503,
  },
  "POST /api/syncs/{syncId}/group-bindings/preview": {
    url: (rows) => `/api/syncs/${rows.sync}/group-bindings/preview`,
    body: { groupA: "Staff", groupB: "Staff B" },
    answers: 503,
  },
  "PATCH /api/syncs/{syncId}/group-bindings/{id}": {
    url: (rows) => `/api/syncs/${rows.sync}/group-bindings/${rows.binding}`,
    body: { refreshMinutes: 30 },
    answers: 200,
  },
  "POST /api/config": {
    url: () => "/api/config?dryRun=true",
    body: { yaml: CONFIG_FILE },
    answers: 200,
  },
};

/**
 * Operations whose query is deliberately open. Entra ID's admin-consent redirect carries parameters of its
 * own (error_subcode, error_uri, scope) that crosscal does not read.
 */
const OPEN_QUERIES = new Set(["GET /api/connections/consent"]);
/** Path parameters that must hold one of a few words; any other is an id. */
const PATH_VALUES: Record<string, string> = { action: "pause" };

async function operations(ctx: ServerContext): Promise<Operation[]> {
  const response = await ctx.app().inject({ method: "GET", url: "/docs/json" });
  expect(response.statusCode).toBe(200);
  const document = response.json() as { paths: Record<string, Record<string, Omit<Operation, "key">>> };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      ...operation,
      key: `${method.toUpperCase()} ${path}`,
    })),
  );
}

const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Where in a schema an object allows properties it does not list. */
function openObjects(schema: unknown, where: string): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, index) => openObjects(item, `${where}/${index}`));
  if (!isRecord(schema)) return [];
  // OpenAPI 3.0 has no null type: @fastify/swagger writes Type.Null() as a nullable object that is null.
  const isNull = Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === null;
  const isObject = !isNull && (schema.type === "object" || isRecord(schema.properties));
  const here = isObject && schema.additionalProperties !== false ? [where] : [];
  return [
    ...here,
    ...Object.entries(schema).flatMap(([key, value]) => {
      if (key === "properties" || key === "patternProperties") {
        return Object.entries(isRecord(value) ? value : {}).flatMap(([name, sub]) =>
          openObjects(sub, `${where}/${name}`),
        );
      }
      return ["items", "additionalProperties", "anyOf", "oneOf", "allOf", "prefixItems"].includes(key)
        ? openObjects(value, `${where}/${key}`)
        : [];
    }),
  ];
}

/** Every row of every table: a refused request must leave all of it as it was. */
async function storeContents(db: Store): Promise<Record<string, unknown[]>> {
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name
  `.execute(db);
  const contents: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) {
    contents[name] = (await sql`select * from ${sql.table(name)} order by 1`.execute(db)).rows;
  }
  return contents;
}

/** The answer's error for an unknown field named "extra" at `field`. */
const refusal = (field: string) => ({
  code: "invalid_request",
  message: expect.stringContaining('unknown field "extra"'),
  field,
});

const bodyOf = (bodyCase: BodyCase, rows: Rows) =>
  typeof bodyCase.body === "function" ? bodyCase.body(rows) : bodyCase.body;
/** Ids of nothing: enough for requests that validation refuses before any look-up. */
const NO_ROWS: Rows = { connection: "c", otherConnection: "d", sync: "s", profile: "p", binding: "b" };

/** A valid value for a required query parameter. */
const sampleOf = ({ name, schema }: Parameter): [string, string] => [
  name,
  String(schema?.enum?.[0] ?? { boolean: "true", integer: "1", number: "1" }[schema?.type ?? ""] ?? "x"),
];

const urlOf = (path: string) =>
  path.replace(/\{([^}]+)\}/g, (_match, name: string) => PATH_VALUES[name] ?? randomUUID());

describe("unknown fields", () => {
  const ctx = useServer("sqlite", { secrets: new SecretBox(randomBytes(32)) });
  let admin: SignedIn;

  async function storeRows(): Promise<Rows> {
    const now = ctx.clock.now();
    const suffix = randomUUID().slice(0, 8);
    const [a, b] = await Promise.all(
      ["contoso", "fabrikam"].map((name) =>
        insertConnection(ctx.db(), newConnection(randomUUID(), `${name}-${suffix}`), now),
      ),
    );
    const sync = await insertSync(
      ctx.db(),
      {
        id: randomUUID(),
        name: `sync-${suffix}`,
        connectionA: a!.id,
        connectionB: b!.id,
        startMode: "merge",
        settings: JSON.stringify(SETTINGS),
      },
      now,
    );
    const profile = await someProfile(ctx.db(), { sync: sync.id });
    const binding = await insertGroupBinding(
      ctx.db(),
      {
        id: randomUUID(),
        syncId: sync.id,
        groupA: "staff-a",
        groupB: "staff-b",
        matchBy: "local-part",
        matchAttribute: null,
        refreshMinutes: 60,
        autoStart: null,
      },
      now,
    );
    return {
      connection: a!.id,
      otherConnection: b!.id,
      sync: sync.id,
      profile: profile.id,
      binding: binding.id,
    };
  }

  const send = (key: string, url: string, payload?: Json) =>
    ctx.app().inject({
      method: key.split(" ")[0] as "POST",
      url,
      headers: admin.headers,
      ...(payload ? { payload } : {}),
    });

  it("closes every object of every request body and parameter the document describes", async () => {
    admin = await adminSession(ctx);
    const open = (await operations(ctx)).flatMap((operation) => [
      ...openObjects(operation.requestBody?.content["application/json"]?.schema, `${operation.key} body`),
      ...(operation.parameters ?? [])
        .filter((parameter) => parameter.in === "query" || parameter.in === "path")
        .flatMap((parameter) =>
          openObjects(parameter.schema, `${operation.key} ${parameter.in}/${parameter.name}`),
        ),
    ]);
    expect(open).toEqual([]);
  });

  it("leaves Graph's notification bodies open: Graph adds fields of its own", async () => {
    const webhooks = (await operations(ctx)).filter((operation) => operation.key.includes("/webhooks/"));
    expect(webhooks.map((operation) => [operation.key, operation.requestBody])).toEqual([
      ["POST /api/webhooks/graph", undefined],
      ["POST /api/webhooks/graph/lifecycle", undefined],
    ]);
    const response = await ctx.app().inject({
      method: "POST",
      url: "/api/webhooks/graph",
      payload: {
        value: [
          {
            subscriptionId: randomUUID(),
            clientState: "not one crosscal made",
            changeType: "updated",
            resource: "Users/adele/Events/AAMk",
            resourceData: { id: "AAMk", "@odata.type": "#Microsoft.Graph.Event" },
            tenantId: randomUUID(),
          },
        ],
        validationTokens: ["added by Graph"],
      },
    });
    expect([response.statusCode, response.body]).toEqual([202, expect.stringContaining('"forged":1')]);
  });

  it("refuses an unknown field in every JSON body with 400 naming it, and writes nothing", async () => {
    admin = await adminSession(ctx);
    const rows = await storeRows();
    const withBody = (await operations(ctx)).filter((operation) => operation.requestBody);
    expect(withBody.length).toBeGreaterThanOrEqual(10);
    expect(
      withBody.map((operation) => operation.key).filter((key) => !(key in BODIES)),
      "operations with a body but no case in BODIES",
    ).toEqual([]);
    for (const { key } of withBody) {
      const { url, answers } = BODIES[key]!;
      const valid = bodyOf(BODIES[key]!, rows);
      const before = await storeContents(ctx.db());
      const refused = await send(key, url(rows), { ...valid, extra: 1 });
      expect([key, refused.statusCode, refused.json().error], refused.body).toEqual([
        key,
        400,
        refusal("body/extra"),
      ]);
      expect(await storeContents(ctx.db()), key).toEqual(before);
      const accepted = await send(key, url(rows), valid);
      expect([key, accepted.statusCode], accepted.body).toEqual([key, answers]);
    }
  });

  it("names an unknown field inside an object by its path", async () => {
    admin = await adminSession(ctx);
    const response = await send("POST", "/api/connections", {
      name: "adatum",
      tenant: "adatum.example",
      clientId: CLIENT_ID,
      certificate: { certificatePem: "pem", privateKey: "key", extra: true },
    });
    expect([response.statusCode, response.json().error]).toEqual([400, refusal("body/certificate/extra")]);
  });

  it("refuses the security review's case: a misspelt secret does not pass for a no-op edit", async () => {
    admin = await adminSession(ctx);
    const { connection } = await storeRows();
    const before = await storeContents(ctx.db());
    const response = await send("PATCH", `/api/connections/${connection}`, {
      client_secret: "new",
      probemailbox: "x",
    });
    expect([response.statusCode, response.json().error.field]).toEqual([400, "body/client_secret"]);
    expect(await storeContents(ctx.db())).toEqual(before);
  });

  it("refuses an unknown query parameter on every route with a query, except redirects from Entra ID", async () => {
    admin = await adminSession(ctx);
    const withQuery = (await operations(ctx)).filter((operation) =>
      operation.parameters?.some((parameter) => parameter.in === "query"),
    );
    expect(withQuery.length).toBeGreaterThanOrEqual(8);
    for (const { key, parameters } of withQuery) {
      // Fastify checks the body before the query: routes that take one get a valid one.
      const body = key in BODIES ? bodyOf(BODIES[key]!, NO_ROWS) : undefined;
      const required = (parameters ?? []).filter(
        (parameter) => parameter.in === "query" && parameter.required,
      );
      const query = new URLSearchParams([...required.map(sampleOf), ["extra", "1"]]);
      const response = await send(key, `${urlOf(key.split(" ")[1]!)}?${query}`, body);
      if (OPEN_QUERIES.has(key)) {
        expect(response.body, key).not.toMatch(/not valid|extra/);
        continue;
      }
      expect([key, response.statusCode, response.json().error], response.body).toEqual([
        key,
        400,
        refusal("querystring/extra"),
      ]);
    }
  });
});
