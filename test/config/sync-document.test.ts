import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../src/config/schema.js";
import {
  applyPatch,
  canonicalSettings,
  compileProblems,
  configEntryOf,
  fromStored,
  inputProblems,
  type SyncDocument,
  settingsOfConfigSync,
  toStored,
  withDefaults,
} from "../../src/config/sync-document.js";
import type { NewSyncInput } from "../../src/config/sync-document-schema.js";
import { settingsFingerprint } from "../../src/engine/settings.js";
import { load, SECRETS, TWO_CONNECTIONS, yaml } from "./fixture.js";

/** A rule as a body carries it. */
const rule = (name: string, when: Record<string, unknown>, outcome: unknown) =>
  // biome-ignore lint/suspicious/noThenProperty: the config file's word; a rule is never awaited.
  ({ name, when, then: outcome }) as { name: string; when: Record<string, unknown>; then: never };

const IDS = { connectionA: "id-a", connectionB: "id-b" };
const PRIVATE_VIEW = {
  preset: "busy",
  fields: { subject: { template: "Private ({organizer.name})" } },
} as const;

/** The API's form of the config file's sync below. */
const API_BODY = {
  name: "contoso-fabrikam",
  ...IDS,
  direction: "a-to-b",
  mapping: { preset: "full-details", fields: { subject: { template: "[Contoso] {subject}" } } },
  startMode: "merge",
  window: { pastDays: 14 },
  policies: { copyReminders: true },
  rules: [
    rule("declined", { response: ["declined"] }, "skip"),
    rule("private", { sensitivity: ["private"] }, { mapping: PRIVATE_VIEW }),
    rule("free", { showAs: ["free"] }, { mapping: "busy" }),
  ],
} satisfies NewSyncInput;

const CONFIG_SYNC = yaml(
  ...TWO_CONNECTIONS,
  "mappings:",
  "  private-view:",
  "    preset: busy",
  "    fields: { subject: { template: 'Private ({organizer.name})' } }",
  "syncs:",
  "  contoso-fabrikam:",
  "    a: contoso",
  "    b: fabrikam",
  "    direction: a-to-b",
  "    mapping: { preset: full-details, fields: { subject: { template: '[Contoso] {subject}' } } }",
  "    startMode: merge",
  "    window: { pastDays: 14 }",
  "    policies: { copyReminders: true }",
  "    rules:",
  "      - { name: declined, when: { response: [declined] }, then: skip }",
  "      - { name: private, when: { sensitivity: [private] }, then: { mapping: private-view } }",
  "      - { name: free, when: { showAs: [free] }, then: { mapping: busy } }",
);

describe("a sync document", () => {
  it("takes the config file's defaults for what a request leaves out", () => {
    const doc = withDefaults({ name: "s", ...IDS });
    expect(doc).toEqual({
      name: "s",
      ...IDS,
      direction: DEFAULTS.direction,
      mapping: DEFAULTS.mapping,
      startMode: DEFAULTS.startMode,
      window: { pastDays: DEFAULTS.pastDays },
      policies: {
        copyReminders: DEFAULTS.copyReminders,
        massDeletionShare: DEFAULTS.massDeletionShare,
        massDeletionMinimum: DEFAULTS.massDeletionMinimum,
        emptySideGuard: DEFAULTS.emptySideGuard,
      },
      rules: [],
    });
    expect(toStored(doc)).toMatchObject({
      startMode: "only_new",
      settings: { mapping: "busy", pastDays: 30 },
    });
  });

  it("is stored exactly as the equivalent config file's sync", async () => {
    const config = await load(CONFIG_SYNC, SECRETS);
    const fromApi = toStored(withDefaults(API_BODY));
    expect(fromApi.settings).toEqual(settingsOfConfigSync(config.syncs[0]!));
    expect(JSON.stringify(fromApi.settings)).toBe(JSON.stringify(settingsOfConfigSync(config.syncs[0]!)));
    expect(fromApi.startMode).toBe("merge");
  });

  it("reads back from the store as it was written", () => {
    const doc = withDefaults(API_BODY);
    expect(fromStored(toStored(doc))).toEqual(doc);
    expect(doc.rules[2]!.then).toEqual({ mapping: "busy" });
  });

  it("has one canonical settings shape: an empty custom mapping is its preset", () => {
    const plain = toStored(withDefaults({ name: "s", ...IDS, mapping: "busy" })).settings;
    const empty = toStored(
      withDefaults({ name: "s", ...IDS, mapping: { preset: "busy", fields: {} } }),
    ).settings;
    expect(empty).toEqual(plain);
    expect(canonicalSettings({ ...plain, rules: [], fields: {} })).toEqual(plain);
    expect(Object.keys(plain)).not.toContain("fields");
  });

  it("merges policies and window on an edit and replaces everything else", () => {
    const current = withDefaults(API_BODY);
    const edited = applyPatch(current, {
      policies: { massDeletionMinimum: 3 },
      rules: [],
      mapping: "busy",
    });
    expect(edited.policies).toEqual({ ...current.policies, massDeletionMinimum: 3 });
    expect(edited.policies.copyReminders).toBe(true);
    expect(edited.window).toEqual({ pastDays: 14 });
    expect(edited.rules).toEqual([]);
    expect(edited.mapping).toBe("busy");
    expect(edited.name).toBe(current.name);
  });

  it("becomes a config entry whose rules name their custom mappings", () => {
    const named: string[] = [];
    const entry = configEntryOf(withDefaults(API_BODY), { a: "contoso", b: "fabrikam" }, (mapping, index) => {
      expect(mapping).toEqual(PRIVATE_VIEW);
      named.push(`rule-${index}`);
      return `rule-${index}`;
    });
    expect(named).toEqual(["rule-1"]);
    expect(entry.rules.map((rule) => rule.then)).toEqual([
      "skip",
      { mapping: "rule-1" },
      { mapping: "busy" },
    ]);
    expect(entry).toMatchObject({ a: "contoso", b: "fabrikam", direction: "a-to-b", startMode: "merge" });
  });

  it("compiles: settings from a valid body have no problems", () => {
    expect(inputProblems(API_BODY, false)).toEqual([]);
    expect(compileProblems(toStored(withDefaults(API_BODY)).settings)).toEqual([]);
  });
});

describe("problems with a sync request body", () => {
  const body = (more: Record<string, unknown>) => ({ name: "s", ...IDS, ...more });

  it("names missing and unknown fields", () => {
    expect(inputProblems({ connectionA: "x" }, false)).toEqual(
      expect.arrayContaining([
        { path: ["name"], message: "is required" },
        { path: ["connectionB"], message: "is required" },
      ]),
    );
    expect(inputProblems(body({ maping: "busy" }), false)).toEqual([
      { path: ["maping"], message: 'unknown field "maping"' },
    ]);
    expect(inputProblems({ direction: "sideways" }, true)).toEqual([
      { path: ["direction"], message: "must be one of: two-way, a-to-b, b-to-a" },
    ]);
  });

  it("says what is wrong inside a mapping, with the config file's hints", () => {
    expect(inputProblems(body({ mapping: "bussy" }), false)).toEqual([
      {
        path: ["mapping"],
        message:
          '"bussy" is not a preset (full-details, busy) (did you mean "busy"?); or give { preset, fields }',
      },
    ]);
    const [field] = inputProblems(body({ mapping: { preset: "busy", fields: { subject: "cpy" } } }), false);
    expect(field).toEqual({
      path: ["mapping", "fields", "subject"],
      message: expect.stringContaining('did you mean "copy"'),
    });
    const [template] = inputProblems(
      body({ mapping: { preset: "busy", fields: { body: { template: "See {body" } } } }),
      false,
    );
    expect(template?.path).toEqual(["mapping", "fields", "body", "template"]);
  });

  it("checks rules: their mappings, conditions and names", () => {
    const rules = [
      rule("r", { subject: { matches: "(" } }, "skip"),
      rule("r", {}, { mapping: { preset: "busy", fields: { showAs: { value: "asleep" } } } }),
      rule("t", {}, "skip it"),
    ];
    const problems = inputProblems(body({ rules }), true);
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        ["rules", 0, "when", "subject", "matches"],
        ["rules", 1, "name"],
        ["rules", 2, "then"],
      ]),
    );
    expect(problems.some((p) => p.path.join(".").startsWith("rules.1.then.mapping.fields.showAs"))).toBe(
      true,
    );
  });
});

describe("settings of a config file's sync", () => {
  it("have the fingerprint of the same sync made through the API, so switching re-lists nothing", async () => {
    const config = await load(CONFIG_SYNC, SECRETS);
    const full = settingsOfConfigSync(config.syncs[0]!);
    expect(settingsFingerprint(full)).toBe(settingsFingerprint(toStored(withDefaults(API_BODY)).settings));
    // A plain preset, no rules: once written as { fields: {}, rules: [] } by the command line alone.
    const plainFile = await load(
      yaml(...TWO_CONNECTIONS, "syncs:", "  plain:", "    a: contoso", "    b: fabrikam"),
      SECRETS,
    );
    const plainApi = toStored(withDefaults({ name: "plain", ...IDS })).settings;
    expect(settingsFingerprint(settingsOfConfigSync(plainFile.syncs[0]!))).toBe(
      settingsFingerprint(plainApi),
    );
  });

  it("match what the API stores for the same sync, whatever the order of keys", async () => {
    const config = await load(CONFIG_SYNC, SECRETS);
    const settings = settingsOfConfigSync(config.syncs[0]!);
    const reordered = Object.fromEntries(Object.entries(settings).reverse()) as typeof settings;
    expect(canonicalSettings(reordered)).toEqual(settings);
    const doc: SyncDocument = fromStored({ name: "x", ...IDS, startMode: "merge", settings });
    expect(doc.rules[1]!.then).toEqual({ mapping: PRIVATE_VIEW });
  });
});
