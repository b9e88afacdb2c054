import type { ProfileStatus } from "../store/schema.js";

/**
 * What a group binding's refresh does to the sync's profiles, decided from the matched members and the
 * profiles the sync already has. Pure; src/engine/group-refresh.ts reads the groups and carries it out.
 *
 * - A matched pair without a profile gets one, unless one of its mailboxes already belongs to another
 *   profile of the sync, or the same pair is a profile made another way (by hand, an import, another
 *   binding): those are skipped with the reason, never taken over.
 * - A profile of this binding whose pair is no longer matched has left: it is paused if it runs.
 * - A profile of this binding matched again that this binding paused is resumed; one paused by a
 *   person stays paused.
 */

export interface WantedProfile {
  name: string;
  mailboxA: string;
  mailboxB: string;
}

export interface ExistingProfile {
  id: string;
  name: string;
  mailboxA: string;
  mailboxB: string;
  status: ProfileStatus;
  statusReason: string | null;
  source: string;
  bindingId: string | null;
}

export interface MembershipInput {
  bindingId: string;
  /** Matched pairs (mailboxes as the directory gave them). */
  wanted: readonly WantedProfile[];
  /** Every profile of the sync. */
  profiles: readonly ExistingProfile[];
  /** Addresses (user principal names) of each group's current members, any case. */
  membersA: readonly string[];
  membersB: readonly string[];
  groupNames: { A: string; B: string };
}

export interface LeftProfile<P> {
  profile: P;
  /** Why it no longer belongs, for the pause reason. */
  reason: string;
}

export interface MembershipPlan<P> {
  create: WantedProfile[];
  /** Matched pairs that already are profiles of this binding. */
  kept: P[];
  skipped: Array<WantedProfile & { reason: string }>;
  /** Profiles of this binding no longer matched (whatever their status). */
  left: LeftProfile<P>[];
  /** Profiles of this binding matched again that the binding itself paused. */
  resume: P[];
}

/** Statuses a profile that left is paused from (a draft does nothing; a paused one already is). */
export const PAUSABLE: readonly ProfileStatus[] = ["active", "error", "needs_confirmation"];

const lower = (address: string) => address.trim().toLowerCase();
const pairKey = (a: string, b: string) => `${lower(a)}\n${lower(b)}`;

/** The mark a pause reason carries when this binding paused the profile; only such pauses are undone. */
export const bindingMark = (bindingId: string) => `(group binding ${bindingId})`;

export const pausedByBinding = (profile: ExistingProfile, bindingId: string) =>
  profile.status === "paused" && (profile.statusReason ?? "").endsWith(bindingMark(bindingId));

export function planMembership<P extends ExistingProfile>(
  input: Omit<MembershipInput, "profiles"> & { profiles: readonly P[] },
): MembershipPlan<P> {
  const byPair = new Map(input.profiles.map((p) => [pairKey(p.mailboxA, p.mailboxB), p]));
  const byA = new Map(input.profiles.map((p) => [lower(p.mailboxA), p]));
  const byB = new Map(input.profiles.map((p) => [lower(p.mailboxB), p]));
  const plan: MembershipPlan<P> = { create: [], kept: [], skipped: [], left: [], resume: [] };
  const wantedPairs = new Set<string>();
  const members = { A: new Set(input.membersA.map(lower)), B: new Set(input.membersB.map(lower)) };
  for (const wanted of input.wanted) {
    wantedPairs.add(pairKey(wanted.mailboxA, wanted.mailboxB));
    const existing = byPair.get(pairKey(wanted.mailboxA, wanted.mailboxB));
    if (existing?.bindingId === input.bindingId) {
      plan.kept.push(existing);
      if (pausedByBinding(existing, input.bindingId)) plan.resume.push(existing);
    } else if (existing) {
      plan.skipped.push({ ...wanted, reason: madeAnotherWay(existing) });
    } else {
      const clash = clashOf(wanted, byA, byB);
      if (clash) plan.skipped.push({ ...wanted, reason: clash });
      else plan.create.push(wanted);
    }
  }
  for (const profile of input.profiles) {
    if (profile.bindingId !== input.bindingId) continue;
    if (wantedPairs.has(pairKey(profile.mailboxA, profile.mailboxB))) continue;
    plan.left.push({ profile, reason: leftReason(profile, members, input) });
  }
  return plan;
}

function madeAnotherWay(existing: ExistingProfile): string {
  if (existing.bindingId !== null) return "already a profile of this sync, kept by another group binding";
  return `already a profile of this sync (source: ${existing.source})`;
}

function clashOf(
  wanted: WantedProfile,
  byA: Map<string, ExistingProfile>,
  byB: Map<string, ExistingProfile>,
): string | undefined {
  const sameA = byA.get(lower(wanted.mailboxA));
  if (sameA) return `${wanted.mailboxA} is already paired with ${sameA.mailboxB} in this sync`;
  const sameB = byB.get(lower(wanted.mailboxB));
  if (sameB) return `${wanted.mailboxB} is already paired with ${sameB.mailboxA} in this sync`;
  return undefined;
}

function leftReason(
  profile: ExistingProfile,
  members: { A: Set<string>; B: Set<string> },
  input: Pick<MembershipInput, "bindingId" | "groupNames">,
): string {
  const mark = bindingMark(input.bindingId);
  if (!members.A.has(lower(profile.mailboxA))) return `left the group "${input.groupNames.A}" ${mark}`;
  if (!members.B.has(lower(profile.mailboxB))) return `left the group "${input.groupNames.B}" ${mark}`;
  return `no longer matched between "${input.groupNames.A}" and "${input.groupNames.B}" ${mark}`;
}
