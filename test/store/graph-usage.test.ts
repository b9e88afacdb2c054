import { beforeEach, expect, it } from "vitest";
import { addGraphUsage, graphUsageSince, minuteOf, pruneGraphUsage } from "../../src/store/graph-usage.js";
import { latestStatusReasons } from "../../src/store/profile-views.js";
import { updateProfileStatus } from "../../src/store/profiles.js";
import { at, someProfile } from "./fixtures.js";
import { describeStores } from "./targets.js";

describeStores("graph usage and the overview's reads", ({ db }) => {
  beforeEach(async () => {
    await db().deleteFrom("graphUsage").execute();
  });

  it("adds the counts of every process per connection and minute, sums them since a minute, and forgets old ones", async () => {
    const minute = (m: number) => minuteOf(at(m));
    await addGraphUsage(db(), [
      { connectionId: "contoso", minute: minute(0), requests: 10, throttled: 1 },
      { connectionId: "contoso", minute: minute(5), requests: 4, throttled: 0 },
      { connectionId: "fabrikam", minute: minute(5), requests: 7, throttled: 2 },
    ]);
    // Another process, the same minute: added, not replaced.
    await addGraphUsage(db(), [{ connectionId: "contoso", minute: minute(5), requests: 6, throttled: 3 }]);
    await addGraphUsage(db(), []);

    const since = async (m: number) =>
      (await graphUsageSince(db(), at(m))).sort((a, b) => a.connectionId.localeCompare(b.connectionId));
    expect(minute(5)).toBe("2025-03-01T09:05");
    expect(await since(0)).toEqual([
      { connectionId: "contoso", requests: 20, throttled: 4 },
      { connectionId: "fabrikam", requests: 7, throttled: 2 },
    ]);
    expect(await since(1)).toEqual([
      { connectionId: "contoso", requests: 10, throttled: 3 },
      { connectionId: "fabrikam", requests: 7, throttled: 2 },
    ]);
    await pruneGraphUsage(db(), at(5));
    expect((await since(0)).map((row) => row.requests)).toEqual([10, 7]);
  });

  it("lists the most recently changed profiles of each waiting status with their reason and sync", async () => {
    for (let i = 0; i < 7; i++) {
      const profile = await someProfile(db(), { name: `Paused ${i}` });
      await updateProfileStatus(db(), profile.id, "paused", `reason ${i}`, at(i));
    }
    const failing = await someProfile(db(), { name: "Failing" });
    await updateProfileStatus(db(), failing.id, "error", "mailbox B: permission (403)", at(3));
    await someProfile(db(), { name: "Draft" });

    const reasons = await latestStatusReasons(db(), ["error", "paused"], 5);

    expect(reasons.map((r) => [r.status, r.name, r.reason])).toEqual([
      ["error", "Failing", "mailbox B: permission (403)"],
      ["paused", "Paused 6", "reason 6"],
      ["paused", "Paused 5", "reason 5"],
      ["paused", "Paused 4", "reason 4"],
      ["paused", "Paused 3", "reason 3"],
      ["paused", "Paused 2", "reason 2"],
    ]);
    expect(reasons[0]).toMatchObject({
      sync: "contoso-fabrikam",
      syncName: null,
      since: at(3).toISOString(),
    });
  });
});
