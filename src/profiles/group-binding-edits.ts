import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import { type Store, transaction } from "../store/database.js";
import {
  deleteGroupBinding,
  findGroupBinding,
  type GroupBinding,
  type GroupBindingChanges,
  releaseBindingProfiles,
  updateGroupBinding,
} from "../store/group-bindings.js";
import type { GroupMatch } from "../store/schema.js";
import { type DocumentStartMode, storedStartMode } from "../store/start-mode.js";
import { requireSync } from "./find-profile.js";
import { type GroupRefreshDeps, GroupRefreshError, refreshBinding } from "./group-refresh.js";
import { ProfileRefusal } from "./profile-refusal.js";

/** A sync's group bindings once made (see bind-groups.ts): read, edit, delete, refresh now. */

export const bindingNotFound = (id: string) =>
  new ProfileRefusal("not_found", "group_binding_not_found", `no group binding with id ${id} in this sync`);

/** The binding `id` of sync `syncId` (the sync first: a missing sync is named as such). */
export async function requireBinding(db: Store, syncId: string, id: string): Promise<GroupBinding> {
  await requireSync(db, syncId);
  const binding = await findGroupBinding(db, id);
  if (!binding || binding.syncId !== syncId) throw bindingNotFound(id);
  return binding;
}

/** Attribute matching needs the attribute, and only it uses one. */
export function checkAttribute(matchBy: string, attribute: string | null | undefined): void {
  const invalid = (message: string) =>
    new ProfileRefusal("invalid", "invalid_request", message, ["matchAttribute"]);
  if (matchBy === "attribute" && !attribute) throw invalid("matchBy attribute needs matchAttribute");
  if (matchBy !== "attribute" && attribute)
    throw invalid("matchAttribute is only used with matchBy attribute");
}

export interface BindingPatch {
  matchBy?: GroupMatch | undefined;
  matchAttribute?: string | null | undefined;
  refreshMinutes?: number | undefined;
  /** As the API and config file spell it; null: new profiles stay drafts. */
  autoStart?: DocumentStartMode | null | undefined;
}

/** Changes how a binding matches members, how often it refreshes, or how its new profiles start. */
export async function editBinding(
  deps: { db: Store; now: () => Date },
  ids: { syncId: string; id: string },
  patch: BindingPatch,
  by: AuditActor,
): Promise<GroupBinding> {
  const { syncId, id } = ids;
  const now = deps.now();
  return transaction(deps.db, async (trx) => {
    const binding = await findGroupBinding(trx, id);
    if (!binding || binding.syncId !== syncId) throw bindingNotFound(id);
    const updated = await updateGroupBinding(trx, id, changesOf(binding, patch), now);
    if (!updated) throw bindingNotFound(id);
    const detail = { bindingId: id, syncId, changed: Object.keys(patch).sort() };
    await recordAudit(trx, { action: "group_binding_updated", ...by, detail }, now);
    return updated;
  });
}

function changesOf(binding: GroupBinding, patch: BindingPatch): GroupBindingChanges {
  const changes: GroupBindingChanges = {};
  if (patch.matchBy !== undefined) changes.matchBy = patch.matchBy;
  if (patch.matchAttribute !== undefined) changes.matchAttribute = patch.matchAttribute;
  if (patch.refreshMinutes !== undefined) changes.refreshMinutes = patch.refreshMinutes;
  if (patch.autoStart !== undefined) changes.autoStart = patch.autoStart && storedStartMode(patch.autoStart);
  const matchBy = changes.matchBy ?? binding.matchBy;
  // Leaving attribute matching drops the attribute, so the binding never holds a rule it does not use.
  if (matchBy !== "attribute" && patch.matchAttribute === undefined) changes.matchAttribute = null;
  checkAttribute(
    matchBy,
    changes.matchAttribute === undefined ? binding.matchAttribute : changes.matchAttribute,
  );
  return changes;
}

/** Deletes a binding; its profiles stay, no longer kept by it. */
export async function unbindGroups(
  db: Store,
  ids: { syncId: string; id: string },
  by: AuditActor,
  now: Date,
): Promise<void> {
  const { syncId, id } = ids;
  await transaction(db, async (trx) => {
    const binding = await findGroupBinding(trx, id);
    if (!binding || binding.syncId !== syncId) throw bindingNotFound(id);
    const released = await releaseBindingProfiles(trx, id, now);
    await deleteGroupBinding(trx, id);
    const detail = { bindingId: id, syncId, profilesKept: released };
    await recordAudit(trx, { action: "group_binding_deleted", ...by, detail }, now);
  });
}

/** Refreshes a binding now; a failure is stored on the binding and refused as the directory's. */
export async function refreshNow(deps: GroupRefreshDeps, binding: GroupBinding, now: Date) {
  try {
    return await refreshBinding(deps, binding, now);
  } catch (error) {
    if (error instanceof GroupRefreshError)
      throw new ProfileRefusal("upstream", "group_refresh_failed", error.message);
    throw error;
  }
}

/** An administrator's refresh of a binding, audited; returns the binding with its new report. */
export async function refreshBindingNow(
  deps: GroupRefreshDeps & { now: () => Date },
  ids: { syncId: string; id: string },
  by: AuditActor,
): Promise<GroupBinding> {
  const binding = await requireBinding(deps.db, ids.syncId, ids.id);
  const report = await refreshNow(deps, binding, deps.now());
  const detail = {
    bindingId: binding.id,
    syncId: binding.syncId,
    created: report.created.length,
    paused: report.paused.length,
    resumed: report.resumed.length,
  };
  await recordAudit(deps.db, { action: "group_binding_refreshed", ...by, detail }, deps.now());
  return (await findGroupBinding(deps.db, binding.id)) ?? binding;
}
