import type { MailboxVerdictStatus } from "../connections/mailbox-check.js";
import type { Side } from "../core/event.js";
import { findProfileByMailbox } from "../store/profiles.js";
import { requireSync } from "./find-profile.js";
import { addressProblems } from "./profile-lines.js";
import { ProfileRefusal } from "./profile-refusal.js";
import { type ProfileDeps, verifySides } from "./sync-mailboxes.js";

/**
 * One mailbox of a sync checked on its own, before a profile is added (the dashboard asks as the admin
 * types): the same verification adding a profile makes, and whether another profile of the sync already
 * pairs that mailbox. Records nothing.
 */

export interface SyncMailboxCheck {
  side: Side;
  /** As stored: trimmed, lower case. */
  mailbox: string;
  status: MailboxVerdictStatus;
  reason: string;
  /** The profile of the sync that already syncs this mailbox (on this side), if any. */
  inUse: { profileId: string; name: string; partner: string } | null;
}

export async function checkSyncMailbox(
  deps: ProfileDeps,
  syncId: string,
  side: Side,
  address: string,
): Promise<SyncMailboxCheck> {
  const sync = await requireSync(deps.db, syncId);
  const mailbox = address.trim().toLowerCase();
  const [problem] = addressProblems(1, side === "A" ? "mailboxA" : "mailboxB", "mailbox", mailbox);
  if (problem)
    throw new ProfileRefusal("invalid", "invalid_request", problem.message.replace(/^row 1: /, ""), [
      "mailbox",
    ]);
  const holder = await findProfileByMailbox(deps.db, sync.id, side, mailbox);
  const verdictOf = await verifySides(deps, sync, [{ side, mailbox }]);
  const verdict = verdictOf(side, mailbox)!;
  return {
    side,
    mailbox,
    status: verdict.status,
    reason: verdict.reason,
    inUse: holder
      ? {
          profileId: holder.id,
          name: holder.name,
          partner: side === "A" ? holder.mailboxB : holder.mailboxA,
        }
      : null,
  };
}
