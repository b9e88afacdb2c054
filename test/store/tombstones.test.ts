import { expect, it } from "vitest";
import {
  deleteTombstone,
  deleteTombstonesOfProfile,
  findTombstone,
  listTombstones,
  recordTombstone,
} from "../../src/store/tombstones.js";
import { at, someProfile, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

describeStores("tombstones", ({ db }) => {
  it("records a tombstone and finds it", async () => {
    const profile = await someProfile(db());

    const written = await recordTombstone(
      db(),
      { profileId: profile.id, sourceSide: "A", sourceId: "a-1", reason: "copy-deleted", icalUid: "uid-1" },
      T0,
    );

    expect(written).toBe(true);
    expect(await findTombstone(db(), profile.id, "A", "a-1")).toEqual({
      profileId: profile.id,
      sourceSide: "A",
      sourceId: "a-1",
      reason: "copy-deleted",
      icalUid: "uid-1",
      createdAt: "2025-03-01T09:00:00.000Z",
    });
    expect(await findTombstone(db(), profile.id, "B", "a-1")).toBeUndefined();
  });

  it("keeps the first tombstone when the same original is recorded again", async () => {
    const profile = await someProfile(db());
    await recordTombstone(
      db(),
      { profileId: profile.id, sourceSide: "A", sourceId: "a-1", reason: "baseline" },
      T0,
    );

    const written = await recordTombstone(
      db(),
      { profileId: profile.id, sourceSide: "A", sourceId: "a-1", reason: "copy-deleted" },
      at(5),
    );

    expect(written).toBe(false);
    expect(await findTombstone(db(), profile.id, "A", "a-1")).toMatchObject({
      reason: "baseline",
      icalUid: null,
      createdAt: "2025-03-01T09:00:00.000Z",
    });
  });

  it("lists a profile's tombstones and lifts them one by one or by reason", async () => {
    const profile = await someProfile(db());
    const other = await someProfile(db());
    const record = (profileId: string, sourceSide: "A" | "B", sourceId: string, reason: string) =>
      recordTombstone(db(), { profileId, sourceSide, sourceId, reason }, T0);
    await record(profile.id, "B", "b-1", "baseline");
    await record(profile.id, "A", "a-2", "baseline");
    await record(profile.id, "A", "a-1", "copy-deleted");
    await record(other.id, "A", "a-1", "baseline");

    expect((await listTombstones(db(), profile.id)).map((t) => `${t.sourceSide}:${t.sourceId}`)).toEqual([
      "A:a-1",
      "A:a-2",
      "B:b-1",
    ]);
    expect(await deleteTombstone(db(), profile.id, "A", "a-1")).toBe(true);
    expect(await deleteTombstone(db(), profile.id, "A", "a-1")).toBe(false);
    expect(await deleteTombstonesOfProfile(db(), profile.id, "copy-deleted")).toBe(0);
    expect(await deleteTombstonesOfProfile(db(), profile.id, "baseline")).toBe(2);
    expect(await listTombstones(db(), profile.id)).toEqual([]);
    expect(await listTombstones(db(), other.id)).toHaveLength(1);
    expect(await deleteTombstonesOfProfile(db(), other.id)).toBe(1);
  });
});
