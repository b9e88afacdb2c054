import { expect, it } from "vitest";
import {
  listDecisions,
  type NewDecision,
  recordDecision,
  recordDecisions,
} from "../../src/store/decisions.js";
import { startRun } from "../../src/store/runs.js";
import type { DecisionAction } from "../../src/store/schema.js";
import { at, someProfile, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

describeStores("decisions", ({ db }) => {
  const decide = (sourceId: string, action: NewDecision["action"], reason: string): NewDecision => ({
    side: "A",
    sourceId,
    action,
    reason,
  });

  async function twoRuns() {
    const profile = await someProfile(db());
    const other = await someProfile(db());
    const first = await startRun(db(), { id: "run-1", profileId: profile.id, trigger: "manual" }, T0);
    const second = await startRun(db(), { id: "run-2", profileId: profile.id, trigger: "schedule" }, at(10));
    const foreign = await startRun(db(), { id: "run-x", profileId: other.id, trigger: "schedule" }, at(10));
    await recordDecisions(
      db(),
      { runId: first.id, profileId: profile.id },
      [decide("e-1", "create", "new"), decide("e-2", "skip", "rules"), decide("e-3", "create", "new")],
      at(1),
    );
    await recordDecisions(
      db(),
      { runId: second.id, profileId: profile.id },
      [decide("e-1", "update", "original-changed"), decide("e-3", "delete", "original-deleted")],
      at(11),
    );
    await recordDecisions(
      db(),
      { runId: foreign.id, profileId: other.id },
      [decide("e-1", "create", "new")],
      at(11),
    );
    return { profile, other };
  }

  const summary = (decisions: Awaited<ReturnType<typeof listDecisions>>) =>
    decisions.map((d) => `${d.runId}:${d.sourceId}:${d.action}`);

  it("records decisions with every field, stamped with the given time", async () => {
    const profile = await someProfile(db());
    const run = await startRun(db(), { profileId: profile.id, trigger: "manual" }, T0);

    const [recorded] = await recordDecisions(
      db(),
      { runId: run.id, profileId: profile.id },
      [
        {
          side: "B",
          sourceId: "b-1",
          copyId: "a-copy",
          action: "restore",
          reason: "copy-edited",
          subjectHint: "Standup",
        },
      ],
      at(1),
    );

    expect(recorded).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      runId: run.id,
      profileId: profile.id,
      seq: 0,
      side: "B",
      sourceId: "b-1",
      copyId: "a-copy",
      action: "restore",
      reason: "copy-edited",
      subjectHint: "Standup",
      at: "2025-03-01T09:01:00.000Z",
    });
    expect(await listDecisions(db(), { runId: run.id })).toEqual([recorded]);
  });

  it("filters by profile, run, source id, action and time", async () => {
    const { profile, other } = await twoRuns();

    expect(summary(await listDecisions(db(), { profileId: profile.id }))).toEqual([
      "run-2:e-3:delete",
      "run-2:e-1:update",
      "run-1:e-3:create",
      "run-1:e-2:skip",
      "run-1:e-1:create",
    ]);
    expect(summary(await listDecisions(db(), { runId: "run-1" }))).toEqual([
      "run-1:e-3:create",
      "run-1:e-2:skip",
      "run-1:e-1:create",
    ]);
    expect(summary(await listDecisions(db(), { profileId: profile.id, sourceId: "e-1" }))).toEqual([
      "run-2:e-1:update",
      "run-1:e-1:create",
    ]);
    expect(summary(await listDecisions(db(), { sourceId: "e-1", action: "create" }))).toEqual([
      "run-x:e-1:create",
      "run-1:e-1:create",
    ]);
    expect(summary(await listDecisions(db(), { profileId: profile.id, action: ["delete", "skip"] }))).toEqual(
      ["run-2:e-3:delete", "run-1:e-2:skip"],
    );
    expect(summary(await listDecisions(db(), { profileId: profile.id, before: at(11), limit: 2 }))).toEqual([
      "run-1:e-3:create",
      "run-1:e-2:skip",
    ]);
    expect(summary(await listDecisions(db(), { since: at(11), action: "create" }))).toEqual([
      "run-x:e-1:create",
    ]);
    expect(summary(await listDecisions(db(), { profileId: other.id }))).toEqual(["run-x:e-1:create"]);
  });

  it("lists oldest first in the order each run made its decisions", async () => {
    const { profile } = await twoRuns();

    expect(summary(await listDecisions(db(), { profileId: profile.id, order: "oldest-first" }))).toEqual([
      "run-1:e-1:create",
      "run-1:e-2:skip",
      "run-1:e-3:create",
      "run-2:e-1:update",
      "run-2:e-3:delete",
    ]);
  });

  it("appends decisions recorded in several calls after the run's earlier ones", async () => {
    const profile = await someProfile(db());
    const run = await startRun(db(), { profileId: profile.id, trigger: "manual" }, T0);
    const context = { runId: run.id, profileId: profile.id };

    await recordDecisions(
      db(),
      context,
      [decide("e-1", "create", "new"), decide("e-2", "create", "new")],
      T0,
    );
    const single = await recordDecision(db(), context, decide("e-3", "tombstone", "copy-deleted"), T0);
    const later = await recordDecisions(
      db(),
      context,
      [decide("e-4", "link", "same-icaluid"), decide("e-5", "skip", "rules")],
      T0,
    );

    expect(single.seq).toBe(2);
    expect(later.map((d) => d.seq)).toEqual([3, 4]);
    expect(
      (await listDecisions(db(), { runId: run.id, order: "oldest-first" })).map((d) => d.sourceId),
    ).toEqual(["e-1", "e-2", "e-3", "e-4", "e-5"]);
  });

  it("records a large run in order, beyond one statement's parameter limit", async () => {
    const profile = await someProfile(db());
    const run = await startRun(db(), { profileId: profile.id, trigger: "start" }, T0);
    const many = Array.from({ length: 3_500 }, (_, i) => decide(`e-${i}`, "baseline", "only-new"));

    const recorded = await recordDecisions(db(), { runId: run.id, profileId: profile.id }, many, T0);

    expect(recorded.map((d) => d.seq)).toEqual(many.map((_, i) => i));
    const listed = await listDecisions(db(), { runId: run.id, order: "oldest-first", limit: 10_000 });
    expect(listed.map((d) => d.sourceId)).toEqual(many.map((d) => d.sourceId));
  });

  it("rejects a decision for a run that does not exist, and an unknown action", async () => {
    const profile = await someProfile(db());
    await expect(
      recordDecision(db(), { runId: "no-run", profileId: profile.id }, decide("e-1", "create", "new"), T0),
    ).rejects.toThrow();
    const run = await startRun(db(), { profileId: profile.id, trigger: "manual" }, T0);
    // A writer that bypasses the types still cannot store it: the database checks the set too.
    const explode = "explode" as DecisionAction;
    await expect(
      recordDecision(db(), { runId: run.id, profileId: profile.id }, decide("e-1", explode, "?"), T0),
    ).rejects.toThrow();
  });
});
