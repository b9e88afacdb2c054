import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { profileIdOf } from "../../src/profiles/profile-id.js";
import { reconcileProfiles } from "../../src/profiles/reconcile-profiles.js";
import { migrate, openDatabase, type Store } from "../../src/store/database.js";
import { findProfileById, listProfiles, updateProfileStatus } from "../../src/store/profiles.js";

const NOW = new Date("2025-03-01T09:00:00.000Z");

function config(profiles: string[], startMode = "only-new") {
  const yaml = [
    "version: 1",
    "connections:",
    ...["contoso", "fabrikam"].flatMap((name) => [
      `  ${name}:`,
      `    tenant: ${name}.onmicrosoft.com`,
      "    clientId: 11111111-2222-3333-4444-555555555555",
      "    clientSecret: { env: SECRET }",
    ]),
    "syncs:",
    "  contoso-fabrikam:",
    "    a: contoso",
    "    b: fabrikam",
    `    startMode: ${startMode}`,
    "    profiles:",
    ...profiles.map((line) => `      - ${line}`),
  ].join("\n");
  return parseConfig(yaml, { file: "/tmp/crosscal.yaml", env: { SECRET: "s3cret" } });
}

const ADELE = "{ name: Adele Vance, a: adele@contoso.com, b: adele@fabrikam.com }";
const MEGAN = "{ name: Megan Bowen, a: megan@contoso.com, b: megan@fabrikam.com }";

describe("reconciling the config's profiles into the store", () => {
  let db: Store;
  beforeEach(async () => {
    db = openDatabase(":memory:");
    await migrate(db);
  });
  afterEach(() => db.destroy());

  it("starts new profiles with their sync's start mode, under their deterministic id", async () => {
    const result = await reconcileProfiles(db, await config([ADELE, MEGAN], "merge"), NOW);
    expect(result.added.map((p) => p.name)).toEqual(["Adele Vance", "Megan Bowen"]);
    const adele = await findProfileById(
      db,
      profileIdOf("contoso-fabrikam", "adele@contoso.com", "adele@fabrikam.com"),
    );
    expect(adele).toMatchObject({
      name: "Adele Vance",
      status: "active",
      startMode: "merge",
      baselineTakenAt: null,
    });
    const again = await reconcileProfiles(db, await config([ADELE, MEGAN], "merge"), NOW);
    expect(again).toMatchObject({ added: [], updated: [], notInConfig: [] });
    expect(again.profiles.map((p) => p.stored.id)).toEqual(result.added.map((p) => p.id));
  });

  it("renames, keeps the status of existing profiles, and leaves removed ones alone", async () => {
    await reconcileProfiles(db, await config([ADELE, MEGAN]), NOW);
    const megan = (await listProfiles(db)).find((p) => p.name === "Megan Bowen")!;
    await updateProfileStatus(db, megan.id, "paused", "cleaned up", NOW);
    const renamed = "{ name: Adele Vance-Smith, a: adele@contoso.com, b: adele@fabrikam.com }";
    const result = await reconcileProfiles(db, await config([renamed]), NOW);
    expect(result.updated.map((p) => p.name)).toEqual(["Adele Vance-Smith"]);
    expect(result.notInConfig).toMatchObject([{ name: "Megan Bowen", status: "paused" }]);
    expect((await listProfiles(db)).map((p) => [p.name, p.status])).toEqual([
      ["Adele Vance-Smith", "active"],
      ["Megan Bowen", "paused"],
    ]);
  });
});
