import { randomUUID } from "node:crypto";
import { AmbiguousGroupError, type DirectoryGroup, findGroup } from "../graph/directory.js";
import { GraphRequestError } from "../graph/errors.js";
import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import { findConnection } from "../store/connections.js";
import { transaction } from "../store/database.js";
import { StoreConflictError } from "../store/errors.js";
import { findGroupBinding, type GroupBinding, insertGroupBinding } from "../store/group-bindings.js";
import type { GroupMatch } from "../store/schema.js";
import { type DocumentStartMode, storedStartMode } from "../store/start-mode.js";
import type { Sync } from "../store/syncs.js";
import { requireSync } from "./find-profile.js";
import { checkAttribute, refreshNow } from "./group-binding-edits.js";
import type { GroupRefreshDeps } from "./group-refresh.js";
import { ProfileRefusal } from "./profile-refusal.js";

export interface NewBindingInput {
  /** Each group's object id, or its display name (resolved to the id now). */
  groupA: string;
  groupB: string;
  matchBy?: GroupMatch | undefined;
  matchAttribute?: string | undefined;
  refreshMinutes?: number | undefined;
  autoStart?: DocumentStartMode | null | undefined;
}

const DEFAULT_REFRESH_MINUTES = 60;

/**
 * Binds a group in each tenant of a sync, then refreshes it once: its matched members get profiles.
 * A failed first refresh leaves the binding standing, its report saying why (`refreshError` too).
 */
export async function bindGroups(
  deps: GroupRefreshDeps & { now: () => Date },
  syncId: string,
  input: NewBindingInput,
  by: AuditActor,
): Promise<{ binding: GroupBinding; refreshError?: string }> {
  const sync = await requireSync(deps.db, syncId);
  const binding = await createBinding(deps, sync, input, by);
  let refreshError: string | undefined;
  try {
    await refreshNow(deps, binding, deps.now());
  } catch (error) {
    if (!(error instanceof ProfileRefusal)) throw error;
    refreshError = error.message;
  }
  const refreshed = (await findGroupBinding(deps.db, binding.id)) ?? binding;
  return refreshError === undefined ? { binding: refreshed } : { binding: refreshed, refreshError };
}

async function createBinding(
  deps: GroupRefreshDeps & { now: () => Date },
  sync: Sync,
  input: NewBindingInput,
  by: AuditActor,
): Promise<GroupBinding> {
  const matchBy = input.matchBy ?? "local-part";
  checkAttribute(matchBy, input.matchAttribute);
  const groupA = await resolveGroup(deps, "A", sync.connectionA, input.groupA);
  const groupB = await resolveGroup(deps, "B", sync.connectionB, input.groupB);
  const now = deps.now();
  const binding = {
    id: randomUUID(),
    syncId: sync.id,
    groupA: groupA.id,
    groupB: groupB.id,
    matchBy,
    matchAttribute: input.matchAttribute ?? null,
    refreshMinutes: input.refreshMinutes ?? DEFAULT_REFRESH_MINUTES,
    autoStart: input.autoStart ? storedStartMode(input.autoStart) : null,
  };
  try {
    return await transaction(deps.db, async (trx) => {
      const row = await insertGroupBinding(trx, binding, now);
      const detail = {
        bindingId: row.id,
        syncId: sync.id,
        groupA: { id: groupA.id, name: groupA.displayName },
        groupB: { id: groupB.id, name: groupB.displayName },
        matchBy,
      };
      await recordAudit(trx, { action: "group_binding_created", ...by, detail }, now);
      return row;
    });
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    const message = `this sync already binds "${groupA.displayName}" and "${groupB.displayName}"`;
    throw new ProfileRefusal("conflict", "group_binding_exists", message, ["groupA"]);
  }
}

/** The group one side names (id or display name) in that side's tenant, or a refusal naming the side. */
export async function resolveGroup(
  deps: Pick<GroupRefreshDeps, "db" | "clients">,
  side: "A" | "B",
  connectionId: string,
  idOrName: string,
): Promise<DirectoryGroup> {
  const at = [`group${side}`];
  const connection = await findConnection(deps.db, connectionId);
  if (!connection)
    throw new ProfileRefusal(
      "conflict",
      "connection_missing",
      `connection ${connectionId} of side ${side} is gone`,
    );
  let group: DirectoryGroup | undefined;
  try {
    const requester = await deps.clients.client(connectionId);
    group = await findGroup(requester, idOrName, { connection: connection.name });
  } catch (error) {
    if (error instanceof AmbiguousGroupError)
      throw new ProfileRefusal("conflict", "group_ambiguous", error.message, at);
    // The tenant or crosscal's permissions there, not the request.
    if (error instanceof GraphRequestError)
      throw new ProfileRefusal("upstream", "directory_unavailable", error.message);
    throw error;
  }
  if (!group) {
    const message = `no group "${idOrName}" on side ${side} (connection ${connection.name}, tenant ${connection.tenant})`;
    throw new ProfileRefusal("not_found", "group_not_found", message, at);
  }
  return group;
}
