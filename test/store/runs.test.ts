import { expect, it } from "vitest";
import {
  findRunById,
  finishRun,
  listRuns,
  runLagsSince,
  startRun,
  zeroCounts,
} from "../../src/store/runs.js";
import type { RunOutcome } from "../../src/store/schema.js";
import { at, someProfile, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

describeStores("runs", ({ db }) => {
  it("starts a run with zero counts and no outcome yet", async () => {
    const profile = await someProfile(db());

    const run = await startRun(db(), { id: "run-1", profileId: profile.id, trigger: "notification" }, T0);

    expect(run).toEqual({
      id: "run-1",
      profileId: profile.id,
      trigger: "notification",
      startedAt: "2025-03-01T09:00:00.000Z",
      finishedAt: null,
      outcome: null,
      counts: zeroCounts(),
      error: null,
      lagMs: null,
    });
    expect(await findRunById(db(), "run-1")).toEqual(run);
    expect(await findRunById(db(), "run-2")).toBeUndefined();
  });

  it("finishes a run once, with outcome, counts and error", async () => {
    const profile = await someProfile(db());
    const run = await startRun(db(), { profileId: profile.id, trigger: "manual" }, T0);
    const counts = { created: 3, updated: 2, deleted: 1, skipped: 7, linked: 4, tombstoned: 1 };

    expect(
      await finishRun(db(), run.id, { outcome: "failed", counts, error: "B: permission (403)" }, at(2)),
    ).toBe(true);
    expect(await finishRun(db(), run.id, { outcome: "ok", counts: zeroCounts() }, at(3))).toBe(false);

    expect(await findRunById(db(), run.id)).toMatchObject({
      outcome: "failed",
      counts,
      error: "B: permission (403)",
      finishedAt: "2025-03-01T09:02:00.000Z",
    });
  });

  it("records a run's change-to-copy lag, and lists the lags of the runs finished since an instant", async () => {
    const profile = await someProfile(db());
    const finish = async (minute: number, lagMs?: number) => {
      const run = await startRun(db(), { profileId: profile.id, trigger: "notification" }, at(minute));
      await finishRun(
        db(),
        run.id,
        { outcome: "ok", counts: zeroCounts(), ...(lagMs !== undefined && { lagMs }) },
        at(minute),
      );
      return run.id;
    };
    const early = await finish(0, 9_000);
    await finish(10, 900);
    await finish(11);
    await finish(12, 300);
    await finish(13, 4_000);

    expect((await findRunById(db(), early))?.lagMs).toBe(9_000);
    expect(await runLagsSince(db(), at(10), 100)).toEqual([300, 900, 4_000]);
    // The newest when there are more than the limit.
    expect(await runLagsSince(db(), at(0), 2)).toEqual([300, 4_000]);
  });

  it("lists runs newest first, per profile, before an instant, limited", async () => {
    const profile = await someProfile(db());
    const other = await someProfile(db());
    for (const minute of [0, 10, 20, 30]) {
      await startRun(db(), { id: `run-${minute}`, profileId: profile.id, trigger: "schedule" }, at(minute));
    }
    await startRun(db(), { id: "other-run", profileId: other.id, trigger: "schedule" }, at(15));

    const ids = async (filter: Parameters<typeof listRuns>[1]) =>
      (await listRuns(db(), filter)).map((r) => r.id);
    expect(await ids({ profileId: profile.id })).toEqual(["run-30", "run-20", "run-10", "run-0"]);
    expect(await ids({})).toEqual(["run-30", "run-20", "other-run", "run-10", "run-0"]);
    expect(await ids({ profileId: profile.id, startedBefore: at(20), limit: 1 })).toEqual(["run-10"]);
  });

  it("rejects an outcome outside the closed set", async () => {
    const profile = await someProfile(db());
    const run = await startRun(db(), { profileId: profile.id, trigger: "manual" }, T0);
    // A writer that bypasses the types still cannot store it: the database checks the set too.
    const partial = "partial" as RunOutcome;
    await expect(
      finishRun(db(), run.id, { outcome: partial, counts: zeroCounts() }, at(1)),
    ).rejects.toThrow();
  });
});
