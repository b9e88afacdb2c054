import type { Decision, Run } from "./use-history";

/** Runs and decisions as GET /api/runs, /api/decisions and /api/runs/{id} answer them, for the tests. */

export const run = (id: string, name = "Adele Vance", extra: Partial<Run> = {}): Run => ({
  id,
  profile: { id: `p-${id}`, name, sync: "9e1c", syncName: "contoso-fabrikam" },
  trigger: "notification",
  startedAt: "2025-03-01T09:12:03.412Z",
  finishedAt: "2025-03-01T09:12:04.018Z",
  outcome: "ok",
  counts: { created: 0, updated: 1, deleted: 0, skipped: 0, linked: 0, tombstoned: 0 },
  error: null,
  ...extra,
});

export const decision = (id: string, extra: Partial<Decision> = {}): Decision => ({
  id,
  runId: "r1",
  profile: { id: "p-r1", name: "Adele Vance", sync: "9e1c", syncName: "contoso-fabrikam" },
  seq: 0,
  at: "2025-03-01T09:12:03.950Z",
  side: "A",
  sourceId: "AAMkAGI2TG93AAAAAAEGAAAD2p3fAAA=",
  copyId: "AAMkADk0AAAAAAEGAAAx9YhAAA=",
  action: "update",
  reason: "original-changed",
  subjectHint: "Planning (room 4)",
  ...extra,
});
