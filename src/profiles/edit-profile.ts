import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import { transaction } from "../store/database.js";
import {
  findProfileById,
  type Profile,
  type ProfileDetails,
  updateProfileDetails,
  updateProfileMailboxes,
} from "../store/profiles.js";
import type { Sync } from "../store/syncs.js";
import { profileNotFound, requireProfile, requireSync } from "./find-profile.js";
import { lineOf, planOne, refusingDuplicates, verifyLine } from "./one-profile.js";
import type { ParsedLine } from "./profile-lines.js";
import { ProfileRefusal } from "./profile-refusal.js";
import type { ProfileDeps } from "./sync-mailboxes.js";

export interface ProfilePatch extends ProfileDetails {
  mailboxA?: string | undefined;
  mailboxB?: string | undefined;
}

/**
 * Renames a profile or changes its start mode; re-points its mailboxes (verified again, like a new
 * profile's) only while it is a draft: a started profile's copies belong to the mailboxes it has.
 */
export async function editProfile(
  deps: ProfileDeps,
  id: string,
  patch: ProfilePatch,
  by: AuditActor,
): Promise<void> {
  const profile = await requireProfile(deps.db, id);
  const { mailboxA, mailboxB, ...details } = patch;
  const line = lineOf(patch.name ?? profile.name, mailboxA ?? profile.mailboxA, mailboxB ?? profile.mailboxB);
  const moves =
    line.mailboxA !== profile.mailboxA.toLowerCase() || line.mailboxB !== profile.mailboxB.toLowerCase();
  const notDraft = (status: string) =>
    notADraft(profile.id, status, mailboxA !== undefined ? "mailboxA" : "mailboxB");
  const wantsMailboxes = mailboxA !== undefined || mailboxB !== undefined;
  if (wantsMailboxes && moves && profile.status !== "draft") throw notDraft(profile.status);
  const sync = await requireSync(deps.db, profile.sync);
  const verdictOf = moves ? await planAndVerify(deps, sync, line, profile.id) : undefined;
  const now = deps.now();
  await refusingDuplicates(() =>
    transaction(deps.db, async (trx) => {
      if (verdictOf) {
        await planOne(trx, sync, line, { except: profile.id, verdictOf });
        const mailboxes = { mailboxA: line.mailboxA, mailboxB: line.mailboxB };
        const verified = { check: "verified" as const, reason: null };
        if (!(await updateProfileMailboxes(trx, profile.id, mailboxes, verified, now))) {
          // Removed, or started while its new mailboxes were being verified.
          const current = await findProfileById(trx, profile.id);
          throw current ? notDraft(current.status) : profileNotFound(profile.id);
        }
      }
      if (Object.keys(details).length > 0 && !(await updateProfileDetails(trx, profile.id, details, now)))
        throw profileNotFound(profile.id);
      const detail = {
        profileId: profile.id,
        name: patch.name ?? profile.name,
        changed: Object.keys(patch).sort(),
      };
      await recordAudit(trx, { action: "profile_updated", ...by, detail }, now);
    }),
  );
}

const notADraft = (id: string, status: string, field: string) =>
  new ProfileRefusal(
    "conflict",
    "profile_not_draft",
    `profile ${id} is ${status}: mailboxes change only while it is a draft (remove it and add a new one)`,
    [field],
  );

async function planAndVerify(deps: ProfileDeps, sync: Sync, line: ParsedLine, except: Profile["id"]) {
  await planOne(deps.db, sync, line, { except });
  return verifyLine(deps, sync, line);
}
