import { randomUUID } from "node:crypto";
import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import { findConnection } from "../store/connections.js";
import { type Store, transaction } from "../store/database.js";
import { StoreConflictError } from "../store/errors.js";
import { deleteSync, findSync, insertSync, updateSync } from "../store/syncs.js";
import { applyPatch, compileProblems, type SyncDocument, toStored, withDefaults } from "./sync-document.js";
import type { NewSyncInput, SyncPatch, SyncViewData } from "./sync-document-schema.js";
import { SyncInputError, SyncRefusal } from "./sync-refusal.js";
import { countsBySync, documentOf, syncNotFound, syncView } from "./sync-views.js";

/**
 * Syncs made and changed through the API, from bodies already checked against the sync document's
 * rules (inputProblems). A sync's connections change only while it has no profiles: their copies were
 * made through them.
 */

export interface SyncEdits {
  db: Store;
  now: () => Date;
}

/** Both connections exist and differ; the field named is the one to fix. */
async function checkConnections(db: Store, doc: SyncDocument): Promise<void> {
  if (doc.connectionA === doc.connectionB) {
    const message = "connectionA and connectionB are the same connection: a sync joins two";
    throw new SyncRefusal("invalid", "invalid_request", message, ["connectionB"]);
  }
  for (const side of ["connectionA", "connectionB"] as const) {
    if (!(await findConnection(db, doc[side])))
      throw new SyncRefusal("not_found", "connection_not_found", `no connection with id ${doc[side]}`, [
        side,
      ]);
  }
}

/** The settings as stored, compiled once more: what cannot compile is never stored. */
function storedOf(doc: SyncDocument) {
  const stored = toStored(doc);
  const problems = compileProblems(stored.settings);
  if (problems.length > 0) throw new SyncInputError(problems);
  return { ...stored, settings: JSON.stringify(stored.settings) };
}

async function refusingTakenName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StoreConflictError)
      throw new SyncRefusal("conflict", "sync_name_taken", `a sync named "${name}" already exists`, ["name"]);
    throw error;
  }
}

/** A new sync between two connections, with the config file's defaults for what the input leaves out. */
export async function createSync(
  deps: SyncEdits,
  input: NewSyncInput,
  by: AuditActor,
): Promise<SyncViewData> {
  const doc = withDefaults(input);
  const stored = storedOf(doc);
  const now = deps.now();
  const id = randomUUID();
  const row = await refusingTakenName(doc.name, () =>
    transaction(deps.db, async (trx) => {
      await checkConnections(trx, doc);
      const row = await insertSync(trx, { id, ...stored }, now);
      await recordAudit(trx, { action: "sync_created", ...by, detail: { syncId: id, name: doc.name } }, now);
      return row;
    }),
  );
  return syncView(row, undefined);
}

/** An edit: policies and window merge key by key, every other field given replaces the current one. */
export async function editSync(
  deps: SyncEdits,
  id: string,
  patch: SyncPatch,
  by: AuditActor,
): Promise<SyncViewData> {
  const now = deps.now();
  return refusingTakenName(patch.name ?? "", () =>
    transaction(deps.db, async (trx) => {
      const current = await findSync(trx, id);
      if (!current) throw syncNotFound(id);
      const doc = applyPatch(documentOf(current), patch);
      const counts = (await countsBySync(trx, id)).get(id);
      if (doc.connectionA !== current.connectionA || doc.connectionB !== current.connectionB) {
        if (counts) {
          const message = `the sync has ${counts.total} profile(s) whose copies were made through its connections: remove them before changing connections`;
          const at = patch.connectionA !== undefined ? "connectionA" : "connectionB";
          throw new SyncRefusal("conflict", "sync_has_profiles", message, [at]);
        }
        await checkConnections(trx, doc);
      }
      await updateSync(trx, id, storedOf(doc), now);
      const detail = { syncId: id, name: doc.name, changed: Object.keys(patch).sort() };
      await recordAudit(trx, { action: "sync_updated", ...by, detail }, now);
      return syncView((await findSync(trx, id))!, counts);
    }),
  );
}

/** Deletes a sync without profiles (they hold its copies' state: remove them first). */
export async function removeSync(db: Store, id: string, by: AuditActor, now: Date): Promise<void> {
  await transaction(db, async (trx) => {
    const current = await findSync(trx, id);
    if (!current) throw syncNotFound(id);
    const counts = (await countsBySync(trx, id)).get(id);
    if (counts) {
      const message = `the sync has ${counts.total} profile(s): remove them first (their copies are cleaned up with them)`;
      throw new SyncRefusal("conflict", "sync_has_profiles", message);
    }
    await deleteSync(trx, id);
    await recordAudit(
      trx,
      { action: "sync_deleted", ...by, detail: { syncId: id, name: current.name } },
      now,
    );
  });
}
