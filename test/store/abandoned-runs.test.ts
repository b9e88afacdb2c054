import { expect, it } from "vitest";
import {
  ABANDONED_RUN_ERROR,
  closeAbandonedRuns,
  findRunById,
  finishRun,
  startRun,
  zeroCounts,
} from "../../src/store/runs.js";
import { at, someProfile, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

describeStores("abandoned runs", ({ db }) => {
  it("closes the profile's unfinished runs as failed, and no other run", async () => {
    const profile = await someProfile(db());
    const other = await someProfile(db());
    const open = await startRun(db(), { profileId: profile.id, trigger: "notification" }, T0);
    const done = await startRun(db(), { profileId: profile.id, trigger: "reconcile" }, T0);
    await finishRun(db(), done.id, { outcome: "ok", counts: zeroCounts() }, at(1));
    const elsewhere = await startRun(db(), { profileId: other.id, trigger: "notification" }, T0);

    expect(await closeAbandonedRuns(db(), profile.id, at(5))).toBe(1);

    expect(await findRunById(db(), open.id)).toMatchObject({
      outcome: "failed",
      error: ABANDONED_RUN_ERROR,
      finishedAt: at(5).toISOString(),
    });
    expect(await findRunById(db(), done.id)).toMatchObject({ outcome: "ok", error: null });
    expect(await findRunById(db(), elsewhere.id)).toMatchObject({ outcome: null, finishedAt: null });
    expect(await closeAbandonedRuns(db(), profile.id, at(6))).toBe(0);
  });
});
