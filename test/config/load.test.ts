import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/load.js";
import { createTestCertificate } from "../emulator/identity/certificate.js";
import { folderWith, load, problems, SECRETS, TWO_CONNECTIONS, yaml } from "./fixture.js";

const EXAMPLE = path.resolve("examples/crosscal.yaml");

describe("the commented example (examples/crosscal.yaml)", () => {
  it("is the example docs/config.md shows", async () => {
    const [docs, example] = await Promise.all([
      readFile("docs/config.md", "utf8"),
      readFile(EXAMPLE, "utf8"),
    ]);
    expect(docs).toContain(`\`\`\`yaml\n${example}\`\`\``);
  });

  it("loads, with its certificate next to it, into a fully resolved config", async () => {
    const certificate = await createTestCertificate();
    const dir = await folderWith({
      "certs/fabrikam.crt": certificate.certPem,
      "certs/fabrikam.key": certificate.privateKeyPem,
    });
    await cp(EXAMPLE, path.join(dir, "crosscal.yaml"));

    const config = await loadConfig(path.join(dir, "crosscal.yaml"), { CONTOSO_CLIENT_SECRET: "from-env" });

    const [contoso, fabrikam] = config.connections;
    expect(contoso?.credential.kind === "client-secret" && contoso.credential.secret.reveal()).toBe(
      "from-env",
    );
    expect(contoso?.endpoints).toEqual({
      authority: "https://login.microsoftonline.com",
      graph: "https://graph.microsoft.com",
      graphScope: "https://graph.microsoft.com/.default",
    });
    expect(fabrikam?.credential).toMatchObject({
      kind: "certificate",
      certificateFile: path.join(dir, "certs/fabrikam.crt"),
      thumbprintSha256: certificate.sha256Hex,
    });
    const [twoWay, busy] = config.syncs;
    expect(twoWay).toMatchObject({ name: "contoso-fabrikam", direction: "two-way", mapping: "full-details" });
    expect(twoWay?.a).toBe(contoso);
    expect(twoWay?.profiles.map((p) => p.name)).toEqual(["Adele Vance", "Megan Bowen"]);
    expect(busy).toMatchObject({ direction: "a-to-b", mapping: "busy", window: { pastDays: 30 } });
    expect(busy?.a).toBe(fabrikam);
  });
});

describe("loading a valid file", () => {
  it("applies every default", async () => {
    const config = await load(
      yaml(...TWO_CONNECTIONS, "syncs:", "  s:", "    a: contoso", "    b: fabrikam"),
      SECRETS,
    );
    expect(config.connections.map((c) => c.cloud)).toEqual(["global", "global"]);
    expect(config.syncs[0]).toMatchObject({
      direction: "two-way",
      mapping: "busy",
      startMode: "only-new",
      window: { pastDays: 30 },
      policies: {
        copyReminders: false,
        massDeletionShare: 0.5,
        massDeletionMinimum: 10,
        emptySideGuard: true,
      },
      profiles: [],
    });
  });

  it("reads a secret file relative to the config file's folder, not the working directory", async () => {
    const dir = await folderWith({
      "deploy/crosscal.yaml": yaml(
        "version: 1",
        "connections:",
        "  contoso:",
        "    tenant: contoso.onmicrosoft.com",
        "    clientId: 11111111-2222-3333-4444-555555555555",
        "    clientSecret: { file: secrets/contoso.txt }",
      ),
      "deploy/secrets/contoso.txt": "from-file\n",
    });
    const config = await loadConfig(path.relative(process.cwd(), path.join(dir, "deploy/crosscal.yaml")), {});
    const credential = config.connections[0]?.credential;
    expect(credential?.kind === "client-secret" && credential.secret.reveal()).toBe("from-file");
    expect(credential).toMatchObject({ source: { file: path.join(dir, "deploy/secrets/contoso.txt") } });
    expect(config.file).toBe(path.join(dir, "deploy/crosscal.yaml"));
  });

  it("knows the national clouds and takes custom endpoints without their trailing slash", async () => {
    const config = await load(
      yaml(
        ...TWO_CONNECTIONS.slice(0, 6),
        "    cloud: usgov",
        ...TWO_CONNECTIONS.slice(6),
        "    cloud: custom",
        "    endpoints: { authority: 'https://127.0.0.1:8443/', graph: 'https://127.0.0.1:8443' }",
      ),
      SECRETS,
    );
    expect(config.connections[0]?.endpoints).toEqual({
      authority: "https://login.microsoftonline.us",
      graph: "https://graph.microsoft.us",
      graphScope: "https://graph.microsoft.us/.default",
    });
    expect(config.connections[1]?.endpoints).toEqual({
      authority: "https://127.0.0.1:8443",
      graph: "https://127.0.0.1:8443",
      graphScope: "https://graph.microsoft.com/.default",
    });
  });

  it("accepts anchors and merge keys for shared settings", async () => {
    const config = await load(
      yaml(
        ...TWO_CONNECTIONS,
        "syncs:",
        "  one:",
        "    a: contoso",
        "    b: fabrikam",
        "    policies: &strict { massDeletionShare: 0.1 }",
        "  two:",
        "    a: fabrikam",
        "    b: contoso",
        "    policies: { <<: *strict, copyReminders: true }",
      ),
      SECRETS,
    );
    expect(config.syncs[1]?.policies).toMatchObject({ massDeletionShare: 0.1, copyReminders: true });
  });
});

describe("malformed YAML", () => {
  it("reports a syntax error at its line and column", async () => {
    expect(await problems(yaml("version: 1", "connections:", "  contoso: { tenant: x", "syncs: {}"))).toEqual(
      [expect.stringMatching(/^crosscal\.yaml:4:1: YAML syntax: /)],
    );
  });

  it("reports a key defined twice, with both lines", async () => {
    expect(await problems(yaml(...TWO_CONNECTIONS, "  contoso:", "    tenant: x.example"))).toEqual([
      'crosscal.yaml:11:3: connections: duplicate key "contoso" (first defined on line 3)',
    ]);
  });

  it("reports an alias with no anchor", async () => {
    expect(await problems(yaml("version: 1", "syncs: *all"))).toEqual([
      "crosscal.yaml:2:8: YAML syntax: *all refers to no anchor &all defined before it",
    ]);
  });

  it("reports an empty file, and one holding only comments", async () => {
    const empty = ["crosscal.yaml:1:1: the file is empty: it starts with version: 1 (see docs/config.md)"];
    expect(await problems("")).toEqual(empty);
    expect(await problems("# nothing yet\n")).toEqual(empty);
  });

  it("reports a file that does not exist, by its path", async () => {
    const missing = path.resolve("no-such-folder/crosscal.yaml");
    await expect(loadConfig(missing, {})).rejects.toThrow(`${missing}: ${missing} does not exist`);
  });

  it("requires version 1", async () => {
    expect(await problems(yaml("connections: {}"))).toEqual([
      'crosscal.yaml:1:1: missing "version" (the format version: 1)',
    ]);
    expect(await problems(yaml("version: 2"))).toEqual(["crosscal.yaml:1:10: version: must be 1"]);
  });
});

describe("schema problems", () => {
  it("names an unknown key at its line, with the key it probably meant", async () => {
    const lines = [...TWO_CONNECTIONS];
    lines[5] = "    clientSecre: { env: CONTOSO_SECRET }";
    expect(await problems(yaml(...lines), SECRETS)).toEqual([
      'crosscal.yaml:6:5: connection "contoso": unknown key "clientSecre" (did you mean "clientSecret"?)',
    ]);
  });

  it("lists the allowed values of a closed choice", async () => {
    expect(
      await problems(
        yaml(
          ...TWO_CONNECTIONS,
          "syncs:",
          "  s:",
          "    a: contoso",
          "    b: fabrikam",
          "    direction: to-b",
        ),
        SECRETS,
      ),
    ).toEqual(['crosscal.yaml:15:16: sync "s": direction: "to-b" is not one of: two-way, a-to-b, b-to-a']);
  });

  it("reports missing keys at the entry that lacks them", async () => {
    expect(
      await problems(yaml("version: 1", "connections:", "  contoso:", "    tenant: contoso.example")),
    ).toEqual([
      'crosscal.yaml:3:3: connection "contoso": missing "clientId" (the Application (client) ID of the app registration, a GUID)',
    ]);
  });

  it("rejects a secret written into the file without repeating it", async () => {
    const lines = [...TWO_CONNECTIONS];
    lines[5] = "    clientSecret: Zx9~verysecret";
    const found = await problems(yaml(...lines), SECRETS);
    expect(found).toEqual([
      'crosscal.yaml:6:19: connection "contoso": clientSecret: must not hold the secret itself: write { env: VARIABLE } and put the secret in that environment variable, or { file: PATH }',
    ]);
  });

  it("does not repeat a secret pasted where a variable's name belongs", async () => {
    const lines = [...TWO_CONNECTIONS];
    lines[5] = "    clientSecret: { env: Zx9~verysecret }";
    const found = await problems(yaml(...lines), SECRETS);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^crosscal\.yaml:6:26: connection "contoso": clientSecret\.env: expected the name of an/,
    );
    expect(found[0]).not.toContain("verysecret");
  });
});

describe("connections", () => {
  const connection = (...lines: string[]) =>
    yaml(
      "version: 1",
      "connections:",
      "  c:",
      "    tenant: c.example",
      "    clientId: 11111111-2222-3333-4444-555555555555",
      ...lines,
    );

  it("reports an environment variable that is not set, or empty", async () => {
    expect(await problems(connection("    clientSecret: { env: C_SECRET }"))).toEqual([
      'crosscal.yaml:6:26: connection "c": clientSecret.env: environment variable C_SECRET is not set',
    ]);
    expect(await problems(connection("    clientSecret: { env: C_SECRET }"), { C_SECRET: " " })).toEqual([
      'crosscal.yaml:6:26: connection "c": clientSecret.env: environment variable C_SECRET is empty',
    ]);
  });

  it("requires exactly one credential, and exactly one source for a secret", async () => {
    expect(await problems(connection())).toEqual([
      'crosscal.yaml:3:3: connection "c": needs a credential: clientSecret: { env: VARIABLE } or certificate: { certificateFile: ..., privateKeyFile: ... }',
    ]);
    expect(await problems(connection("    clientSecret: {}"))).toEqual([
      'crosscal.yaml:6:19: connection "c": clientSecret: give env (a variable\'s name) or file',
    ]);
    expect(
      await problems(
        connection(
          "    clientSecret: { env: A }",
          "    certificate: { certificateFile: a, privateKeyFile: b }",
        ),
      ),
    ).toEqual([
      'crosscal.yaml:7:5: connection "c": certificate: a connection has one credential: keep clientSecret or certificate, not both',
    ]);
  });

  it("refuses a secret's value in a file, without repeating it", async () => {
    const found = await problems(connection("    clientSecret: { value: Zx9~verysecret }"));
    expect(found).toEqual([
      'crosscal.yaml:6:21: connection "c": clientSecret.value: a secret\'s value belongs in no file: name the environment variable (env) or the file (file) that holds it',
    ]);
  });

  it("reports a secret file that is missing, by its absolute path", async () => {
    const found = await problems(connection("    clientSecret: { file: secret.txt }"));
    expect(found).toEqual([
      expect.stringMatching(
        /^crosscal\.yaml:6:27: connection "c": clientSecret\.file: \/.+\/secret\.txt does not exist$/,
      ),
    ]);
  });

  it("requires endpoints with cloud: custom, https ones, and only then", async () => {
    expect(
      await problems(connection("    clientSecret: { env: A }", "    cloud: custom"), { A: "x" }),
    ).toEqual([
      'crosscal.yaml:7:12: connection "c": cloud: custom needs endpoints: { authority: https://..., graph: https://... }',
    ]);
    expect(
      await problems(
        connection(
          "    clientSecret: { env: A }",
          "    cloud: custom",
          "    endpoints:",
          "      authority: http://login.lab.example",
          "      graph: graph.lab.example",
        ),
        { A: "x" },
      ),
    ).toEqual([
      'crosscal.yaml:9:18: connection "c": endpoints.authority: must be an https URL (Microsoft\'s clients refuse anything else)',
      'crosscal.yaml:10:14: connection "c": endpoints.graph: "graph.lab.example" is not a URL',
    ]);
    expect(
      await problems(
        connection(
          "    clientSecret: { env: A }",
          "    endpoints: { authority: 'https://a', graph: 'https://b' }",
        ),
        { A: "x" },
      ),
    ).toEqual([
      'crosscal.yaml:7:5: connection "c": endpoints: only used with cloud: custom (cloud is global)',
    ]);
  });

  it("reports a bad connection name at the name", async () => {
    expect(await problems(yaml("version: 1", "connections:", "  con toso: {}"))).toContain(
      'crosscal.yaml:3:3: connection "con toso": the name may only use letters, digits, ".", "-" and "_" (64 at most), starting with a letter or digit',
    );
  });
});

describe("syncs and profiles", () => {
  const sync = (...lines: string[]) => yaml(...TWO_CONNECTIONS, "syncs:", "  s:", ...lines);

  it("names an unknown connection, with the one probably meant", async () => {
    expect(await problems(sync("    a: contosa", "    b: fabrikam"), SECRETS)).toEqual([
      'crosscal.yaml:13:8: sync "s": a: no connection named "contosa" (did you mean "contoso"?)',
    ]);
    expect(await problems(sync("    a: contoso", "    b: northwind"), SECRETS)).toEqual([
      'crosscal.yaml:14:8: sync "s": b: no connection named "northwind" (connections: contoso, fabrikam)',
    ]);
  });

  it("rejects a sync between a connection and itself", async () => {
    expect(await problems(sync("    a: contoso", "    b: contoso"), SECRETS)).toEqual([
      'crosscal.yaml:14:8: sync "s": b: a and b are both "contoso": a sync joins two connections',
    ]);
  });

  it("reports duplicate profile names, duplicate pairs and a mailbox used twice", async () => {
    const found = await problems(
      sync(
        "    a: contoso",
        "    b: fabrikam",
        "    profiles:",
        "      - { name: Adele, a: adele@contoso.com, b: adele@fabrikam.com }",
        "      - { name: Adele, a: megan@contoso.com, b: megan@fabrikam.com }",
        "      - { name: Adele again, a: Adele@Contoso.com, b: adele@fabrikam.com }",
        "      - { name: Alex, a: alex@contoso.com, b: megan@fabrikam.com }",
      ),
      SECRETS,
    );
    expect(found).toEqual([
      'crosscal.yaml:17:17: sync "s", profile "Adele": name: the name is already used by profile #1',
      'crosscal.yaml:18:9: sync "s", profile "Adele again": the same mailboxes as profile "Adele" (#1)',
      'crosscal.yaml:19:47: sync "s", profile "Alex": b: megan@fabrikam.com is already in profile "Adele" (#2): a mailbox belongs to one profile per sync',
    ]);
  });

  it("reports a mailbox that is not an email address, naming the profile", async () => {
    expect(
      await problems(
        sync(
          "    a: contoso",
          "    b: fabrikam",
          "    profiles:",
          "      - name: Adele",
          "        a: adele",
          "        b: adele@fabrikam.com",
        ),
        SECRETS,
      ),
    ).toEqual(['crosscal.yaml:17:12: sync "s", profile "Adele": a: "adele" is not a valid email address']);
  });
});

describe("certificates", () => {
  const certConnection = (...lines: string[]) =>
    yaml(
      "version: 1",
      "connections:",
      "  c:",
      "    tenant: c.example",
      "    clientId: 11111111-2222-3333-4444-555555555555",
      "    certificate:",
      "      certificateFile: app.crt",
      "      privateKeyFile: app.key",
      ...lines,
    );

  it("reads the certificate and key, and computes the thumbprint MSAL needs", async () => {
    const certificate = await createTestCertificate();
    const config = await load(
      certConnection(),
      {},
      { "app.crt": certificate.certPem, "app.key": certificate.privateKeyPem },
    );
    const credential = config.connections[0]?.credential;
    expect(credential).toMatchObject({ kind: "certificate", thumbprintSha256: certificate.sha256Hex });
    expect(credential?.kind === "certificate" && credential.privateKey.reveal()).toContain(
      "BEGIN PRIVATE KEY",
    );
  });

  it("reports missing files and files that hold no PEM", async () => {
    expect(await problems(certConnection(), {}, { "app.crt": "not a certificate" })).toEqual([
      expect.stringMatching(
        /^crosscal\.yaml:7:24: connection "c": certificate\.certificateFile: \/.+\/app\.crt holds no PEM certificate/,
      ),
      expect.stringMatching(
        /^crosscal\.yaml:8:23: connection "c": certificate\.privateKeyFile: \/.+\/app\.key does not exist$/,
      ),
    ]);
  });

  it("reports a key that does not belong to the certificate", async () => {
    const [one, two] = await Promise.all([createTestCertificate(), createTestCertificate()]);
    expect(
      await problems(certConnection(), {}, { "app.crt": one.certPem, "app.key": two.privateKeyPem }),
    ).toEqual([
      expect.stringMatching(
        /^crosscal\.yaml:8:23: connection "c": certificate\.privateKeyFile: the key in \/.+\/app\.key does not match the certificate$/,
      ),
    ]);
  });

  it("needs the passphrase of an encrypted key, and the right one", async () => {
    const { createPrivateKey } = await import("node:crypto");
    const certificate = await createTestCertificate();
    const encrypted = createPrivateKey(certificate.privateKeyPem)
      .export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "open sesame" })
      .toString();
    const files = { "app.crt": certificate.certPem, "app.key": encrypted };
    expect(await problems(certConnection(), {}, files)).toEqual([
      expect.stringMatching(
        /certificate\.privateKeyFile: the key in \/.+\/app\.key is encrypted: add privateKeyPassphrase: \{ env: VARIABLE \}$/,
      ),
    ]);
    const withPassphrase = certConnection("      privateKeyPassphrase: { env: KEY_PASSPHRASE }");
    expect(await problems(withPassphrase, { KEY_PASSPHRASE: "wrong" }, files)).toEqual([
      expect.stringMatching(/^crosscal\.yaml:8:23: .+app\.key cannot be read \(wrong passphrase\?\)$/),
    ]);
    const config = await load(withPassphrase, { KEY_PASSPHRASE: "open sesame" }, files);
    expect(config.connections[0]?.credential).toMatchObject({ thumbprintSha256: certificate.sha256Hex });
  });
});

describe("reporting", () => {
  it("reports every problem of every entry at once, in file order", async () => {
    const error = await load(
      yaml(
        "version: 1",
        "conections: {}",
        "connections:",
        "  contoso:",
        "    tenant: contoso.onmicrosoft.com",
        "    clientId: not-a-guid",
        "    clientSecret: { env: CONTOSO_SECRET }",
        "    cloud: azure",
        "  fabrikam:",
        "    tenant: fabrikam.onmicrosoft.com",
        "    clientId: 11111111-2222-3333-4444-555555555555",
        "    clientSecret: { env: FABRIKAM_SECRET }",
        "syncs:",
        "  s:",
        "    a: contoso",
        "    b: fabrikm",
        "    window: { pastDays: -1 }",
        "    profiles:",
        "      - { name: Adele, a: adele@contoso.com, b: adele@fabrikam.com }",
        "      - { name: Adele, a: megan@contoso.com, b: megan@fabrikam.com }",
      ),
      {},
    ).catch((e: unknown) => e as ConfigError);
    expect(error).toBeInstanceOf(ConfigError);
    const { problems: found } = error as ConfigError;
    expect(found.map((p) => [p.line, p.subject, p.message])).toEqual([
      [2, undefined, 'unknown key "conections" (did you mean "connections"?)'],
      [
        6,
        'connection "contoso"',
        "clientId: expected the Application (client) ID of the app registration, a GUID",
      ],
      [8, 'connection "contoso"', 'cloud: "azure" is not one of: global, usgov, usgov-dod, china, custom'],
      [12, 'connection "fabrikam"', "clientSecret.env: environment variable FABRIKAM_SECRET is not set"],
      [16, 'sync "s"', 'b: no connection named "fabrikm" (did you mean "fabrikam"?)'],
      [17, 'sync "s"', "window.pastDays: must be at least 0"],
      [20, 'sync "s", profile "Adele"', "name: the name is already used by profile #1"],
    ]);
    expect((error as ConfigError).message).toMatch(
      /^7 problems in config file .+crosscal\.yaml:\n {2}.+crosscal\.yaml:2:1: /,
    );
  });

  it("does not stop at the validator's default limit of 8 errors", async () => {
    const typos = Array.from({ length: 12 }, (_, i) => `    typo${i}: 1`);
    const lines = [...TWO_CONNECTIONS.slice(0, 6), ...typos];
    expect(await problems(yaml(...lines), SECRETS)).toHaveLength(12);
  });
});

describe("secrets", () => {
  it("never appear in JSON, strings or inspection of the loaded config", async () => {
    const { inspect } = await import("node:util");
    const certificate = await createTestCertificate();
    const dir = await folderWith({ "app.crt": certificate.certPem, "app.key": certificate.privateKeyPem });
    const config = await load(
      yaml(
        ...TWO_CONNECTIONS.slice(0, 6),
        "  fabrikam:",
        "    tenant: fabrikam.onmicrosoft.com",
        "    clientId: 11111111-2222-3333-4444-555555555555",
        `    certificate: { certificateFile: ${dir}/app.crt, privateKeyFile: ${dir}/app.key }`,
      ),
      SECRETS,
    );
    const keyBody = certificate.privateKeyPem.split("\n")[1]!;
    for (const text of [
      JSON.stringify(config),
      inspect(config, { depth: 10 }),
      `${config.connections[0]?.credential.kind === "client-secret" && config.connections[0].credential.secret}`,
    ]) {
      expect(text).not.toContain(SECRETS.CONTOSO_SECRET);
      expect(text).not.toContain(keyBody);
    }
    expect(JSON.stringify(config)).toContain('"secret":"[redacted]"');
  });

  it("never appear in the errors of a config that fails", async () => {
    const found = await problems(yaml(...TWO_CONNECTIONS, "syncs:", "  s: { a: contoso, b: nowhere }"), {
      ...SECRETS,
      FABRIKAM_SECRET: "",
    });
    expect(found.join("\n")).not.toContain(SECRETS.CONTOSO_SECRET);
    expect(found).toHaveLength(2);
  });
});
