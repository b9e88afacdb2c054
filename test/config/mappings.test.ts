import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { createTestCertificate } from "../emulator/identity/certificate.js";
import { load, problems, SECRETS, TWO_CONNECTIONS, yaml } from "./fixture.js";

/** Lines 1-10 are the connections, 11-14 the sync's head; `lines` follow from line 15. */
const sync = (...lines: string[]) =>
  yaml(...TWO_CONNECTIONS, "syncs:", "  s:", "    a: contoso", "    b: fabrikam", ...lines);

const PRIVATE_VIEW = [
  "mappings:",
  "  private-view:",
  "    preset: busy",
  "    fields:",
  "      subject: { template: 'Private ({organizer.name})' }",
  "      categories: { value: [Private] }",
];

describe("mappings and rules in the config file", () => {
  it("take a preset, an inline custom mapping, or a named one", async () => {
    const config = await load(
      yaml(
        ...TWO_CONNECTIONS,
        ...PRIVATE_VIEW,
        "syncs:",
        "  plain: { a: contoso, b: fabrikam, mapping: full-details }",
        "  inline:",
        "    a: contoso",
        "    b: fabrikam",
        "    mapping: { preset: full-details, fields: { body: omit, reminder: { value: 10 } } }",
        "  named: { a: contoso, b: fabrikam, mapping: private-view }",
      ),
      SECRETS,
    );
    const [plain, inline, named] = config.syncs;
    expect(plain).toMatchObject({ mapping: "full-details", fields: {}, rules: [] });
    expect(plain?.mappingName).toBeUndefined();
    expect(inline).toMatchObject({
      mapping: "full-details",
      fields: { body: "omit", reminder: { value: 10 } },
    });
    expect(named).toMatchObject({
      mapping: "busy",
      mappingName: "private-view",
      fields: { subject: { template: "Private ({organizer.name})" }, categories: { value: ["Private"] } },
    });
    expect(config.mappings).toEqual({
      "private-view": {
        preset: "busy",
        fields: { subject: { template: "Private ({organizer.name})" }, categories: { value: ["Private"] } },
      },
    });
  });

  it("resolve the mappings rules pick, in order", async () => {
    const config = await load(
      yaml(
        ...TWO_CONNECTIONS,
        ...PRIVATE_VIEW,
        "syncs:",
        "  s:",
        "    a: contoso",
        "    b: fabrikam",
        "    mapping: full-details",
        "    rules:",
        "      - name: no declined meetings",
        "        when: { response: [declined] }",
        "        then: skip",
        "      - name: private ones",
        "        when: { sensitivity: [private, confidential], duration: { maximumMinutes: 120 } }",
        "        then: { mapping: private-view }",
        "      - name: free time as busy",
        "        when: { showAs: [free], subject: { matches: '^focus' } }",
        "        then: { mapping: busy }",
      ),
      SECRETS,
    );
    expect(config.syncs[0]?.rules).toEqual([
      { name: "no declined meetings", when: { response: ["declined"] }, action: "skip" },
      {
        name: "private ones",
        when: { sensitivity: ["private", "confidential"], duration: { maximumMinutes: 120 } },
        action: { mapping: config.mappings["private-view"] },
      },
      {
        name: "free time as busy",
        when: { showAs: ["free"], subject: { matches: "^focus" } },
        action: { mapping: { preset: "busy" } },
      },
    ]);
  });

  it("report every problem of mappings, with its line and a hint", async () => {
    expect(
      await problems(
        yaml(
          ...TWO_CONNECTIONS,
          "mappings:",
          "  busy:",
          "    preset: bsy",
          "  private-view:",
          "    fieds: {}",
          "    fields:",
          "      subjct: copy",
          "      subject: { template: '{organizer.nam} {subject}' }",
          "      location: cpy",
          "      showAs: { value: away }",
          "      sensitivity: { template: '{sensitivity}' }",
          "      reminder: { value: -1 }",
          "      body: { value: text, template: text }",
          "syncs:",
          "  s:",
          "    a: contoso",
          "    b: fabrikam",
          "    mapping: { preset: busy, fields: { body: { template: 'See {body' } } }",
          "  t: { a: contoso, b: fabrikam, mapping: privte-view }",
          "  u: { a: contoso, b: fabrikam, mapping: 3 }",
        ),
        SECRETS,
      ),
    ).toEqual([
      `crosscal.yaml:12:3: mapping "busy": "busy" is a preset's name: give the custom mapping another`,
      'crosscal.yaml:13:13: mapping "busy": preset: must be one of: full-details, busy (did you mean "busy"?)',
      'crosscal.yaml:14:3: mapping "private-view": missing "preset" (the preset it starts from: full-details, busy)',
      'crosscal.yaml:15:5: mapping "private-view": unknown key "fieds" (did you mean "fields"?)',
      'crosscal.yaml:17:7: mapping "private-view": fields: unknown key "subjct" (did you mean "subject"?)',
      expect.stringMatching(
        /^crosscal\.yaml:18:28: mapping "private-view": fields\.subject\.template: \{organizer\.nam\} is not a known placeholder; use one of: \{subject\}, /,
      ),
      'crosscal.yaml:19:17: mapping "private-view": fields.location: "cpy" is not copy or omit (did you mean "copy"?); a fixed value is written { value: ... }',
      'crosscal.yaml:20:24: mapping "private-view": fields.showAs.value: must be one of: free, tentative, busy, oof, workingElsewhere, unknown',
      'crosscal.yaml:21:20: mapping "private-view": fields.sensitivity: templates fill text fields only (subject, body, location)',
      'crosscal.yaml:22:26: mapping "private-view": fields.reminder.value: must be a whole number of minutes before the start (0 or more)',
      'crosscal.yaml:23:13: mapping "private-view": fields.body: must be copy, omit, { value: ... }, { template: ... }',
      'crosscal.yaml:28:58: sync "s": mapping.fields.body.template: unmatched "{" (write {{ or }} for a literal brace)',
      'crosscal.yaml:29:42: sync "t": mapping: no preset or mapping named "privte-view" (did you mean "private-view"?)',
      'crosscal.yaml:30:42: sync "u": mapping: must be a preset (busy, full-details), a mapping\'s name, or { preset, fields }',
    ]);
  });

  it("report every problem of rules, naming the rule", async () => {
    expect(
      await problems(
        sync(
          "    rules:",
          "      - name: lunches",
          "        when: { subject: { matches: '(' }, sensitivty: [private] }",
          "        then: skp",
          "      - name: lunches",
          "        when: { showAs: [fre], duration: { minimumMinutes: 60, maximumMinutes: 30 } }",
          "        then: { mapping: privte-view }",
          "      - when: {}",
          "        then: { mapping: busy, fields: {} }",
          "      - name: no then",
          "        when: { isAllDay: yes }",
        ),
        SECRETS,
      ),
    ).toEqual([
      'crosscal.yaml:17:37: sync "s", rule "lunches": when.subject.matches: not a valid regular expression: Invalid regular expression: /(/iu: Unterminated group',
      'crosscal.yaml:17:44: sync "s", rule "lunches": when: unknown key "sensitivty" (did you mean "sensitivity"?)',
      'crosscal.yaml:18:15: sync "s", rule "lunches": then: must be skip or { mapping: NAME } (did you mean "skip"?)',
      'crosscal.yaml:19:15: sync "s", rule "lunches": name: the name is already used by rule #1',
      'crosscal.yaml:20:26: sync "s", rule "lunches": when.showAs.0: "fre" is not one of: free, tentative, busy, oof, workingElsewhere, unknown (did you mean "free"?)',
      'crosscal.yaml:20:42: sync "s", rule "lunches": when.duration: minimumMinutes is more than maximumMinutes',
      'crosscal.yaml:21:26: sync "s", rule "lunches": then.mapping: no preset or mapping named "privte-view" (presets: full-details, busy; mappings: none defined)',
      'crosscal.yaml:22:9: sync "s", rule #3: missing "name" (the rule\'s name, shown as the reason of what it skips)',
      'crosscal.yaml:23:32: sync "s", rule #3: then: unknown key "fields"; expected one of: mapping',
      'crosscal.yaml:24:9: sync "s", rule "no then": missing "then" (skip, or { mapping: NAME } with NAME a preset or a mapping named under mappings:)',
      'crosscal.yaml:25:27: sync "s", rule "no then": when.isAllDay: must be true or false',
    ]);
  });

  it("load as the commented example shows them, its rule uncommented", async () => {
    const example = await readFile("examples/crosscal.yaml", "utf8");
    const lines = example.split("\n");
    const start = lines.indexOf("    # rules:");
    expect(start).toBeGreaterThan(0);
    let end = start;
    while (lines[end + 1]?.startsWith("    #   ")) end++;
    for (let i = start; i <= end; i++) lines[i] = lines[i]!.replace("    # ", "    ");
    const certificate = await createTestCertificate();
    const config = await load(
      lines.join("\n"),
      { CONTOSO_CLIENT_SECRET: "s" },
      {
        "certs/fabrikam.crt": certificate.certPem,
        "certs/fabrikam.key": certificate.privateKeyPem,
      },
    );
    expect(config.syncs[0]?.rules).toEqual([
      {
        name: "private as busy",
        when: { sensitivity: ["private", "confidential"] },
        action: { mapping: { preset: "busy" } },
      },
    ]);
    expect(config.mappings["from-contoso"]).toEqual({
      preset: "full-details",
      fields: { subject: { template: "{subject} (Contoso)" }, categories: { value: ["Contoso"] } },
    });
  });
});
