import { expect, it } from "vitest";
import { StoreConflictError } from "../../src/store/errors.js";
import {
  deleteProfile,
  findProfileById,
  findProfileByMailboxes,
  insertProfile,
  listProfiles,
  setProfileBaseline,
  updateProfileDetails,
  updateProfileMailboxes,
  updateProfileStatus,
  updateProfileStatusFrom,
  updateStatusAfterRun,
} from "../../src/store/profiles.js";
import { findRunById, startRun } from "../../src/store/runs.js";
import type { ProfileStatus } from "../../src/store/schema.js";
import { at, someProfile, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

describeStores("profiles", ({ db }) => {
  const alice = {
    id: "p-alice",
    sync: "contoso-fabrikam",
    name: "Alice",
    mailboxA: "alice@contoso.example",
    mailboxB: "alice@fabrikam.example",
    startMode: "only_new" as const,
  };

  it("inserts a draft profile stamped with the given time and reads it back", async () => {
    const inserted = await insertProfile(db(), alice, T0);

    expect(inserted).toEqual({
      ...alice,
      status: "draft",
      statusReason: null,
      baselineTakenAt: null,
      createdAt: "2025-03-01T09:00:00.000Z",
      updatedAt: "2025-03-01T09:00:00.000Z",
      source: "manual",
      bindingId: null,
      mailboxCheck: "unverified",
      mailboxCheckReason: null,
      mailboxCheckedAt: null,
    });
    expect(await findProfileById(db(), "p-alice")).toEqual(inserted);
    expect(await findProfileById(db(), "p-nobody")).toBeUndefined();
  });

  it("generates an id when none is given", async () => {
    const profile = await insertProfile(db(), { ...alice, id: undefined }, T0);
    expect(profile.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await findProfileById(db(), profile.id)).toEqual(profile);
  });

  it("finds a profile by its sync and mailboxes", async () => {
    await insertProfile(db(), alice, T0);
    expect((await findProfileByMailboxes(db(), alice.sync, alice.mailboxA, alice.mailboxB))?.id).toBe(
      "p-alice",
    );
    expect(await findProfileByMailboxes(db(), "other-sync", alice.mailboxA, alice.mailboxB)).toBeUndefined();
  });

  it("refuses a second profile for the same mailboxes in the same sync", async () => {
    await insertProfile(db(), alice, T0);
    const duplicate = insertProfile(db(), { ...alice, id: "p-alice-2", name: "Alice again" }, T0);
    await expect(duplicate).rejects.toBeInstanceOf(StoreConflictError);
    await expect(duplicate).rejects.toThrow(/alice@contoso.example/);
    // The same mailboxes in another sync are a different profile.
    await insertProfile(db(), { ...alice, id: "p-alice-3", sync: "contoso-northwind" }, T0);
    expect(await listProfiles(db())).toHaveLength(2);
  });

  it("lists profiles by sync and status, ordered by sync then name", async () => {
    await insertProfile(db(), { ...alice, id: "1", name: "Zoe", mailboxA: "z@a", mailboxB: "z@b" }, T0);
    await insertProfile(
      db(),
      { ...alice, id: "2", name: "Bob", mailboxA: "b@a", mailboxB: "b@b", status: "active" },
      T0,
    );
    await insertProfile(
      db(),
      { ...alice, id: "3", sync: "another", name: "Ann", mailboxA: "a@a", mailboxB: "a@b" },
      T0,
    );

    expect((await listProfiles(db())).map((p) => p.id)).toEqual(["3", "2", "1"]);
    expect((await listProfiles(db(), { sync: "contoso-fabrikam" })).map((p) => p.id)).toEqual(["2", "1"]);
    expect((await listProfiles(db(), { status: "active" })).map((p) => p.id)).toEqual(["2"]);
    expect(await listProfiles(db(), { sync: "another", status: "active" })).toEqual([]);
  });

  it("updates the status with its reason and the given time", async () => {
    await insertProfile(db(), alice, T0);

    expect(
      await updateProfileStatus(db(), "p-alice", "needs_confirmation", "would delete 40 of 50 copies", at(5)),
    ).toBe(true);
    let profile = await findProfileById(db(), "p-alice");
    expect([profile?.status, profile?.statusReason, profile?.updatedAt]).toEqual([
      "needs_confirmation",
      "would delete 40 of 50 copies",
      "2025-03-01T09:05:00.000Z",
    ]);

    await updateProfileStatus(db(), "p-alice", "active", null, at(6));
    profile = await findProfileById(db(), "p-alice");
    expect([profile?.status, profile?.statusReason, profile?.createdAt]).toEqual([
      "active",
      null,
      "2025-03-01T09:00:00.000Z",
    ]);
    expect(await updateProfileStatus(db(), "p-nobody", "active", null, at(6))).toBe(false);
  });

  it("writes a run's verdict on the status unless the profile was paused or is a draft", async () => {
    await insertProfile(db(), { ...alice, status: "error" }, T0);
    expect(await updateStatusAfterRun(db(), "p-alice", "active", null, at(1))).toBe(true);
    expect((await findProfileById(db(), "p-alice"))?.status).toBe("active");

    await updateProfileStatus(db(), "p-alice", "paused", "paused by admin:alice", at(2));
    expect(await updateStatusAfterRun(db(), "p-alice", "error", "Graph is down", at(3))).toBe(false);
    expect(await updateStatusAfterRun(db(), "p-alice", "active", null, at(3))).toBe(false);
    const paused = await findProfileById(db(), "p-alice");
    expect([paused?.status, paused?.statusReason, paused?.updatedAt]).toEqual([
      "paused",
      "paused by admin:alice",
      "2025-03-01T09:02:00.000Z",
    ]);
    await updateProfileStatus(db(), "p-alice", "draft", null, at(4));
    expect(await updateStatusAfterRun(db(), "p-alice", "needs_confirmation", "40 of 50", at(5))).toBe(false);
    expect((await findProfileById(db(), "p-alice"))?.status).toBe("draft");
  });

  it("sets a status only from the statuses an action read (two actions racing cannot both win)", async () => {
    await insertProfile(db(), alice, T0);
    expect(await updateProfileStatusFrom(db(), "p-alice", ["draft"], "active", null, at(1))).toBe(true);
    // A second start read "draft" too, before the first one wrote: it must not pass.
    expect(await updateProfileStatusFrom(db(), "p-alice", ["draft"], "active", "again", at(2))).toBe(false);
    expect(await findProfileById(db(), "p-alice")).toMatchObject({ status: "active", statusReason: null });
    expect(
      await updateProfileStatusFrom(db(), "p-alice", ["active", "error"], "paused", "by hand", at(3)),
    ).toBe(true);
  });

  it("changes the mailboxes of a draft only", async () => {
    await insertProfile(db(), alice, T0);
    const moved = { mailboxA: "alice2@contoso.example", mailboxB: "alice2@fabrikam.example" };
    const verified = { check: "verified" as const, reason: null };
    expect(await updateProfileMailboxes(db(), "p-alice", moved, verified, at(1))).toBe(true);
    expect(await findProfileById(db(), "p-alice")).toMatchObject({ ...moved, mailboxCheck: "verified" });

    // Started while its new mailboxes were being verified: the copies and cursors belong to the old ones.
    await updateProfileStatus(db(), "p-alice", "active", null, at(2));
    const again = { mailboxA: "alice3@contoso.example", mailboxB: "alice3@fabrikam.example" };
    expect(await updateProfileMailboxes(db(), "p-alice", again, verified, at(3))).toBe(false);
    expect(await findProfileById(db(), "p-alice")).toMatchObject(moved);
  });

  it("rejects a status outside the closed set", async () => {
    await insertProfile(db(), alice, T0);
    // A writer that bypasses the types still cannot store it: the database checks the set too.
    const running = "running" as ProfileStatus;
    await expect(updateProfileStatus(db(), "p-alice", running, null, at(1))).rejects.toThrow();
  });

  it("updates name and start mode, leaving what was not given", async () => {
    await insertProfile(db(), alice, T0);
    expect(await updateProfileDetails(db(), "p-alice", { name: "Alice Liddell" }, at(1))).toBe(true);
    expect(await updateProfileDetails(db(), "p-alice", { startMode: "merge" }, at(2))).toBe(true);
    const profile = await findProfileById(db(), "p-alice");
    expect([profile?.name, profile?.startMode, profile?.updatedAt]).toEqual([
      "Alice Liddell",
      "merge",
      "2025-03-01T09:02:00.000Z",
    ]);
    expect(await updateProfileDetails(db(), "p-nobody", { name: "x" }, at(2))).toBe(false);
  });

  it("records and clears the baseline time", async () => {
    await insertProfile(db(), alice, T0);
    expect(await setProfileBaseline(db(), "p-alice", "2025-03-01T10:00:00+01:00", at(1))).toBe(true);
    expect((await findProfileById(db(), "p-alice"))?.baselineTakenAt).toBe("2025-03-01T09:00:00.000Z");
    await setProfileBaseline(db(), "p-alice", null, at(2));
    expect((await findProfileById(db(), "p-alice"))?.baselineTakenAt).toBeNull();
  });

  it("deletes a profile together with its history", async () => {
    const profile = await someProfile(db());
    const run = await startRun(db(), { profileId: profile.id, trigger: "manual" }, T0);

    expect(await deleteProfile(db(), profile.id)).toBe(true);

    expect(await findProfileById(db(), profile.id)).toBeUndefined();
    expect(await findRunById(db(), run.id)).toBeUndefined();
    expect(await deleteProfile(db(), profile.id)).toBe(false);
  });
});
