import type { Store } from "../store/database.js";
import { StoreConflictError } from "../store/errors.js";
import { listProfiles } from "../store/profiles.js";
import type { Sync } from "../store/syncs.js";
import { type ImportRow, planImport, type VerdictOf } from "./import-plan.js";
import { addressProblems, type ParsedLine } from "./profile-lines.js";
import { ProfileRefusal } from "./profile-refusal.js";
import { type ProfileDeps, verifySides } from "./sync-mailboxes.js";

/**
 * One profile added or re-pointed by hand goes through the rules of an import of one row: the same
 * address checks, the same plan against the sync's profiles, the same verdicts on its mailboxes.
 */

/** A one-row "import" of the mailboxes given; an address that is not one is refused, naming its field. */
export function lineOf(name: string, mailboxA: string, mailboxB: string): ParsedLine {
  const a = mailboxA.trim().toLowerCase();
  const b = mailboxB.trim().toLowerCase();
  const problems = [
    ...addressProblems(1, "mailboxA", "mailboxA", a),
    ...addressProblems(1, "mailboxB", "mailboxB", b),
  ];
  const [first] = problems;
  if (first)
    throw new ProfileRefusal("invalid", "invalid_request", first.message.replace(/^row 1: /, ""), [
      first.field,
    ]);
  return { row: 1, name: name.trim(), mailboxA: a, mailboxB: b, problems: [] };
}

/** Why a planned row cannot be added: a profile or mailbox already in the sync, or a mailbox's verdict. */
function refusalOf(row: ImportRow): ProfileRefusal | undefined {
  if (row.outcome === "unchanged" || row.outcome === "updated")
    return new ProfileRefusal(
      "conflict",
      "profile_exists",
      `sync already has profile ${row.profileId} for ${row.mailboxA} / ${row.mailboxB}`,
      ["mailboxA"],
    );
  const [problem] = row.problems;
  if (!problem) return undefined;
  const message = problem.message.replace(/^row 1: /, "");
  const kind = problem.code === "mailbox_in_use" ? "conflict" : "refused";
  return new ProfileRefusal(kind, problem.code, message, [problem.field]);
}

/** Plans one row against the sync's profiles (all but `except`); throws the refusal if it cannot be added. */
export async function planOne(
  db: Store,
  sync: Sync,
  line: ParsedLine,
  options: { except?: string; verdictOf?: VerdictOf } = {},
): Promise<void> {
  const existing = (await listProfiles(db, { sync: sync.id })).filter(
    (profile) => profile.id !== options.except,
  );
  const [row] = planImport([line], existing, options.verdictOf);
  const refused = row && refusalOf(row);
  if (refused) throw refused;
}

/** The verdicts on both mailboxes of a line, in their tenants. */
export function verifyLine(deps: ProfileDeps, sync: Sync, line: Pick<ParsedLine, "mailboxA" | "mailboxB">) {
  return verifySides(deps, sync, [
    { side: "A", mailbox: line.mailboxA },
    { side: "B", mailbox: line.mailboxB },
  ]);
}

/** A write refused by the store's unique keys: another profile took these mailboxes meanwhile. */
export async function refusingDuplicates<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StoreConflictError)
      throw new ProfileRefusal(
        "conflict",
        "profile_exists",
        "the sync already has a profile for these mailboxes",
        ["mailboxA"],
      );
    throw error;
  }
}
