import type { Side } from "../core/event.js";
import { TokenAcquisitionError } from "../graph/auth.js";
import { type DirectoryGroup, readGroupMembers, searchGroups } from "../graph/directory.js";
import { GraphRequestError } from "../graph/errors.js";
import { findConnection } from "../store/connections.js";
import { listGroupBindings } from "../store/group-bindings.js";
import { listProfiles } from "../store/profiles.js";
import type { GroupMatch } from "../store/schema.js";
import type { Sync } from "../store/syncs.js";
import { resolveGroup } from "./bind-groups.js";
import { requireSync } from "./find-profile.js";
import { checkAttribute } from "./group-binding-edits.js";
import { matchMembers } from "./group-match.js";
import { planMembership } from "./group-plan.js";
import { type GroupRefreshDeps, type GroupRefreshReport, unmatchedOf } from "./group-refresh.js";
import { ProfileRefusal } from "./profile-refusal.js";

/**
 * Before a group binding is made: find a group in each tenant of a sync, and see what binding two
 * groups with a matching rule would do (who is paired, who is not, and why) without writing anything.
 */

export type DirectoryDeps = Pick<GroupRefreshDeps, "db" | "clients">;

/** A directory read that failed: the tenant or crosscal's permissions there, not the request. */
function directoryFailure(error: unknown): never {
  if (error instanceof GraphRequestError || error instanceof TokenAcquisitionError)
    throw new ProfileRefusal("upstream", "directory_unavailable", error.message);
  throw error;
}

const connectionOf = (sync: Sync, side: Side) => (side === "A" ? sync.connectionA : sync.connectionB);

async function sideConnection(deps: DirectoryDeps, sync: Sync, side: Side) {
  const id = connectionOf(sync, side);
  const connection = await findConnection(deps.db, id);
  if (!connection)
    throw new ProfileRefusal("conflict", "connection_missing", `connection ${id} of side ${side} is gone`);
  const requester = await deps.clients.client(id).catch(directoryFailure);
  return { connection, requester };
}

/** Groups of one side's tenant whose display name has a word starting with `text` (or with that id). */
export async function searchSyncGroups(
  deps: DirectoryDeps,
  syncId: string,
  side: Side,
  text: string,
): Promise<DirectoryGroup[]> {
  const sync = await requireSync(deps.db, syncId);
  const { connection, requester } = await sideConnection(deps, sync, side);
  return searchGroups(requester, text, { connection: connection.name }).catch(directoryFailure);
}

export interface PreviewInput {
  groupA: string;
  groupB: string;
  matchBy?: GroupMatch | undefined;
  matchAttribute?: string | undefined;
}

export interface BindingPreview {
  groupA: { id: string; name: string; members: number };
  groupB: { id: string; name: string; members: number };
  /** A binding of this sync that already binds these two groups (making another is refused). */
  alreadyBound: string | null;
  /** Matched pairs: each would become a profile, or is skipped (and why). */
  pairs: Array<{
    name: string;
    mailboxA: string;
    mailboxB: string;
    outcome: "create" | "skip";
    reason: string | null;
  }>;
  unmatchedA: GroupRefreshReport["unmatchedA"];
  unmatchedB: GroupRefreshReport["unmatchedB"];
  ambiguous: GroupRefreshReport["ambiguous"];
}

/** What binding two groups would do now: reads both groups and the sync's profiles, writes nothing. */
export async function previewBinding(
  deps: DirectoryDeps,
  syncId: string,
  input: PreviewInput,
): Promise<BindingPreview> {
  const sync = await requireSync(deps.db, syncId);
  const matchBy = input.matchBy ?? "local-part";
  checkAttribute(matchBy, input.matchAttribute);
  const attribute = matchBy === "attribute" ? (input.matchAttribute ?? null) : null;
  const read = async (side: Side, idOrName: string) => {
    const group = await resolveGroup(deps, side, connectionOf(sync, side), idOrName);
    const { connection, requester } = await sideConnection(deps, sync, side);
    const members = await readGroupMembers(requester, group.id, {
      connection: connection.name,
      attribute,
    }).catch(directoryFailure);
    return { group, members };
  };
  const a = await read("A", input.groupA);
  const b = await read("B", input.groupB);
  const match = matchMembers(a.members, b.members, matchBy);
  const plan = planMembership({
    // No profile belongs to a binding not made yet: every pair is new or taken another way.
    bindingId: "preview",
    wanted: match.pairs.map((pair) => ({
      name: pair.a.displayName,
      mailboxA: pair.a.userPrincipalName,
      mailboxB: pair.b.userPrincipalName,
    })),
    profiles: await listProfiles(deps.db, { sync: sync.id }),
    membersA: a.members.map((member) => member.userPrincipalName),
    membersB: b.members.map((member) => member.userPrincipalName),
    groupNames: { A: a.group.displayName, B: b.group.displayName },
  });
  const skipped = new Map(plan.skipped.map((skip) => [`${skip.mailboxA}\n${skip.mailboxB}`, skip.reason]));
  const bound = (await listGroupBindings(deps.db, sync.id)).find(
    (binding) => binding.groupA === a.group.id && binding.groupB === b.group.id,
  );
  return {
    groupA: { id: a.group.id, name: a.group.displayName, members: a.members.length },
    groupB: { id: b.group.id, name: b.group.displayName, members: b.members.length },
    alreadyBound: bound?.id ?? null,
    pairs: match.pairs.map((pair) => {
      const reason = skipped.get(`${pair.a.userPrincipalName}\n${pair.b.userPrincipalName}`) ?? null;
      return {
        name: pair.a.displayName,
        mailboxA: pair.a.userPrincipalName,
        mailboxB: pair.b.userPrincipalName,
        outcome: reason === null ? "create" : "skip",
        reason,
      };
    }),
    ...unmatchedOf(match, { matchBy, matchAttribute: input.matchAttribute ?? null }),
  };
}
