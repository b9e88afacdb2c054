import { describe, expect, it } from "vitest";
import { planPolicy, type SyncSettings, settingsFingerprint } from "../../src/engine/settings.js";
import { load, SECRETS, TWO_CONNECTIONS, yaml } from "../config/fixture.js";
import { sampleEvent } from "../core/sample-event.js";

const BASE: SyncSettings = {
  direction: "two-way",
  mapping: "full-details",
  pastDays: 30,
  copyReminders: false,
  massDeletionShare: 0.5,
  massDeletionMinimum: 10,
  emptySideGuard: true,
};

const RUN = { takeBaseline: false, merging: false };

describe("the plan policy of a sync", () => {
  it("is the preset, and lets everything pass, when the sync has no fields or rules", () => {
    const policy = planPolicy({ ...BASE, mapping: "busy" }, RUN);
    expect(policy.mapping(sampleEvent(), policy.mappingOptions).subject).toBe("Busy");
    expect(policy.rules(sampleEvent())).toEqual({ pass: true });
  });

  it("carries the custom mapping and rules of a loaded config file", async () => {
    const config = await load(
      yaml(
        ...TWO_CONNECTIONS,
        "mappings:",
        "  private-view:",
        "    preset: busy",
        "    fields: { subject: { template: 'Private ({organizer.name})' } }",
        "syncs:",
        "  s:",
        "    a: contoso",
        "    b: fabrikam",
        "    mapping: { preset: full-details, fields: { subject: { template: '[Contoso] {subject}' } } }",
        "    rules:",
        "      - { name: declined, when: { response: [declined] }, then: skip }",
        "      - { name: private, when: { sensitivity: [private] }, then: { mapping: private-view } }",
      ),
      SECRETS,
    );
    const sync = config.syncs[0]!;
    const policy = planPolicy(
      { ...BASE, mapping: sync.mapping, fields: sync.fields, rules: sync.rules },
      RUN,
    );
    const options = policy.mappingOptions;

    expect(policy.mapping(sampleEvent(), options).subject).toBe("[Contoso] Quarterly review");
    expect(policy.rules(sampleEvent({ response: "declined" }))).toMatchObject({
      pass: false,
      reason: "declined",
    });
    const verdict = policy.rules(sampleEvent({ sensitivity: "private" }));
    expect(verdict.pass && verdict.mapping?.(sampleEvent(), options)).toMatchObject({
      subject: "Private (Adele Vance)",
      location: "",
    });
    expect(policy.rules(sampleEvent())).toEqual({ pass: true });
  });

  it("follows settings changed in place, and refuses settings that were never validated", () => {
    const settings: SyncSettings = { ...BASE };
    expect(planPolicy(settings, RUN).mapping(sampleEvent(), { reminders: false }).subject).toBe(
      "Quarterly review",
    );
    settings.fields = { subject: { value: "Blocked" } };
    expect(planPolicy(settings, RUN).mapping(sampleEvent(), { reminders: false }).subject).toBe("Blocked");
    expect(() => planPolicy({ ...BASE, fields: { subject: { template: "{nope}" } } }, RUN)).toThrow(
      /^mapping is invalid: fields\.subject\.template: \{nope\} is not a known placeholder/,
    );
  });
});

describe("the fingerprint of a sync's settings", () => {
  it("is the same for equal settings, and follows a part replaced in place", () => {
    const settings: SyncSettings = { ...BASE };
    const first = settingsFingerprint(settings);
    expect(settingsFingerprint(settings)).toBe(first);
    expect(settingsFingerprint({ ...BASE })).toBe(first);

    settings.fields = { subject: { value: "Blocked" } };
    const edited = settingsFingerprint(settings);
    expect(edited).not.toBe(first);
    expect(edited).toBe(settingsFingerprint({ ...BASE, fields: { subject: { value: "Blocked" } } }));
    // What copies look like does not depend on the guards: they leave the fingerprint alone.
    settings.massDeletionShare = 0.9;
    expect(settingsFingerprint(settings)).toBe(edited);
  });
});
