import { randomUUID } from "node:crypto";
import type { Action } from "../core/actions.js";
import type { CalendarPort, Window } from "../core/calendar-port.js";
import { otherSide, type Side } from "../core/event.js";
import { inParallel } from "../core/in-parallel.js";
import { originalsToFetch } from "../core/plan-copies.js";
import type { PlanInput } from "../core/plan-input.js";
import { copySeriesToRead } from "../core/plan-instances.js";
import { meetingsToLookUp, plan, planInstancesOnly } from "../core/planner.js";
import { listCursors, saveCursor } from "../store/cursors.js";
import { type Store, transaction } from "../store/database.js";
import { acquireLease, findLease, releaseLease, renewLease } from "../store/leases.js";
import { type Profile, setProfileBaseline, updateStatusAfterRun } from "../store/profiles.js";
import {
  closeAbandonedRuns,
  finishRun,
  type RunCounts,
  STOPPED_RUN_ERROR,
  startRun,
  zeroCounts,
} from "../store/runs.js";
import type { RunOutcome } from "../store/schema.js";
import { groupActions, targetOf } from "./action-groups.js";
import { execute } from "./execute.js";
import { guardViolation } from "./guards.js";
import { fetchInto, lookUpMeetings, pullSide, readCopyInstances, type SidePull } from "./pull.js";
import { planPolicy, type SyncSettings, settingsFingerprint } from "./settings.js";
import { knownEvents, knownIds, loadProfileState, type ProfileState } from "./state.js";
import { runWindow, wantedWindow } from "./window.js";

export interface RunRequest {
  db: Store;
  ports: Record<Side, CalendarPort>;
  profile: Profile;
  settings: SyncSettings;
  now?: () => Date;
  /** Who holds the profile's lease while the run lasts (a worker id). */
  owner?: string;
  trigger?: string;
  /** A person confirmed a run the guards stopped. */
  confirmed?: boolean;
  /** Plan only: read both mailboxes, write nothing anywhere. */
  dryRun?: boolean;
  /** How long the profile's lease lasts unless renewed; it is renewed every third of that while the run lasts. */
  leaseMs?: number;
  /**
   * The mailboxes a change notification named (default: both). The others are not read this run and keep
   * their cursors; both are read anyway when the window is new or a cursor is missing.
   */
  sides?: Side[];
  /**
   * When the change this run answers was notified (epoch ms, the clock of `now`): a run that mirrors it
   * records its change-to-copy lag with its result.
   */
  changeSince?: number;
  /**
   * Aborted when the process shuts down: the run stops at its next step (between two actions, or after the
   * read in progress), commits no cursor, gives its lease back and is recorded as failed (STOPPED_RUN_ERROR).
   */
  stop?: AbortSignal;
}

export interface RunReport {
  runId?: string;
  outcome: RunOutcome;
  counts: RunCounts;
  actions: Action[];
  /** Why the run stopped (guards, lease, shutdown) or failed. */
  reason?: string;
  /** The process stopped the run before it ended (shutdown): its changes are read again by the next run. */
  stopped?: boolean;
}

const LEASE_MS = 10 * 60_000;

/**
 * Renews the lease every third of its length while a run lasts, so that a long run (a big merge under
 * Graph's throttling) is never run a second time by another worker. A renewal that finds the lease taken
 * (a stalled process) stops the run's remaining writes; one that fails is retried at the next tick (the
 * lease outlives two of them) and its error kept as the cause should the lease be lost.
 */
function keepLease(request: RunRequest, hold: LeaseHold, ttlMs: number, now: () => Date) {
  const timer = setInterval(() => {
    renewLease(request.db, { profileId: request.profile.id, owner: hold.owner, ttlMs }, now()).then(
      (lease) => {
        if (!lease) hold.lost ??= new Error("another worker took over the profile's lease");
      },
      (error: unknown) => {
        hold.renewalError = error;
      },
    );
  }, ttlMs / 3);
  timer.unref();
  return () => clearInterval(timer);
}

/** Graph lets four requests per mailbox in flight; two more keep its queue fed while actions commit. */
const ACTIONS_PER_MAILBOX = 6;
const SIDES = ["A", "B"] as const;

/** A side this run does not read: nothing changed there, and its cursor stays where it is. */
const unread = (cursor: string): SidePull => ({
  changes: { changed: [], gone: [], refreshedSeries: [] },
  cursor,
  full: false,
  listed: 0,
  unread: true,
});

/**
 * The sides' changes since the stored cursors; full listings when the window is new or the sync's settings
 * changed since the cursors were saved (so that existing copies follow the new settings).
 */
async function pullSides(request: RunRequest, state: ProfileState, now: Date) {
  const { profile } = request;
  const cursors = await listCursors(request.db, profile.id);
  const settingsHash = settingsFingerprint(request.settings);
  const current = cursors.length === 2 && cursors.every((cursor) => cursor.settingsHash === settingsHash);
  const stored = current ? { start: cursors[0]!.windowStart, end: cursors[0]!.windowEnd } : undefined;
  const { window, rebased } = runWindow(stored, wantedWindow(now, request.settings.pastDays));
  const cursorOf = (side: Side) => (rebased ? undefined : cursors.find((c) => c.side === side)?.cursor);
  const pull = async (side: Side) => {
    const cursor = cursorOf(side);
    if (cursor !== undefined && request.sides && !request.sides.includes(side)) return unread(cursor);
    try {
      const known = knownEvents(state, profile.id, side);
      return await pullSide(request.ports[side], window, cursor, knownIds(state.links, side), known);
    } catch (error) {
      const mailbox = side === "A" ? profile.mailboxA : profile.mailboxB;
      throw new Error(`reading mailbox ${side} (${mailbox}): ${(error as Error).message}`, { cause: error });
    }
  };
  const [a, b] = await Promise.all([pull("A"), pull("B")]);
  return { window, pulls: { A: a, B: b } as Record<Side, SidePull> };
}

/**
 * After a run that failed or was abandoned, a copy it wrote may have no link (the write went out, the commit
 * did not). The next run usually sees it in the delta and adopts it, or Graph returns it again for the same
 * transactionId; but not when a person moved it out of the window and the original changed meanwhile (a new
 * version, a new transactionId). So before creating copies, such a run looks the profile's copies up by
 * their tag in each mailbox it would write to, and hands the planner those no link names.
 */
async function lookUpOrphanCopies(request: RunRequest, input: PlanInput, actions: Action[]): Promise<number> {
  const targets = new Set(actions.filter((a) => a.type === "create").map((a) => otherSide(a.sourceSide)));
  const found = await Promise.all(
    [...targets].map(async (side) => {
      const known = knownIds(input.links, side);
      const present = new Set(input.changes[side].changed.map((event) => event.id));
      const orphans = (await request.ports[side].findCopies(request.profile.id)).filter(
        (copy) => !known.has(copy.id) && !present.has(copy.id),
      );
      input.changes[side].changed.push(...orphans);
      return orphans.length;
    }),
  );
  return found.reduce((sum, count) => sum + count, 0);
}

/** Plans the run, reading what the planner needs first (originals of edited copies, twin meetings). */
async function planRun(
  request: RunRequest,
  input: PlanInput,
  window: Window,
  pulls: Record<Side, SidePull>,
  afterFailure: boolean,
): Promise<Action[]> {
  input.copyInstances = await readCopyInstances(request.ports, window, copySeriesToRead(input));
  const wanted = originalsToFetch(input);
  await Promise.all(
    SIDES.map((side) => {
      const ids = wanted.filter((item) => item.side === side).map((item) => item.id);
      return ids.length > 0 ? fetchInto(request.ports[side], ids, input.changes[side]) : undefined;
    }),
  );
  const actions = plan(input);
  const lookups = meetingsToLookUp(actions);
  const found = await Promise.all(
    SIDES.map((side) => {
      // A side that listed its whole window this run already shows any twin: nothing to look up there.
      if (pulls[side].full) return 0;
      const iCalUIds = lookups.filter((lookup) => lookup.side === side).map((lookup) => lookup.iCalUId);
      return iCalUIds.length > 0 ? lookUpMeetings(request.ports[side], side, iCalUIds, input.changes) : 0;
    }),
  );
  const orphans = afterFailure ? await lookUpOrphanCopies(request, input, actions) : 0;
  return found.some((count) => count > 0) || orphans > 0 ? plan(input) : actions;
}

/**
 * Executes every action; one failing does not stop the others (each is recorded on its own). Actions about
 * different originals run concurrently, a few more per target mailbox than Graph lets in flight (the
 * connector queues the rest), so that neither mailbox waits while the other's writes go out; those about
 * one original keep the planner's order.
 */
async function apply(request: RunRequest, lease: LeaseHold, now: () => Date, actions: Action[]) {
  const counts = zeroCounts();
  const failures: string[] = [];
  const run = {
    db: request.db,
    ports: request.ports,
    profileId: request.profile.id,
    runId: lease.runId,
    now,
  };
  const groups = groupActions(actions);
  const work = async (group: Action[]) => {
    for (const action of group) {
      // Shutting down: the actions left are planned again by the next run, which reads the same changes.
      if (request.stop?.aborted) return;
      try {
        if (lease.lost) throw lease.lost;
        const counted = await execute(run, action);
        if (counted) counts[counted]++;
      } catch (error) {
        failures.push(
          `${action.type} ${"sourceId" in action ? action.sourceId : ""}: ${(error as Error).message}`,
        );
      }
    }
  };
  await Promise.all(
    SIDES.map((side) =>
      inParallel(
        groups.filter((group) => targetOf(group) === side),
        ACTIONS_PER_MAILBOX,
        work,
      ),
    ),
  );
  return { counts, failures };
}

/** Who holds the profile's lease for a run, the run's row, and whether the run already gave the lease back. */
interface LeaseHold {
  owner: string;
  runId: string;
  released: boolean;
  /** Set when a renewal found the lease taken: the run writes nothing more. */
  lost?: Error;
  /** The last renewal's failure, if any. */
  renewalError?: unknown;
  /** The lease was taken over from a holder whose run was abandoned (a killed process). */
  tookOver?: boolean;
}

/**
 * The cursors move on only when every action succeeded, so a failed change is pulled again next run. The
 * lease is given back in the same commit (commits are most of a quiet run's cost).
 */
async function commitRound(
  request: RunRequest,
  lease: LeaseHold,
  window: Window,
  pulls: Record<Side, SidePull>,
  counts: RunCounts,
  now: Date,
) {
  const { profile } = request;
  await transaction(request.db, async (trx) => {
    for (const side of SIDES) {
      // A side this run did not read keeps its row as it is: rewriting it would change nothing but a date.
      if (pulls[side].unread) continue;
      await saveCursor(
        trx,
        {
          profileId: profile.id,
          side,
          windowStart: window.start,
          windowEnd: window.end,
          cursor: pulls[side].cursor,
          settingsHash: settingsFingerprint(request.settings),
        },
        now,
      );
    }
    if (!profile.baselineTakenAt) await setProfileBaseline(trx, profile.id, now, now);
    // A pause made while this run went on stays (the status read at the start is stale by now).
    if (profile.status !== "active") await updateStatusAfterRun(trx, profile.id, "active", null, now);
    const lagMs = request.changeSince === undefined ? null : Math.max(0, now.getTime() - request.changeSince);
    await finishRun(trx, lease.runId, { outcome: "ok", counts, lagMs }, now);
    // Rolls the cursors back: another worker may have read past what this run did, or not as far.
    if (!(await releaseLease(trx, profile.id, lease.owner)))
      throw new Error("the profile's lease expired during the run; its changes are read again next run", {
        cause: lease.lost ?? lease.renewalError,
      });
  });
  lease.released = true;
}

/** Series (by source) whose copy's master this run created or rewrote: an update, a restore, an adoption. */
function seriesCopiesWritten(actions: Action[]): Array<{ side: Side; id: string }> {
  const written = new Map<string, { side: Side; id: string }>();
  for (const action of actions) {
    if (action.type === "create" && action.source.kind === "series")
      written.set(`${action.sourceSide}:${action.source.id}`, {
        side: action.sourceSide,
        id: action.source.id,
      });
    if (action.type === "update" && !action.instance && action.content.recurrence)
      written.set(`${action.sourceSide}:${action.sourceId}`, {
        side: action.sourceSide,
        id: action.sourceId,
      });
  }
  return [...written.values()];
}

/**
 * Copies of series written in this run get the original's exceptions and cancelled occurrences at once: a
 * new copy has none yet (and the original may not change again for weeks), and writing a copy's master can
 * drop its exceptions (Graph drops them when start, end or recurrence change, e.g. restoring a copy a
 * person moved). The original's instances are read unless this run's pull already did.
 */
async function applySeriesInstances(
  request: RunRequest,
  lease: LeaseHold,
  now: () => Date,
  input: PlanInput,
  window: Window,
  actions: Action[],
  counts: RunCounts,
  failures: string[],
): Promise<Action[]> {
  const written = seriesCopiesWritten(actions);
  if (written.length === 0) return [];
  const state = await loadProfileState(request.db, request.profile.id);
  const sideChanges = async (side: Side) => {
    const series = written.filter((item) => item.side === side).map((item) => item.id);
    const pulled = new Set(input.changes[side].refreshedSeries ?? []);
    const unread = series.filter((id) => !pulled.has(id));
    const read = await Promise.all(unread.map((id) => request.ports[side].instances(id, window)));
    return {
      ...input.changes[side],
      changed: [...input.changes[side].changed, ...read.flat()],
      refreshedSeries: series,
    };
  };
  const [a, b] = await Promise.all([sideChanges("A"), sideChanges("B")]);
  const again: PlanInput = { ...input, ...state, changes: { A: a, B: b } };
  again.copyInstances = await readCopyInstances(request.ports, window, copySeriesToRead(again));
  const more = planInstancesOnly(again);
  const result = await apply(request, lease, now, more);
  for (const [name, value] of Object.entries(result.counts)) counts[name as keyof RunCounts] += value;
  failures.push(...result.failures);
  return more;
}

/** Whether the process asked the run to stop (shutdown); looked at between the run's steps. */
const stopping = (request: RunRequest) => request.stop?.aborted === true;

/**
 * Closes a run the process stopped: failed, with what it did counted (each action it did is committed with
 * its link and decision), no cursor moved. The profile's status is left alone: nothing is wrong with it.
 */
async function stopRun(
  request: RunRequest,
  runId: string,
  counts: RunCounts,
  actions: Action[],
  now: Date,
): Promise<RunReport> {
  await finishRun(request.db, runId, { outcome: "failed", counts, error: STOPPED_RUN_ERROR }, now);
  return { runId, outcome: "failed", counts, actions, reason: STOPPED_RUN_ERROR, stopped: true };
}

async function runLeased(request: RunRequest, now: () => Date, lease: LeaseHold): Promise<RunReport> {
  const { profile, settings, db } = request;
  const state = await loadProfileState(db, profile.id);
  const { window, pulls } = await pullSides(request, state, now());
  if (stopping(request)) return stopRun(request, lease.runId, zeroCounts(), [], now());
  const firstRun = !profile.baselineTakenAt;
  const policy = planPolicy(settings, {
    takeBaseline: firstRun && profile.startMode === "only_new",
    merging: firstRun && profile.startMode === "merge",
  });
  const input: PlanInput = {
    profileId: profile.id,
    now: now().toISOString(),
    policy,
    ...state,
    changes: { A: pulls.A.changes, B: pulls.B.changes },
  };
  // The last run failed (status error) or was abandoned: it may have left copies without a link.
  const afterFailure = profile.status === "error" || lease.tookOver === true;
  const actions = await planRun(request, input, window, pulls, afterFailure);
  if (request.dryRun) return { outcome: "ok", counts: zeroCounts(), actions };
  const runId = lease.runId;
  if (stopping(request)) return stopRun(request, runId, zeroCounts(), actions, now());
  const violation = request.confirmed ? undefined : guardViolation(settings, state.links, pulls, actions);
  if (violation) {
    await endRun(
      request,
      runId,
      { outcome: "needs_confirmation", counts: zeroCounts(), error: violation },
      now(),
    );
    return { runId, outcome: "needs_confirmation", counts: zeroCounts(), actions, reason: violation };
  }
  const { counts, failures } = await apply(request, lease, now, actions);
  if (failures.length === 0 && !stopping(request))
    actions.push(
      ...(await applySeriesInstances(request, lease, now, input, window, actions, counts, failures)),
    );
  if (stopping(request)) return stopRun(request, runId, counts, actions, now());
  if (failures.length === 0) {
    await commitRound(request, lease, window, pulls, counts, now());
    return { runId, outcome: "ok", counts, actions };
  }
  const reason = `${failures.length} of ${actions.length} actions failed: ${failures.slice(0, 3).join("; ")}`;
  await endRun(request, runId, { outcome: "failed", counts, error: reason }, now());
  return { runId, outcome: "failed", counts, actions, reason };
}

/** Closes a run that did not end well, and gives the profile the matching status, in one commit. */
async function endRun(
  request: RunRequest,
  runId: string,
  result: { outcome: "failed" | "needs_confirmation"; counts: RunCounts; error: string },
  now: Date,
) {
  const status = result.outcome === "failed" ? "error" : "needs_confirmation";
  await transaction(request.db, async (trx) => {
    await finishRun(trx, runId, result, now);
    await updateStatusAfterRun(trx, request.profile.id, status, result.error, now);
  });
}

/** The profile's lease and a new run row, in one commit; undefined when another worker holds the lease. */
async function startLeased(request: RunRequest, owner: string, now: Date): Promise<LeaseHold | undefined> {
  const { db, profile } = request;
  const ttlMs = request.leaseMs ?? LEASE_MS;
  return transaction(db, async (trx) => {
    const previous = await findLease(trx, profile.id);
    const lease = await acquireLease(trx, { profileId: profile.id, owner, ttlMs }, now);
    if (!lease) return undefined;
    // Taken over from a holder whose lease ran out (a killed worker): its run's row would stay open forever.
    const tookOver =
      previous !== undefined && previous.owner !== owner && Date.parse(previous.expiresAt) <= now.getTime();
    if (tookOver) await closeAbandonedRuns(trx, profile.id, now);
    const run = await startRun(trx, { profileId: profile.id, trigger: request.trigger ?? "manual" }, now);
    return { owner, runId: run.id, released: false, tookOver };
  });
}

/**
 * One run of one profile: pull both mailboxes, plan, apply, record. Runs of one profile are serialized by
 * a lease in the store, so any number of workers may ask; a run that cannot read a mailbox fails with a
 * message naming the profile and the mailbox, and changes nothing.
 */
export async function runProfile(request: RunRequest): Promise<RunReport> {
  const now = request.now ?? (() => new Date());
  const owner = request.owner ?? `run-${randomUUID()}`;
  const hold = request.dryRun
    ? { owner, runId: "", released: true }
    : await startLeased(request, owner, now());
  if (!hold)
    return {
      outcome: "skipped",
      counts: zeroCounts(),
      actions: [],
      reason: "another worker is running this profile",
    };
  const stopRenewing = request.dryRun ? () => {} : keepLease(request, hold, request.leaseMs ?? LEASE_MS, now);
  try {
    return await runLeased(request, now, hold);
  } catch (error) {
    const reason = `profile ${request.profile.name}: ${(error as Error).message}`;
    if (!request.dryRun)
      await endRun(request, hold.runId, { outcome: "failed", counts: zeroCounts(), error: reason }, now());
    throw new Error(reason, { cause: error });
  } finally {
    stopRenewing();
    if (!hold.released) await releaseLease(request.db, request.profile.id, owner);
  }
}
