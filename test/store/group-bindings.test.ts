import { beforeEach, expect, it } from "vitest";
import { insertConnection } from "../../src/store/connections.js";
import { StoreConflictError } from "../../src/store/errors.js";
import {
  deleteGroupBinding,
  findGroupBinding,
  insertGroupBinding,
  listAllGroupBindings,
  listGroupBindings,
  type NewGroupBinding,
  profilesOfBinding,
  recordGroupRefresh,
  releaseBindingProfiles,
  updateGroupBinding,
} from "../../src/store/group-bindings.js";
import { findProfileById } from "../../src/store/profiles.js";
import { insertSync } from "../../src/store/syncs.js";
import { at, newConnection, someProfile, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

const binding = (overrides: Partial<NewGroupBinding> = {}): NewGroupBinding => ({
  id: "gb-1",
  syncId: "sync-1",
  groupA: "group-a",
  groupB: "group-b",
  matchBy: "local-part",
  matchAttribute: null,
  refreshMinutes: 60,
  autoStart: null,
  ...overrides,
});

describeStores("group bindings", ({ db }) => {
  beforeEach(async () => {
    await db().deleteFrom("groupBindings").execute();
    await db().deleteFrom("syncs").execute();
    await db().deleteFrom("connections").execute();
    await insertConnection(db(), newConnection("c-a", "contoso"), T0);
    await insertConnection(db(), newConnection("c-b", "fabrikam"), T0);
    for (const id of ["sync-1", "sync-2"])
      await insertSync(
        db(),
        { id, name: id, connectionA: "c-a", connectionB: "c-b", startMode: "merge", settings: "{}" },
        T0,
      );
  });

  it("stores a binding and reads it back, alone, per sync and overall", async () => {
    const row = await insertGroupBinding(db(), binding({ autoStart: "only_new" }), T0);
    await insertGroupBinding(db(), binding({ id: "gb-2", syncId: "sync-2" }), at(1));

    expect(await findGroupBinding(db(), "gb-1")).toEqual(row);
    expect(row).toMatchObject({ lastRefreshedAt: null, lastReport: null, createdAt: T0.toISOString() });
    expect((await listGroupBindings(db(), "sync-1")).map((b) => b.id)).toEqual(["gb-1"]);
    expect((await listAllGroupBindings(db())).map((b) => b.id)).toEqual(["gb-1", "gb-2"]);
    expect(await findGroupBinding(db(), "nope")).toBeUndefined();
  });

  it("refuses the same two groups twice in one sync", async () => {
    await insertGroupBinding(db(), binding(), T0);
    await expect(insertGroupBinding(db(), binding({ id: "gb-2" }), T0)).rejects.toBeInstanceOf(
      StoreConflictError,
    );
  });

  it("updates settings, records a refresh, and deletes", async () => {
    await insertGroupBinding(db(), binding(), T0);
    const updated = await updateGroupBinding(
      db(),
      "gb-1",
      { matchBy: "attribute", matchAttribute: "employeeId", refreshMinutes: 15 },
      at(5),
    );
    expect(updated).toMatchObject({ matchBy: "attribute", matchAttribute: "employeeId", refreshMinutes: 15 });
    expect(updated?.updatedAt).toBe(at(5).toISOString());
    expect(await updateGroupBinding(db(), "nope", { refreshMinutes: 5 }, at(5))).toBeUndefined();

    expect(await recordGroupRefresh(db(), "gb-1", '{"matched":1}', at(6))).toBe(true);
    expect(await findGroupBinding(db(), "gb-1")).toMatchObject({
      lastRefreshedAt: at(6).toISOString(),
      lastReport: '{"matched":1}',
    });

    expect(await deleteGroupBinding(db(), "gb-1")).toBe(true);
    expect(await deleteGroupBinding(db(), "gb-1")).toBe(false);
    expect(await recordGroupRefresh(db(), "gb-1", "{}", at(7))).toBe(false);
  });

  it("lists a binding's profiles and releases them, leaving the others alone", async () => {
    await insertGroupBinding(db(), binding(), T0);
    const kept = await someProfile(db(), { source: "group", bindingId: "gb-1", name: "B" });
    const kept2 = await someProfile(db(), { source: "group", bindingId: "gb-1", name: "A" });
    const other = await someProfile(db(), { bindingId: "gb-9" });

    expect((await profilesOfBinding(db(), "gb-1")).map((p) => p.id)).toEqual([kept2.id, kept.id]);
    expect(await releaseBindingProfiles(db(), "gb-1", at(3))).toBe(2);
    expect(await profilesOfBinding(db(), "gb-1")).toEqual([]);
    expect(await findProfileById(db(), kept.id)).toMatchObject({ bindingId: null, source: "group" });
    expect(await findProfileById(db(), other.id)).toMatchObject({ bindingId: "gb-9" });
  });
});
