import { checkResultOf, type MailboxVerdict } from "../connections/mailbox-check.js";
import type { Side } from "../core/event.js";
import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import { transaction } from "../store/database.js";
import { type MailboxCheckResult, type Profile, setMailboxCheck } from "../store/profiles.js";
import type { Sync } from "../store/syncs.js";
import { profileNotFound, requireProfile, requireSync } from "./find-profile.js";
import { verifyLine } from "./one-profile.js";
import type { ProfileDeps } from "./sync-mailboxes.js";

export interface ProfileMailboxCheck {
  verdicts: Record<Side, MailboxVerdict>;
  /** What the profile records of the two verdicts. */
  result: MailboxCheckResult;
}

/** Checks both mailboxes of a profile in their tenants, through the sync's connections. */
export async function checkProfileMailboxes(
  deps: ProfileDeps,
  profile: Profile,
  sync: Sync,
): Promise<ProfileMailboxCheck> {
  const verdictOf = await verifyLine(deps, sync, profile);
  const verdicts = { A: verdictOf("A", profile.mailboxA)!, B: verdictOf("B", profile.mailboxB)! };
  return { verdicts, result: checkResultOf([verdicts.A, verdicts.B]) };
}

/** An administrator's new check of a profile's mailboxes, recorded on the profile and in the audit log. */
export async function verifyProfile(
  deps: ProfileDeps,
  id: string,
  by: AuditActor,
): Promise<ProfileMailboxCheck> {
  const profile = await requireProfile(deps.db, id);
  const sync = await requireSync(deps.db, profile.sync);
  const check = await checkProfileMailboxes(deps, profile, sync);
  const now = deps.now();
  await transaction(deps.db, async (trx) => {
    if (!(await setMailboxCheck(trx, profile.id, check.result, now))) throw profileNotFound(profile.id);
    const detail = { profileId: profile.id, mailboxCheck: check.result.check };
    await recordAudit(trx, { action: "profile_verified", ...by, detail }, now);
  });
  return check;
}
