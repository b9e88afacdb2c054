import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { StoredClients } from "../../src/connections/stored-clients.js";
import type { Side } from "../../src/core/event.js";
import { StoredProfileActions } from "../../src/jobs/profile-actions.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { insertConnection } from "../../src/store/connections.js";
import { findProfileById, insertProfile, updateProfileStatus } from "../../src/store/profiles.js";
import type { ProfileStatus } from "../../src/store/schema.js";
import { insertSync } from "../../src/store/syncs.js";
import { TEST_SYNC_SETTINGS } from "../helpers/service-tenants.js";
import { newConnection } from "../store/fixtures.js";
import { describeStores } from "../store/targets.js";

/**
 * The actions' rules on statuses, without Graph: profiles whose mailboxes are verified, so start needs no
 * look-up. Runs and subscription upkeep are recorded instead of done (test/jobs/service.test.ts and
 * test/server/flow.test.ts do them for real against the emulator).
 */
describeStores("profile actions", ({ db }) => {
  let syncId: string;
  const box = new SecretBox(randomBytes(32));
  const requested: Array<{ ids: readonly string[]; trigger: string; confirmed: boolean }> = [];
  let upkeeps = 0;
  const actions = (verify?: ConstructorParameters<typeof StoredProfileActions>[0]["verify"]) =>
    new StoredProfileActions({
      db: db(),
      clients: new StoredClients(db(), box),
      runs: {
        requestRuns: async (ids, trigger, _sides?: Side[], options = {}) => {
          requested.push({ ids, trigger, confirmed: options.confirmed ?? false });
        },
      },
      keepSubscriptions: async () => {
        upkeeps++;
      },
      ...(verify && { verify }),
      now: () => new Date(),
    });

  beforeAll(async () => {
    const connection = async (name: string) =>
      (await insertConnection(db(), newConnection(randomUUID(), `${name}-${randomUUID()}`), new Date())).id;
    const sync = await insertSync(
      db(),
      {
        id: randomUUID(),
        name: `sync-${randomUUID()}`,
        connectionA: await connection("contoso"),
        connectionB: await connection("fabrikam"),
        startMode: "only_new",
        settings: JSON.stringify(TEST_SYNC_SETTINGS),
      },
      new Date(),
    );
    syncId = sync.id;
  });
  beforeEach(() => {
    requested.length = 0;
    upkeeps = 0;
  });

  async function profile(name: string, status: ProfileStatus, verified = true) {
    const row = await insertProfile(
      db(),
      {
        sync: syncId,
        name,
        mailboxA: `${name}@contoso.test`,
        mailboxB: `${name}@fabrikam.test`,
        startMode: "only_new",
      },
      new Date(),
    );
    if (status !== "draft") await updateProfileStatus(db(), row.id, status, null, new Date());
    if (verified)
      await db().updateTable("profiles").set({ mailboxCheck: "verified" }).where("id", "=", row.id).execute();
    return row.id;
  }

  it("starts drafts with the mode asked, refuses other statuses per profile, then upkeep and runs once", async () => {
    const draft = await profile("adele", "draft");
    const active = await profile("megan", "active");

    const results = await actions().apply("start", [draft, active, "nobody"], {
      actor: "test",
      mode: "merge",
    });

    expect(results).toEqual([
      { id: draft, ok: true, status: "active" },
      expect.objectContaining({
        id: active,
        ok: false,
        status: "active",
        error: expect.objectContaining({ code: "wrong_status" }),
      }),
      expect.objectContaining({
        id: "nobody",
        ok: false,
        error: expect.objectContaining({ code: "not_found" }),
      }),
    ]);
    expect((await findProfileById(db(), draft))?.startMode).toBe("merge");
    expect(upkeeps).toBe(1);
    expect(requested).toEqual([{ ids: [draft], trigger: "start", confirmed: false }]);
  });

  it("resume confirms what the guards stopped; resync never does (refused while confirmation is needed)", async () => {
    const stopped = await profile("adele", "needs_confirmation");

    const [resync] = await actions().apply("resync", [stopped], { actor: "test" });
    expect(resync).toMatchObject({
      ok: false,
      status: "needs_confirmation",
      error: { code: "wrong_status" },
    });
    expect(requested).toEqual([]);

    const [resume] = await actions().apply("resume", [stopped], { actor: "test" });
    expect(resume).toMatchObject({ ok: true, status: "active" });
    expect(requested).toEqual([{ ids: [stopped], trigger: "resume", confirmed: true }]);
  });

  it("an unexpected failure of one profile is its result; the others still get upkeep and runs", async () => {
    const broken = await profile("adele", "draft", false);
    const fine = await profile("megan", "draft", false);
    const verify = async (row: Awaited<ReturnType<typeof findProfileById>> & object) => {
      if (row.id === broken) throw new Error("the directory answered 500");
      await db().updateTable("profiles").set({ mailboxCheck: "verified" }).where("id", "=", row.id).execute();
      return { ...row, mailboxCheck: "verified" as const };
    };

    const results = await actions(verify).apply("start", [broken, fine], { actor: "test" });

    expect(results[0]).toMatchObject({
      id: broken,
      ok: false,
      status: "draft",
      error: { code: "internal_error", message: "the directory answered 500" },
    });
    expect(results[1]).toMatchObject({ id: fine, ok: true, status: "active" });
    expect(upkeeps).toBe(1);
    expect(requested).toEqual([{ ids: [fine], trigger: "start", confirmed: false }]);
  });
});
