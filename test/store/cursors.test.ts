import { expect, it } from "vitest";
import { deleteCursor, findCursor, listCursors, saveCursor } from "../../src/store/cursors.js";
import { at, someProfile, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

describeStores("cursors", ({ db }) => {
  const window = {
    windowStart: "2025-01-30T09:00:00Z",
    windowEnd: "2035-03-01T09:00:00Z",
    settingsHash: "settings-1",
  };

  it("saves a side's cursor and reads it back", async () => {
    const profile = await someProfile(db());

    const saved = await saveCursor(
      db(),
      { profileId: profile.id, side: "A", ...window, cursor: "delta-1" },
      T0,
    );

    expect(saved).toEqual({
      profileId: profile.id,
      side: "A",
      windowStart: "2025-01-30T09:00:00.000Z",
      windowEnd: "2035-03-01T09:00:00.000Z",
      cursor: "delta-1",
      settingsHash: "settings-1",
      updatedAt: "2025-03-01T09:00:00.000Z",
    });
    expect(await findCursor(db(), profile.id, "A")).toEqual(saved);
    expect(await findCursor(db(), profile.id, "B")).toBeUndefined();
  });

  it("replaces the previous cursor of the same side only", async () => {
    const profile = await someProfile(db());
    await saveCursor(db(), { profileId: profile.id, side: "A", ...window, cursor: "delta-1" }, T0);
    await saveCursor(db(), { profileId: profile.id, side: "B", ...window, cursor: "delta-b" }, T0);

    await saveCursor(
      db(),
      {
        profileId: profile.id,
        side: "A",
        windowStart: at(60),
        windowEnd: "2035-03-02T09:00:00Z",
        cursor: "delta-2",
        settingsHash: "settings-2",
      },
      at(60),
    );

    const cursors = await listCursors(db(), profile.id);
    expect(cursors.map((c) => [c.side, c.cursor, c.windowStart, c.settingsHash, c.updatedAt])).toEqual([
      ["A", "delta-2", "2025-03-01T10:00:00.000Z", "settings-2", "2025-03-01T10:00:00.000Z"],
      ["B", "delta-b", "2025-01-30T09:00:00.000Z", "settings-1", "2025-03-01T09:00:00.000Z"],
    ]);
  });

  it("keeps a long opaque delta link intact", async () => {
    const profile = await someProfile(db());
    const cursor = `https://graph.microsoft.com/v1.0/users/x/calendarView/delta?$deltatoken=${"z".repeat(5000)}`;
    await saveCursor(db(), { profileId: profile.id, side: "A", ...window, cursor }, T0);
    expect((await findCursor(db(), profile.id, "A"))?.cursor).toBe(cursor);
  });

  it("forgets a side's cursor", async () => {
    const profile = await someProfile(db());
    await saveCursor(db(), { profileId: profile.id, side: "A", ...window, cursor: "delta-1" }, T0);
    await saveCursor(db(), { profileId: profile.id, side: "B", ...window, cursor: "delta-b" }, T0);

    expect(await deleteCursor(db(), profile.id, "A")).toBe(true);
    expect(await deleteCursor(db(), profile.id, "A")).toBe(false);
    expect((await listCursors(db(), profile.id)).map((c) => c.side)).toEqual(["B"]);
  });
});
