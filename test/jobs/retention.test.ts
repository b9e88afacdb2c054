import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { pruneHistory } from "../../src/jobs/retention.js";
import { CrosscalService } from "../../src/jobs/service.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { recordAudit } from "../../src/store/admin-audit.js";
import { listCursors, saveCursor } from "../../src/store/cursors.js";
import type { Store } from "../../src/store/database.js";
import { listDecisions, recordDecision } from "../../src/store/decisions.js";
import { insertLink, listLinks } from "../../src/store/links.js";
import { finishRun, listRuns, startRun, zeroCounts } from "../../src/store/runs.js";
import { listTombstones, recordTombstone } from "../../src/store/tombstones.js";
import { eventually } from "../helpers/wait.js";
import { someProfile, T0 } from "../store/fixtures.js";
import { describeStores } from "../store/targets.js";

const DAY_MS = 24 * 60 * 60_000;
const daysAgo = (days: number) => new Date(T0.getTime() - days * DAY_MS);
const RETENTION = { historyDays: 90, auditDays: 365 };

/** A finished run of the profile that started `days` before T0, with `decisions` decisions. */
async function runAt(db: Store, profileId: string, days: number, decisions = 2): Promise<string> {
  const started = daysAgo(days);
  const run = await startRun(db, { profileId, trigger: "reconcile" }, started);
  for (let i = 0; i < decisions; i++)
    await recordDecision(
      db,
      { runId: run.id, profileId },
      { side: "A", sourceId: `event-${days}-${i}`, action: "skip", reason: "direction" },
      started,
    );
  await finishRun(db, run.id, { outcome: "ok", counts: zeroCounts() }, new Date(started.getTime() + 1_000));
  return run.id;
}

/** A profile's sync state: one link, one tombstone, one cursor, all written long ago. */
async function syncState(db: Store, profileId: string) {
  const long = daysAgo(400);
  await insertLink(
    db,
    {
      profileId,
      sourceSide: "A",
      sourceId: "original-1",
      copyId: "copy-1",
      owned: true,
      icalUid: null,
      kind: "single",
      sourceVersion: "v1",
      copyVersion: "c1",
      contentHash: "h1",
    },
    long,
  );
  await recordTombstone(
    db,
    { profileId, sourceSide: "B", sourceId: "original-2", reason: "copy-deleted", icalUid: null },
    long,
  );
  await saveCursor(
    db,
    { profileId, side: "A", windowStart: long, windowEnd: T0, cursor: "delta-1", settingsHash: "s" },
    long,
  );
}

describeStores("history retention", ({ db }) => {
  it("deletes runs and decisions older than the retention, but each profile's last run and the sync state", async () => {
    const busy = await someProfile(db());
    const quiet = await someProfile(db());
    const old = await runAt(db(), busy.id, 200);
    const edge = await runAt(db(), busy.id, 91);
    const recent = await runAt(db(), busy.id, 10);
    const quietLast = await runAt(db(), quiet.id, 300);
    await syncState(db(), busy.id);

    const pruned = await pruneHistory(db(), RETENTION, T0);

    expect(pruned).toMatchObject({ runs: 2, decisions: 4 });
    expect((await listRuns(db(), { profileId: busy.id })).map((run) => run.id)).toEqual([recent]);
    expect((await listRuns(db(), { profileId: quiet.id })).map((run) => run.id)).toEqual([quietLast]);
    const kept = await listDecisions(db(), { profileId: busy.id });
    expect(kept.map((decision) => decision.runId)).toEqual([recent, recent]);
    expect(await listDecisions(db(), { runId: old })).toEqual([]);
    expect(await listDecisions(db(), { runId: edge })).toEqual([]);
    expect(await listLinks(db(), busy.id)).toHaveLength(1);
    expect(await listTombstones(db(), busy.id)).toHaveLength(1);
    expect(await listCursors(db(), busy.id)).toHaveLength(1);
    expect(await pruneHistory(db(), RETENTION, T0)).toEqual({ runs: 0, decisions: 0, auditEntries: 0 });
  });

  it("keeps a run still in progress, whatever its age", async () => {
    const profile = await someProfile(db());
    const stuck = await startRun(db(), { profileId: profile.id, trigger: "manual" }, daysAgo(120));
    await runAt(db(), profile.id, 1);

    await pruneHistory(db(), RETENTION, T0);

    expect((await listRuns(db(), { profileId: profile.id })).map((run) => run.id)).toContain(stuck.id);
  });

  it("works through more old runs than one batch holds", async () => {
    const profile = await someProfile(db());
    for (let i = 0; i < 450; i++) await runAt(db(), profile.id, 100 + i / 100, 0);

    const pruned = await pruneHistory(db(), RETENTION, T0);

    expect(pruned.runs).toBe(449);
    expect(await listRuns(db(), { profileId: profile.id })).toHaveLength(1);
  });

  it("deletes audit entries older than their own retention", async () => {
    await db().deleteFrom("auditLog").execute();
    await recordAudit(db(), { action: "token_used", actor: "admin" }, daysAgo(400));
    await recordAudit(db(), { action: "connection_created", actor: "admin" }, daysAgo(100));

    const pruned = await pruneHistory(db(), RETENTION, T0);

    expect(pruned.auditEntries).toBe(1);
    const left = await db().selectFrom("auditLog").select("action").execute();
    expect(left).toEqual([{ action: "connection_created" }]);
  });

  it("is done by the service's scheduler, on the service's clock", async () => {
    const profile = await someProfile(db(), { status: "paused" });
    await runAt(db(), profile.id, 95);
    const last = await runAt(db(), profile.id, 5);
    const service = new CrosscalService({
      db: db(),
      secrets: new SecretBox(randomBytes(32)),
      log: { info() {}, warn() {}, error() {} },
      now: () => T0,
      retention: RETENTION,
    });
    service.start();
    try {
      await eventually(
        "the old run pruned",
        async () => (await listRuns(db(), { profileId: profile.id })).length === 1,
      );
    } finally {
      await service.stop();
    }
    expect((await listRuns(db(), { profileId: profile.id })).map((run) => run.id)).toEqual([last]);
  });
});
