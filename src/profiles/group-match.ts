import type { DirectoryUser } from "../graph/directory.js";
import type { GroupMatch } from "../store/schema.js";

/**
 * Pairs the members of a group in tenant A with the members of a group in tenant B: the same person is
 * recognised by the local part of their address (default), their display name, or a directory attribute
 * (employeeId, an extension attribute...). A key held by two members of one side is ambiguous: reported,
 * never guessed at. Pure: the same members always give the same answer.
 */

export type MatchMember = Pick<
  DirectoryUser,
  "id" | "displayName" | "mail" | "userPrincipalName" | "attribute"
>;

export interface MemberPair<T> {
  key: string;
  a: T;
  b: T;
}

/** A key shared by several members of one side (or both): none of them is paired. */
export interface AmbiguousKey<T> {
  key: string;
  a: T[];
  b: T[];
}

export interface MatchResult<T> {
  /** In the order of side A's members. */
  pairs: MemberPair<T>[];
  unmatchedA: T[];
  unmatchedB: T[];
  ambiguous: AmbiguousKey<T>[];
}

/** The address a member is known by: the mail address, else the user principal name. */
export const addressOf = (member: MatchMember): string => member.mail?.trim() || member.userPrincipalName;

/** Case and spacing do not tell people apart: "  Adele  VANCE" is "adele vance". */
const folded = (text: string) => text.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();

/** The member's matching key under `by`, or undefined when it has none (e.g. no value of the attribute). */
export function matchKey(member: MatchMember, by: GroupMatch): string | undefined {
  let raw: string | null | undefined;
  if (by === "local-part") {
    const address = addressOf(member);
    raw = address.slice(0, Math.max(0, address.lastIndexOf("@"))) || address;
  } else if (by === "display-name") raw = member.displayName;
  else raw = member.attribute;
  const key = raw === null || raw === undefined ? "" : folded(raw);
  return key === "" ? undefined : key;
}

/** Members by key, each member once (by id), in first-seen order; members without a key are left out. */
function byKey<T extends MatchMember>(members: readonly T[], by: GroupMatch): Map<string, T[]> {
  const seen = new Set<string>();
  const keyed = new Map<string, T[]>();
  for (const member of members) {
    if (seen.has(member.id)) continue;
    seen.add(member.id);
    const key = matchKey(member, by);
    if (key === undefined) continue;
    keyed.set(key, [...(keyed.get(key) ?? []), member]);
  }
  return keyed;
}

/** The members not in `taken`, each once. */
function leftOver<T extends MatchMember>(members: readonly T[], taken: Set<string>): T[] {
  const seen = new Set(taken);
  const rest: T[] = [];
  for (const member of members) {
    if (seen.has(member.id)) continue;
    seen.add(member.id);
    rest.push(member);
  }
  return rest;
}

/**
 * Pairs members whose key is held by exactly one member on each side. A key held by several members of
 * a side that the other side also holds is ambiguous; a key found on one side only leaves its members
 * unmatched (however many hold it), as do members without a key.
 */
export function matchMembers<T extends MatchMember>(
  membersA: readonly T[],
  membersB: readonly T[],
  by: GroupMatch,
): MatchResult<T> {
  const keyedA = byKey(membersA, by);
  const keyedB = byKey(membersB, by);
  const pairs: MemberPair<T>[] = [];
  const ambiguous: AmbiguousKey<T>[] = [];
  const takenA = new Set<string>();
  const takenB = new Set<string>();
  for (const [key, a] of keyedA) {
    const b = keyedB.get(key);
    if (!b) continue;
    for (const member of a) takenA.add(member.id);
    for (const member of b) takenB.add(member.id);
    if (a.length === 1 && b.length === 1) pairs.push({ key, a: a[0]!, b: b[0]! });
    else ambiguous.push({ key, a, b });
  }
  return {
    pairs,
    unmatchedA: leftOver(membersA, takenA),
    unmatchedB: leftOver(membersB, takenB),
    ambiguous,
  };
}
