import { randomBytes } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { ApplyError, type ApplyReport, applyConfig } from "../../src/config/apply.js";
import { parseConfig } from "../../src/config/load.js";
import { settingsOfConfigSync } from "../../src/config/sync-document.js";
import { credentialContext } from "../../src/connections/stored-connection.js";
import { profileIdOf } from "../../src/profiles/profile-id.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { updateConnection } from "../../src/store/connections.js";
import type { Store } from "../../src/store/database.js";
import { insertProfile } from "../../src/store/profiles.js";
import { updateSync } from "../../src/store/syncs.js";
import { describeStores } from "../store/targets.js";
import { CLIENT_ID, SECRETS, TWO_CONNECTIONS, yaml } from "./fixture.js";

const BOX = new SecretBox(randomBytes(32));
const NOW = new Date("2025-03-01T09:00:00.000Z");
const LATER = new Date("2025-03-02T09:00:00.000Z");

const ADELE = "      - { name: Adele Vance, a: adele@contoso.test, b: adele@fabrikam.test }";
const MEGAN = "      - { name: Megan Bowen, a: megan@contoso.test, b: megan@fabrikam.test }";

function configText(options: { profiles?: string[]; syncLines?: string[]; more?: string[] } = {}) {
  return yaml(
    ...TWO_CONNECTIONS,
    ...(options.more ?? []),
    "syncs:",
    "  contoso-fabrikam:",
    "    a: contoso",
    "    b: fabrikam",
    "    mapping: full-details",
    "    startMode: merge",
    ...(options.syncLines ?? []),
    "    profiles:",
    ...(options.profiles ?? [ADELE, MEGAN]),
  );
}

const parse = (text: string, env: Record<string, string> = SECRETS) =>
  parseConfig(text, { file: "/tmp/crosscal.yaml", env });

/** Every row apply may write, to prove a second apply touches none. */
async function snapshot(db: Store) {
  return {
    connections: await db.selectFrom("connections").selectAll().orderBy("name").execute(),
    syncs: await db.selectFrom("syncs").selectAll().orderBy("name").execute(),
    profiles: await db.selectFrom("profiles").selectAll().orderBy("name").execute(),
    audit: await db.selectFrom("auditLog").selectAll().orderBy("id").execute(),
  };
}

const outcomes = (report: ApplyReport) => ({
  connections: report.connections.map((c) => `${c.name}:${c.outcome}`),
  syncs: report.syncs.map((s) => `${s.name}:${s.outcome}`),
  profiles: report.profiles.map((p) => `${p.name}:${p.outcome}`),
});

describeStores("applying a config file", ({ db }) => {
  beforeEach(async () => {
    await db().deleteFrom("syncs").execute();
    await db().deleteFrom("connections").execute();
    await db().deleteFrom("auditLog").execute();
  });

  it("creates connections with sealed secrets, syncs with the file's settings, and draft profiles", async () => {
    const config = await parse(configText());
    const report = await applyConfig(db(), BOX, config, NOW, { actor: "admin" });
    expect(outcomes(report)).toEqual({
      connections: ["contoso:created", "fabrikam:created"],
      syncs: ["contoso-fabrikam:created"],
      profiles: ["Adele Vance:created", "Megan Bowen:created"],
    });
    const { connections, syncs, profiles, audit } = await snapshot(db());
    const contoso = connections[0]!;
    expect(contoso).toMatchObject({
      tenant: "contoso.onmicrosoft.com",
      clientId: CLIENT_ID,
      cloud: "global",
    });
    expect(contoso.sealedCredential).not.toContain(SECRETS.CONTOSO_SECRET);
    expect(BOX.open(contoso.sealedCredential, credentialContext(contoso.id))).toBe(SECRETS.CONTOSO_SECRET);
    expect(syncs[0]).toMatchObject({
      connectionA: contoso.id,
      connectionB: connections[1]!.id,
      startMode: "merge",
    });
    expect(JSON.parse(syncs[0]!.settings)).toEqual(settingsOfConfigSync(config.syncs[0]!));
    expect(profiles.map((p) => [p.name, p.sync, p.status, p.source, p.startMode])).toEqual([
      ["Adele Vance", syncs[0]!.id, "draft", "config", "merge"],
      ["Megan Bowen", syncs[0]!.id, "draft", "config", "merge"],
    ]);
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([["config_applied", "admin"]]);
  });

  it("changes nothing when the same file is applied again", async () => {
    const config = await parse(configText());
    await applyConfig(db(), BOX, config, NOW);
    const before = await snapshot(db());
    const again = await applyConfig(db(), BOX, await parse(configText()), LATER);
    expect(outcomes(again)).toEqual({
      connections: ["contoso:unchanged", "fabrikam:unchanged"],
      syncs: ["contoso-fabrikam:unchanged"],
      profiles: ["Adele Vance:unchanged", "Megan Bowen:unchanged"],
    });
    expect(await snapshot(db())).toEqual(before);
  });

  it("updates what changed, and lists what the file no longer has without touching it", async () => {
    await applyConfig(db(), BOX, await parse(configText()), NOW);
    const syncId = (await db().selectFrom("syncs").select("id").executeTakeFirstOrThrow()).id;
    await insertProfile(
      db(),
      {
        sync: syncId,
        name: "Lee",
        mailboxA: "lee@contoso.test",
        mailboxB: "lee@fabrikam.test",
        startMode: "merge",
      },
      NOW,
    );
    const renamed = "      - { name: Adele V., a: ADELE@contoso.test, b: adele@fabrikam.test }";
    const changed = configText({ profiles: [renamed], syncLines: ["    direction: a-to-b"] });
    const report = await applyConfig(
      db(),
      BOX,
      await parse(changed, { ...SECRETS, CONTOSO_SECRET: "rotated" }),
      LATER,
    );
    expect(outcomes(report)).toEqual({
      connections: ["contoso:updated", "fabrikam:unchanged"],
      syncs: ["contoso-fabrikam:updated"],
      profiles: ["Adele V.:updated"],
    });
    expect(report.connections[0]!.changed).toEqual(["credential"]);
    expect(report.syncs[0]!.changed).toEqual(["settings"]);
    expect(report.notInFile.profiles.map((p) => p.name).sort()).toEqual(["Lee", "Megan Bowen"]);
    const { connections, profiles } = await snapshot(db());
    expect(BOX.open(connections[0]!.sealedCredential, credentialContext(connections[0]!.id))).toBe("rotated");
    expect(profiles.map((p) => p.name)).toEqual(["Adele V.", "Lee", "Megan Bowen"]);
  });

  it("reports without writing on a dry run", async () => {
    const report = await applyConfig(db(), BOX, await parse(configText()), NOW, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(outcomes(report).profiles).toEqual(["Adele Vance:created", "Megan Bowen:created"]);
    expect(await snapshot(db())).toEqual({ connections: [], syncs: [], profiles: [], audit: [] });
  });

  it("refuses to move a sync with profiles to another connection, and writes nothing", async () => {
    await applyConfig(db(), BOX, await parse(configText()), NOW);
    const before = await snapshot(db());
    const northwind = [
      "  northwind:",
      "    tenant: northwind.onmicrosoft.com",
      `    clientId: ${CLIENT_ID}`,
      "    clientSecret: { env: CONTOSO_SECRET }",
    ];
    const moved = configText({ more: northwind }).replace("    b: fabrikam", "    b: northwind");
    await expect(applyConfig(db(), BOX, await parse(moved), LATER)).rejects.toThrow(ApplyError);
    await expect(applyConfig(db(), BOX, await parse(moved), LATER)).rejects.toThrow(
      /sync "contoso-fabrikam": its connections cannot change while it has 2 profile\(s\)/,
    );
    expect(await snapshot(db())).toEqual(before);
  });

  it("stops when a stored secret cannot be opened with the key it is given", async () => {
    await applyConfig(db(), BOX, await parse(configText()), NOW);
    const before = await snapshot(db());
    const otherKey = new SecretBox(randomBytes(32));
    await expect(applyConfig(db(), otherKey, await parse(configText()), LATER)).rejects.toThrow(
      /connection "contoso": the stored secret cannot be opened/,
    );
    expect(await snapshot(db())).toEqual(before);
  });

  it("refuses to revert what was changed through the API since the file was applied, naming it", async () => {
    await applyConfig(db(), BOX, await parse(configText()), NOW);
    const [sync] = await db().selectFrom("syncs").selectAll().execute();
    const [contoso] = await db()
      .selectFrom("connections")
      .selectAll()
      .where("name", "=", "contoso")
      .execute();
    // What the API does: new settings for the sync, a new secret for a connection.
    const settings = { ...JSON.parse(sync!.settings), mapping: "busy" };
    await updateSync(db(), sync!.id, { settings: JSON.stringify(settings) }, LATER);
    const sealed = BOX.seal("rotated-in-the-dashboard", credentialContext(contoso!.id));
    await updateConnection(db(), contoso!.id, { sealedCredential: sealed }, LATER, { resetStatus: true });
    const before = await snapshot(db());

    const file = await parse(configText());
    const drift = [
      { kind: "connection", name: "contoso", fields: ["credential"] },
      { kind: "sync", name: "contoso-fabrikam", fields: ["settings"] },
    ];
    const dry = await applyConfig(db(), BOX, file, LATER, { dryRun: true });
    expect(dry.drift).toEqual(drift);
    await expect(applyConfig(db(), BOX, file, LATER)).rejects.toThrow(
      /the file would undo changes made in the service since it was last applied: connection "contoso" \(credential\); sync "contoso-fabrikam" \(settings\)\. Apply with --overwrite/,
    );
    expect(await snapshot(db())).toEqual(before);

    const overwritten = await applyConfig(db(), BOX, file, LATER, { overwrite: true, actor: "cli" });
    expect(overwritten.drift).toEqual(drift);
    const [entry] = await db()
      .selectFrom("auditLog")
      .select("detail")
      .orderBy("id", "desc")
      .limit(1)
      .execute();
    expect(JSON.parse(entry!.detail!).overwrote).toEqual(drift);
    // The file's version is the applied one now: the same file again is all unchanged, with no drift.
    const again = await applyConfig(db(), BOX, file, LATER);
    expect([again.drift, outcomes(again).syncs]).toEqual([[], ["contoso-fabrikam:unchanged"]]);
  });

  it("applies the file's own edits without calling them drift, and takes an API edit it agrees with", async () => {
    await applyConfig(db(), BOX, await parse(configText()), NOW);
    const edited = await applyConfig(
      db(),
      BOX,
      await parse(configText({ syncLines: ["    direction: a-to-b"] })),
      LATER,
    );
    expect([edited.drift, edited.syncs[0]?.changed]).toEqual([[], ["settings"]]);
    // The API makes the same change the file then makes: nothing to revert, nothing reported.
    const [sync] = await db().selectFrom("syncs").selectAll().execute();
    const settings = { ...JSON.parse(sync!.settings), pastDays: 60 };
    await updateSync(db(), sync!.id, { settings: JSON.stringify(settings) }, LATER);
    const same = await applyConfig(
      db(),
      BOX,
      await parse(configText({ syncLines: ["    direction: a-to-b", "    window: { pastDays: 60 }"] })),
      LATER,
    );
    expect([same.drift, outcomes(same).syncs]).toEqual([[], ["contoso-fabrikam:unchanged"]]);
  });

  it("adopts profiles the command line stored under the sync's name, keeping their ids", async () => {
    const legacyId = profileIdOf("contoso-fabrikam", "adele@contoso.test", "adele@fabrikam.test");
    await insertProfile(
      db(),
      {
        id: legacyId,
        sync: "contoso-fabrikam",
        name: "Adele Vance",
        mailboxA: "adele@contoso.test",
        mailboxB: "adele@fabrikam.test",
        startMode: "merge",
        status: "active",
      },
      NOW,
    );
    const report = await applyConfig(db(), BOX, await parse(configText()), LATER);
    const [sync] = await db().selectFrom("syncs").select("id").execute();
    expect(report.profiles.map((p) => [p.name, p.id, p.outcome])).toEqual([
      ["Adele Vance", legacyId, "unchanged"],
      [
        "Megan Bowen",
        profileIdOf("contoso-fabrikam", "megan@contoso.test", "megan@fabrikam.test"),
        "created",
      ],
    ]);
    const rows = await db().selectFrom("profiles").select(["id", "sync", "status"]).orderBy("name").execute();
    expect(rows).toEqual([
      { id: legacyId, sync: sync!.id, status: "active" },
      { id: report.profiles[1]!.id, sync: sync!.id, status: "draft" },
    ]);
  });
});
