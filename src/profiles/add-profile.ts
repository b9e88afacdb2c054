import { randomUUID } from "node:crypto";
import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import { transaction } from "../store/database.js";
import { insertCheckedProfiles } from "../store/profiles.js";
import type { StartMode } from "../store/schema.js";
import { requireSync } from "./find-profile.js";
import { lineOf, planOne, refusingDuplicates, verifyLine } from "./one-profile.js";
import type { ProfileDeps } from "./sync-mailboxes.js";

export interface NewProfileInput {
  name: string;
  mailboxA: string;
  mailboxB: string;
  /** Default: the sync's. */
  startMode?: StartMode | undefined;
}

/**
 * Adds one profile to a sync, as a draft, once both mailboxes were verified in their tenants. Planned
 * before Graph is asked (no check for a row that cannot be added) and again in the write transaction:
 * the sync's profiles may have changed while Graph answered. Returns the new profile's id.
 */
export async function addProfile(
  deps: ProfileDeps,
  syncId: string,
  input: NewProfileInput,
  by: AuditActor,
): Promise<string> {
  const sync = await requireSync(deps.db, syncId);
  const line = lineOf(input.name, input.mailboxA, input.mailboxB);
  await planOne(deps.db, sync, line);
  const verdictOf = await verifyLine(deps, sync, line);
  const now = deps.now();
  const id = randomUUID();
  const profile = { id, sync: sync.id, name: line.name, mailboxA: line.mailboxA, mailboxB: line.mailboxB };
  await refusingDuplicates(() =>
    transaction(deps.db, async (trx) => {
      await planOne(trx, sync, line, { verdictOf });
      const checked = { check: "verified" as const, reason: null };
      const startMode = input.startMode ?? sync.startMode;
      await insertCheckedProfiles(
        trx,
        [{ ...profile, startMode, source: "manual", mailboxCheck: checked }],
        now,
      );
      const detail = {
        profileId: id,
        syncId: sync.id,
        name: line.name,
        mailboxA: line.mailboxA,
        mailboxB: line.mailboxB,
      };
      await recordAudit(trx, { action: "profile_created", ...by, detail }, now);
    }),
  );
  return id;
}
