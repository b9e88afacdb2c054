import { type DirectoryUser, getGroup, readGroupMembers } from "../graph/directory.js";
import type { GraphRequester } from "../graph/requester.js";
import { findConnection } from "../store/connections.js";
import { type Store, transaction } from "../store/database.js";
import { type GroupBinding, listAllGroupBindings, recordGroupRefresh } from "../store/group-bindings.js";
import { insertProfile, listProfiles, type Profile } from "../store/profiles.js";
import { findSync, type Sync } from "../store/syncs.js";
import { addressOf, type MatchResult, matchKey, matchMembers } from "./group-match.js";
import { type MembershipPlan, PAUSABLE, planMembership, type WantedProfile } from "./group-plan.js";
import type { ProfileAction, ProfileActionResult, ProfileActions } from "./profile-actions.js";
import { profileIdOf } from "./profile-id.js";

/**
 * One refresh of a group binding: read both groups' members, match them, create the missing profiles
 * (in one transaction), then pause the profiles whose people left, resume those the binding paused that
 * are back, and start the new ones when the binding says so. The report says what happened and who
 * could not be matched; it is stored on the binding, failures included.
 */

export interface GroupRefreshDeps {
  db: Store;
  /** Graph for a stored connection (StoredClients in the service). */
  clients: { client(connectionId: string): Promise<GraphRequester> };
  actions: ProfileActions;
}

export interface ReportMember {
  name: string;
  address: string;
}

export interface ReportProfile {
  id: string;
  name: string;
  mailboxA: string;
  mailboxB: string;
}

export interface GroupRefreshReport {
  refreshedAt: string;
  groupA: { id: string; name: string; members: number } | null;
  groupB: { id: string; name: string; members: number } | null;
  /** Pairs of members matched across the two groups. */
  matched: number;
  created: ReportProfile[];
  /** Created and started (the binding's autoStart). */
  started: ReportProfile[];
  paused: Array<ReportProfile & { reason: string }>;
  resumed: ReportProfile[];
  /** Every profile of the binding no longer matched, with its status after this refresh. */
  left: Array<ReportProfile & { status: string }>;
  /** Matched pairs that got no profile, and why (a mailbox already in another profile of the sync...). */
  skipped: Array<{ name: string; mailboxA: string; mailboxB: string; reason: string }>;
  /** Actions the profiles refused (e.g. a start whose mailbox check failed). */
  refused: Array<{ profileId: string; action: string; code: string; message: string }>;
  unmatchedA: Array<ReportMember & { reason: string }>;
  unmatchedB: Array<ReportMember & { reason: string }>;
  /** Keys held by several members: none of them is paired until the directory tells them apart. */
  ambiguous: Array<{ key: string; a: ReportMember[]; b: ReportMember[] }>;
  /** Why the refresh failed (nothing else in the report is then meaningful). */
  error: string | null;
}

/** A refresh that failed; the cause says where (the group, the connection, the Graph answer). */
export class GroupRefreshError extends Error {
  override readonly name = "GroupRefreshError";
}

export const actorOfBinding = (binding: GroupBinding) => `group-binding:${binding.id}`;

const emptyReport = (at: Date): GroupRefreshReport => ({
  refreshedAt: at.toISOString(),
  groupA: null,
  groupB: null,
  matched: 0,
  created: [],
  started: [],
  paused: [],
  resumed: [],
  left: [],
  skipped: [],
  refused: [],
  unmatchedA: [],
  unmatchedB: [],
  ambiguous: [],
  error: null,
});

/** Refreshes in progress in this process, by binding id. */
const running = new Map<string, Promise<unknown>>();

/**
 * Runs refreshes of one binding one after the other (the scheduler's and an admin's may meet): two at
 * once would both create the same new profiles and one would fail on the unique key.
 */
async function oneAtATime<T>(bindingId: string, refresh: () => Promise<T>): Promise<T> {
  // The earlier refresh's failure belongs to its own caller, who has it; this one runs regardless.
  const next = (running.get(bindingId) ?? Promise.resolve()).catch(() => undefined).then(refresh);
  running.set(bindingId, next);
  try {
    return await next;
  } finally {
    if (running.get(bindingId) === next) running.delete(bindingId);
  }
}

/** Refreshes one binding and stores its report; a failure is stored too, then thrown. */
export async function refreshBinding(
  deps: GroupRefreshDeps,
  binding: GroupBinding,
  now: Date,
): Promise<GroupRefreshReport> {
  return oneAtATime(binding.id, () => refreshAndRecord(deps, binding, now));
}

async function refreshAndRecord(
  deps: GroupRefreshDeps,
  binding: GroupBinding,
  now: Date,
): Promise<GroupRefreshReport> {
  let report: GroupRefreshReport;
  try {
    report = await refreshOnce(deps, binding, now);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = { ...emptyReport(now), error: message };
    await recordGroupRefresh(deps.db, binding.id, JSON.stringify(failed), now);
    throw new GroupRefreshError(`refresh of group binding ${binding.id} failed: ${message}`, {
      cause: error,
    });
  }
  await recordGroupRefresh(deps.db, binding.id, JSON.stringify(report), now);
  return report;
}

/** Whether a binding's refresh is due at `now` (never refreshed, or refreshMinutes passed). */
export function isRefreshDue(binding: GroupBinding, now: Date): boolean {
  if (binding.lastRefreshedAt === null) return true;
  const next = Date.parse(binding.lastRefreshedAt) + binding.refreshMinutes * 60_000;
  return next <= now.getTime();
}

export type DueRefreshOutcome =
  | { bindingId: string; ok: true; report: GroupRefreshReport }
  | { bindingId: string; ok: false; error: GroupRefreshError };

/**
 * Refreshes every binding whose time has come, one after the other. A failing binding does not stop
 * the others: its error is in its outcome (and its stored report) for the scheduler to log.
 */
export async function refreshDueBindings(deps: GroupRefreshDeps, now: Date): Promise<DueRefreshOutcome[]> {
  const due = (await listAllGroupBindings(deps.db)).filter((binding) => isRefreshDue(binding, now));
  const outcomes: DueRefreshOutcome[] = [];
  for (const binding of due) {
    try {
      outcomes.push({ bindingId: binding.id, ok: true, report: await refreshBinding(deps, binding, now) });
    } catch (error) {
      if (!(error instanceof GroupRefreshError)) throw error;
      outcomes.push({ bindingId: binding.id, ok: false, error });
    }
  }
  return outcomes;
}

interface GroupRead {
  id: string;
  name: string;
  members: DirectoryUser[];
}

async function readSide(
  deps: GroupRefreshDeps,
  connectionId: string,
  groupId: string,
  attribute: string | null,
): Promise<GroupRead> {
  const connection = await findConnection(deps.db, connectionId);
  if (!connection) throw new Error(`connection ${connectionId} of the sync no longer exists`);
  const requester = await deps.clients.client(connectionId);
  const where = { connection: connection.name };
  const group = await getGroup(requester, groupId, where);
  const members = await readGroupMembers(requester, groupId, { ...where, attribute });
  return { id: group.id, name: group.displayName, members };
}

async function refreshOnce(
  deps: GroupRefreshDeps,
  binding: GroupBinding,
  now: Date,
): Promise<GroupRefreshReport> {
  const sync = await findSync(deps.db, binding.syncId);
  if (!sync) throw new Error(`sync ${binding.syncId} of the binding no longer exists`);
  const attribute = binding.matchBy === "attribute" ? binding.matchAttribute : null;
  const [a, b] = await Promise.all([
    readSide(deps, sync.connectionA, binding.groupA, attribute),
    readSide(deps, sync.connectionB, binding.groupB, attribute),
  ]);
  const match = matchMembers(a.members, b.members, binding.matchBy);
  const { plan, created } = await applyPlan(deps.db, sync, binding, { a, b, match }, now);
  const report: GroupRefreshReport = {
    ...emptyReport(now),
    groupA: { id: a.id, name: a.name, members: a.members.length },
    groupB: { id: b.id, name: b.name, members: b.members.length },
    matched: match.pairs.length,
    created: created.map(reportProfile),
    skipped: plan.skipped,
    ...unmatchedOf(match, binding),
  };
  await carryOut(deps, binding, plan, created, report);
  report.left = await leftAfter(deps.db, plan);
  return report;
}

/** Plans against the sync's profiles and creates the new ones, in one transaction. */
async function applyPlan(
  db: Store,
  sync: Sync,
  binding: GroupBinding,
  read: { a: GroupRead; b: GroupRead; match: MatchResult<DirectoryUser> },
  now: Date,
): Promise<{ plan: MembershipPlan<Profile>; created: Profile[] }> {
  const wanted: WantedProfile[] = read.match.pairs.map(({ a, b }) => ({
    name: a.displayName,
    mailboxA: a.userPrincipalName,
    mailboxB: b.userPrincipalName,
  }));
  return transaction(db, async (trx) => {
    const plan = planMembership({
      bindingId: binding.id,
      wanted,
      profiles: await listProfiles(trx, { sync: sync.id }),
      membersA: read.a.members.map((member) => member.userPrincipalName),
      membersB: read.b.members.map((member) => member.userPrincipalName),
      groupNames: { A: read.a.name, B: read.b.name },
    });
    const created: Profile[] = [];
    for (const profile of plan.create) {
      const row = await insertProfile(
        trx,
        {
          // The engine's deterministic id: copies carry it, so a lost store can still find them.
          id: profileIdOf(sync.name, profile.mailboxA, profile.mailboxB),
          sync: sync.id,
          ...profile,
          startMode: binding.autoStart ?? sync.startMode,
          source: "group",
          bindingId: binding.id,
        },
        now,
      );
      created.push(row);
    }
    return { plan, created };
  });
}

/** Pauses the leavers that run, resumes the returners this binding paused, starts the new ones. */
async function carryOut(
  deps: GroupRefreshDeps,
  binding: GroupBinding,
  plan: MembershipPlan<Profile>,
  created: Profile[],
  report: GroupRefreshReport,
): Promise<void> {
  const actor = actorOfBinding(binding);
  const byId = new Map(
    [...created, ...plan.kept, ...plan.left.map((left) => left.profile)].map((p) => [p.id, p]),
  );
  const record = (action: ProfileAction, results: ProfileActionResult[]) => {
    const done: ReportProfile[] = [];
    for (const result of results) {
      const profile = byId.get(result.id);
      if (result.ok && profile) done.push(reportProfile(profile));
      else if (result.error) report.refused.push({ profileId: result.id, action, ...result.error });
    }
    return done;
  };
  const toPause = plan.left.filter((left) => PAUSABLE.includes(left.profile.status));
  // One call per reason: the reason names the group the person left.
  for (const reason of new Set(toPause.map((left) => left.reason))) {
    const ids = toPause.filter((left) => left.reason === reason).map((left) => left.profile.id);
    const done = record("pause", await deps.actions.apply("pause", ids, { reason, actor }));
    report.paused.push(...done.map((profile) => ({ ...profile, reason })));
  }
  if (plan.resume.length > 0) {
    const ids = plan.resume.map((profile) => profile.id);
    report.resumed = record("resume", await deps.actions.apply("resume", ids, { actor }));
  }
  if (binding.autoStart !== null && created.length > 0) {
    const ids = created.map((profile) => profile.id);
    report.started = record(
      "start",
      await deps.actions.apply("start", ids, { mode: binding.autoStart, actor }),
    );
  }
}

/** The leavers as they are now (after the pauses). */
async function leftAfter(db: Store, plan: MembershipPlan<Profile>): Promise<GroupRefreshReport["left"]> {
  if (plan.left.length === 0) return [];
  const ids = new Set(plan.left.map((left) => left.profile.id));
  const now = await listProfiles(db, { sync: plan.left[0]!.profile.sync });
  return now
    .filter((profile) => ids.has(profile.id))
    .map((profile) => ({ ...reportProfile(profile), status: profile.status }));
}

const reportProfile = (profile: Pick<Profile, "id" | "name" | "mailboxA" | "mailboxB">): ReportProfile => ({
  id: profile.id,
  name: profile.name,
  mailboxA: profile.mailboxA,
  mailboxB: profile.mailboxB,
});

const reportMember = (member: DirectoryUser): ReportMember => ({
  name: member.displayName,
  address: addressOf(member),
});

const KEY_NAMES = { "local-part": "mail local part", "display-name": "display name" } as const;

/** Who could not be paired, and why, under a binding's rule (a saved binding's, or one being previewed). */
export function unmatchedOf(
  match: MatchResult<DirectoryUser>,
  binding: Pick<GroupBinding, "matchBy" | "matchAttribute">,
): Pick<GroupRefreshReport, "unmatchedA" | "unmatchedB" | "ambiguous"> {
  const keyName =
    binding.matchBy === "attribute" ? (binding.matchAttribute ?? "attribute") : KEY_NAMES[binding.matchBy];
  const why = (member: DirectoryUser, other: "A" | "B") =>
    matchKey(member, binding.matchBy) === undefined
      ? `no ${keyName}`
      : `no member of group ${other} with the same ${keyName}`;
  return {
    unmatchedA: match.unmatchedA.map((member) => ({ ...reportMember(member), reason: why(member, "B") })),
    unmatchedB: match.unmatchedB.map((member) => ({ ...reportMember(member), reason: why(member, "A") })),
    ambiguous: match.ambiguous.map((entry) => ({
      key: entry.key,
      a: entry.a.map(reportMember),
      b: entry.b.map(reportMember),
    })),
  };
}
