import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { fixedQuery } from "./compiled.js";
import type { Store } from "./database.js";
import type { DecisionAction, DecisionRow, Side } from "./schema.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/** What a run decided about one event, and why: the browsable history. */
export type Decision = DecisionRow;

export interface NewDecision {
  side: Side;
  sourceId: string;
  copyId?: string | null;
  action: DecisionAction;
  reason: string;
  /** A short, human hint at which event this was (e.g. the subject, or "Busy"): never needed to sync. */
  subjectHint?: string | null;
}

export interface DecisionContext {
  runId: string;
  profileId: string;
}

// SQLite binds at most 32,766 parameters per statement and PostgreSQL 65,535; a decision binds 11.
const ROWS_PER_INSERT = 500;

/**
 * The position after the run's last recorded decision, plus `offset`, computed inside the insert so that
 * decisions recorded in several calls still read back in the order they were made.
 */
const nextSeq = (runId: string, offset: number) =>
  sql<number>`(select coalesce(max(seq), -1) + 1 + ${offset} from decisions where run_id = ${runId})`;

/** The common case, one decision (the executor records each action's own): compiled once. */
const insertOneDecision = fixedQuery((db: Store, p: Omit<DecisionRow, "seq">) =>
  db
    .insertInto("decisions")
    .values({
      id: p.id,
      runId: p.runId,
      profileId: p.profileId,
      seq: nextSeq(p.runId, 0),
      side: p.side,
      sourceId: p.sourceId,
      copyId: p.copyId,
      action: p.action,
      reason: p.reason,
      subjectHint: p.subjectHint,
      at: p.at,
    })
    .returningAll(),
);

/** A decision's row, but for its place in the run (`seq`). */
function decisionRow(context: DecisionContext, decision: NewDecision, at: string) {
  return {
    id: randomUUID(),
    runId: context.runId,
    profileId: context.profileId,
    side: decision.side,
    sourceId: decision.sourceId,
    copyId: decision.copyId ?? null,
    action: decision.action,
    reason: decision.reason,
    subjectHint: decision.subjectHint ?? null,
    at,
  };
}

/**
 * Records decisions in the order given, after any the run already has, all stamped `now`. Large runs are
 * written in chunks (one insert each) to stay under the drivers' parameter limits; call inside
 * `transaction` to make them atomic.
 */
export async function recordDecisions(
  db: Store,
  context: DecisionContext,
  decisions: readonly NewDecision[],
  now: Instant,
): Promise<Decision[]> {
  const at = toTimestamp(now);
  const [only] = decisions;
  if (decisions.length === 1 && only) return insertOneDecision.rows(db, decisionRow(context, only, at));
  const recorded: Decision[] = [];
  for (let start = 0; start < decisions.length; start += ROWS_PER_INSERT) {
    const rows = decisions.slice(start, start + ROWS_PER_INSERT).map((decision, offset) => ({
      ...decisionRow(context, decision, at),
      seq: nextSeq(context.runId, offset),
    }));
    recorded.push(...(await db.insertInto("decisions").values(rows).returningAll().execute()));
  }
  // RETURNING order is not guaranteed by SQL.
  return recorded.sort((a, b) => a.seq - b.seq);
}

/** Records one decision after those already recorded for the run. */
export async function recordDecision(
  db: Store,
  context: DecisionContext,
  decision: NewDecision,
  now: Instant,
): Promise<Decision> {
  const [recorded] = await recordDecisions(db, context, [decision], now);
  return recorded!;
}

export interface DecisionFilter {
  profileId?: string;
  runId?: string;
  sourceId?: string;
  action?: DecisionAction | readonly DecisionAction[];
  /** Only decisions made strictly before this instant (paging backwards through history). */
  before?: Instant;
  /** Only decisions made at or after this instant. */
  since?: Instant;
  /** newest-first (default): history as browsed; oldest-first: a run's decisions as it made them. */
  order?: "newest-first" | "oldest-first";
  limit?: number;
}

/** Matching decisions by time, then by run, then in the order their run made them (or all reversed). */
export async function listDecisions(db: Store, filter: DecisionFilter = {}): Promise<Decision[]> {
  let query = db.selectFrom("decisions").selectAll();
  if (filter.profileId !== undefined) query = query.where("profileId", "=", filter.profileId);
  if (filter.runId !== undefined) query = query.where("runId", "=", filter.runId);
  if (filter.sourceId !== undefined) query = query.where("sourceId", "=", filter.sourceId);
  if (typeof filter.action === "string") query = query.where("action", "=", filter.action);
  else if (filter.action !== undefined) query = query.where("action", "in", [...filter.action]);
  if (filter.before !== undefined) query = query.where("at", "<", toTimestamp(filter.before));
  if (filter.since !== undefined) query = query.where("at", ">=", toTimestamp(filter.since));
  const direction = filter.order === "oldest-first" ? "asc" : "desc";
  return query
    .orderBy("at", direction)
    .orderBy("runId", direction)
    .orderBy("seq", direction)
    .limit(filter.limit ?? 500)
    .execute();
}
