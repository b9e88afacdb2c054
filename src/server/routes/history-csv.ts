import type { DecisionEntry, RunEntry } from "../../store/history.js";
import type { CsvColumn } from "../csv.js";

/** The columns of the history's CSV exports: one row per run or decision, its profile and sync by id and name. */

export const RUN_COLUMNS: readonly CsvColumn<RunEntry>[] = [
  { header: "run_id", cell: (run) => run.id },
  { header: "started_at", cell: (run) => run.startedAt },
  { header: "finished_at", cell: (run) => run.finishedAt },
  { header: "outcome", cell: (run) => run.outcome ?? "running" },
  { header: "trigger", cell: (run) => run.trigger },
  { header: "sync_id", cell: (run) => run.profile.sync },
  { header: "sync_name", cell: (run) => run.profile.syncName },
  { header: "profile_id", cell: (run) => run.profile.id },
  { header: "profile_name", cell: (run) => run.profile.name },
  { header: "created", cell: (run) => run.counts.created },
  { header: "updated", cell: (run) => run.counts.updated },
  { header: "deleted", cell: (run) => run.counts.deleted },
  { header: "skipped", cell: (run) => run.counts.skipped },
  { header: "linked", cell: (run) => run.counts.linked },
  { header: "tombstoned", cell: (run) => run.counts.tombstoned },
  { header: "error", cell: (run) => run.error },
];

export const DECISION_COLUMNS: readonly CsvColumn<DecisionEntry>[] = [
  { header: "at", cell: (decision) => decision.at },
  { header: "run_id", cell: (decision) => decision.runId },
  { header: "seq", cell: (decision) => decision.seq },
  { header: "sync_id", cell: (decision) => decision.profile.sync },
  { header: "sync_name", cell: (decision) => decision.profile.syncName },
  { header: "profile_id", cell: (decision) => decision.profile.id },
  { header: "profile_name", cell: (decision) => decision.profile.name },
  { header: "action", cell: (decision) => decision.action },
  { header: "reason", cell: (decision) => decision.reason },
  { header: "side", cell: (decision) => decision.side },
  { header: "source_id", cell: (decision) => decision.sourceId },
  { header: "copy_id", cell: (decision) => decision.copyId },
  { header: "subject_hint", cell: (decision) => decision.subjectHint },
  { header: "decision_id", cell: (decision) => decision.id },
];

/** Rows read per statement while a CSV streams: large enough to be quick, small enough to hold. */
export const CSV_PAGE = 500;
