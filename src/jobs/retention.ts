import { type Store, transaction } from "../store/database.js";
import {
  deleteAuditEntries,
  deleteDecisionsOfRuns,
  deleteRuns,
  oldAuditIds,
  prunableRunIds,
} from "../store/retention.js";

/** How long history is kept (`crosscal serve --history-days`, `--audit-days`). */
export interface Retention {
  /** Runs and their decisions older than this are deleted, but each profile's last run (default 90). */
  historyDays: number;
  /** Audit entries older than this are deleted (default 365): a security record outlives the history. */
  auditDays: number;
}

export const DEFAULT_RETENTION: Retention = { historyDays: 90, auditDays: 365 };

export interface Pruned {
  runs: number;
  decisions: number;
  auditEntries: number;
}

const DAY_MS = 24 * 60 * 60_000;
/**
 * Runs deleted per transaction: short commits, so that on SQLite the runs of profiles never wait long for
 * the write lock, and a first prune of years of history does not hold it for minutes.
 */
const BATCH = 200;

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Lets other work take the database between two batches. */
const breathe = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Deletes the history older than the retention, a batch at a time: runs with their decisions (a profile's
 * last run stays, whatever its age), then audit entries. Links, tombstones and cursors are never touched:
 * they are the sync's state. Repeating it is harmless; several processes may run it at once.
 */
export async function pruneHistory(db: Store, retention: Retention, now: Date): Promise<Pruned> {
  const pruned: Pruned = { runs: 0, decisions: 0, auditEntries: 0 };
  const runsBefore = daysBefore(now, retention.historyDays);
  for (let ids = await prunableRunIds(db, runsBefore, BATCH); ids.length > 0; ) {
    await transaction(db, async (trx) => {
      pruned.decisions += await deleteDecisionsOfRuns(trx, ids);
      pruned.runs += await deleteRuns(trx, ids);
    });
    await breathe();
    ids = ids.length < BATCH ? [] : await prunableRunIds(db, runsBefore, BATCH);
  }
  const auditBefore = daysBefore(now, retention.auditDays);
  for (let ids = await oldAuditIds(db, auditBefore, BATCH); ids.length > 0; ) {
    pruned.auditEntries += await deleteAuditEntries(db, ids);
    await breathe();
    ids = ids.length < BATCH ? [] : await oldAuditIds(db, auditBefore, BATCH);
  }
  return pruned;
}
