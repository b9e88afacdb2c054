import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { parse as parseYamlText } from "yaml";
import { applyConfig } from "../../src/config/apply.js";
import { exportConfig, secretVariables } from "../../src/config/export.js";
import { parseConfig } from "../../src/config/load.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { insertConnection } from "../../src/store/connections.js";
import { describeStores } from "../store/targets.js";
import { CLIENT_ID, SECRETS, yaml } from "./fixture.js";

const BOX = new SecretBox(randomBytes(32));
const NOW = new Date("2025-03-01T09:00:00.000Z");

/** A file using most of the format: a custom cloud, named and inline mappings, rules, policies. */
const FILE = yaml(
  "version: 1",
  "connections:",
  "  contoso:",
  "    tenant: contoso.onmicrosoft.com",
  `    clientId: ${CLIENT_ID}`,
  "    clientSecret: { env: CONTOSO_SECRET }",
  "    cloud: custom",
  "    endpoints: { authority: 'https://login.example.test/', graph: 'https://graph.example.test' }",
  "  fabrikam:",
  "    tenant: fabrikam.onmicrosoft.com",
  `    clientId: ${CLIENT_ID}`,
  "    clientSecret: { env: FABRIKAM_SECRET }",
  "    cloud: usgov",
  "mappings:",
  "  private-view:",
  "    preset: busy",
  "    fields: { subject: { template: 'Private ({organizer.name})' }, categories: { value: [Private] } }",
  "syncs:",
  "  contoso-fabrikam:",
  "    a: contoso",
  "    b: fabrikam",
  "    direction: a-to-b",
  "    mapping: { preset: full-details, fields: { subject: { template: '[Contoso] {subject}' } } }",
  "    startMode: merge",
  "    window: { pastDays: 7 }",
  "    policies: { copyReminders: true, massDeletionShare: 0.25 }",
  "    rules:",
  "      - { name: declined, when: { response: [declined] }, then: skip }",
  "      - { name: private, when: { sensitivity: [private], subject: { matches: '^1:1' } }, then: { mapping: private-view } }",
  "      - { name: free, when: { showAs: [free] }, then: { mapping: busy } }",
  "    profiles:",
  "      - { name: Adele Vance, a: adele@contoso.test, b: adele@fabrikam.test }",
  "      - { name: 'Megan: Bowen', a: megan@contoso.test, b: megan@fabrikam.test }",
  "  second:",
  "    a: fabrikam",
  "    b: contoso",
);

const parse = (text: string) => parseConfig(text, { file: "/tmp/crosscal.yaml", env: SECRETS });

describeStores("exporting the service's config", ({ db }) => {
  beforeEach(async () => {
    await db().deleteFrom("syncs").execute();
    await db().deleteFrom("connections").execute();
  });

  it("reads back to the same connections, syncs and profiles: applying it changes nothing", async () => {
    await applyConfig(db(), BOX, await parse(FILE), NOW);
    const exported = await exportConfig(db());
    const report = await applyConfig(db(), BOX, await parse(exported), new Date("2025-03-02T00:00:00Z"));
    const outcomes = [...report.connections, ...report.syncs, ...report.profiles].map((item) => item.outcome);
    expect(outcomes).toEqual(Array(6).fill("unchanged"));
    expect(report.notInFile).toEqual({ connections: [], syncs: [], profiles: [] });
    // Exporting what was applied from an export gives the same text.
    expect(await exportConfig(db())).toBe(exported);
  });

  it("never exports a secret: it names the variable to set, with a comment", async () => {
    await applyConfig(db(), BOX, await parse(FILE), NOW);
    const exported = await exportConfig(db());
    for (const secret of Object.values(SECRETS)) expect(exported).not.toContain(secret);
    expect(exported).toContain('# set CONTOSO_SECRET to the client secret of connection "contoso"');
    const data = parseYamlText(exported);
    expect(data.connections.contoso).toEqual({
      tenant: "contoso.onmicrosoft.com",
      clientId: CLIENT_ID,
      clientSecret: { env: "CONTOSO_SECRET" },
      cloud: "custom",
      endpoints: { authority: "https://login.example.test", graph: "https://graph.example.test" },
    });
    expect(data.connections.fabrikam.cloud).toBe("usgov");
    expect(data.mappings).toEqual({
      "contoso-fabrikam-rule-2": {
        preset: "busy",
        fields: { subject: { template: "Private ({organizer.name})" }, categories: { value: ["Private"] } },
      },
    });
    expect(data.syncs.second).toMatchObject({ a: "fabrikam", b: "contoso", mapping: "busy", profiles: [] });
  });

  it("gives certificate connections file placeholders, and no key", async () => {
    const id = randomUUID();
    await insertConnection(
      db(),
      {
        id,
        name: "northwind",
        tenant: "northwind.test",
        clientId: CLIENT_ID,
        credentialKind: "certificate",
        sealedCredential: BOX.seal("-----BEGIN PRIVATE KEY-----", `connection:${id}:credential`),
        certificatePem: "-----BEGIN CERTIFICATE-----",
        certificateThumbprint: "ab",
        cloud: "global",
        authorityHost: null,
        graphHost: null,
        graphScope: null,
        probeMailbox: null,
      },
      NOW,
    );
    const exported = await exportConfig(db());
    expect(exported).not.toContain("BEGIN");
    expect(exported).toContain("# put the certificate and its private key (PEM) of connection");
    expect(parseYamlText(exported).connections.northwind.certificate).toEqual({
      certificateFile: "northwind.crt.pem",
      privateKeyFile: "northwind.key.pem",
    });
  });
});

it("names one distinct secret variable per connection", () => {
  const rows = [
    { id: "1", name: "contoso", credentialKind: "secret" as const },
    { id: "2", name: "contoso.eu", credentialKind: "secret" as const },
    { id: "3", name: "contoso_eu", credentialKind: "secret" as const },
    { id: "4", name: "9lives", credentialKind: "secret" as const },
    { id: "5", name: "cert", credentialKind: "certificate" as const },
  ];
  expect(Object.fromEntries(secretVariables(rows))).toEqual({
    "1": "CONTOSO_SECRET",
    "2": "CONTOSO_EU_SECRET",
    "3": "CONTOSO_EU_SECRET_2",
    "4": "_9LIVES_SECRET",
  });
});
