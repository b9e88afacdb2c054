import type { MailboxVerdict } from "../connections/mailbox-check.js";
import type { ParsedLine, ProfileField } from "./profile-lines.js";

/**
 * What an import would do to a sync's profiles, row by row, before anything is written. Pure: the parsed
 * rows, the sync's profiles and the mailbox verdicts in; the report out. An import is all or nothing, so
 * the caller writes only a plan with no invalid row.
 *
 * A row naming the two mailboxes of an existing profile is that profile: `unchanged`, or `updated` when
 * the name differs. A row whose mailbox another profile of the sync already pairs with a different
 * partner is invalid (a mailbox syncs with one partner per sync). Any other row creates a profile, once
 * both its mailboxes were verified in their tenants.
 */

export type ImportOutcome = "created" | "updated" | "unchanged" | "invalid";

export interface ImportProblem {
  field: ProfileField;
  code: string;
  message: string;
}

export interface ImportRow {
  row: number;
  name: string;
  mailboxA: string;
  mailboxB: string;
  outcome: ImportOutcome;
  /** The existing profile for updated and unchanged rows; null for new ones until written. */
  profileId: string | null;
  problems: ImportProblem[];
}

export interface ExistingProfile {
  id: string;
  name: string;
  mailboxA: string;
  mailboxB: string;
}

export type VerdictOf = (side: "A" | "B", mailbox: string) => MailboxVerdict | undefined;

const pairKey = (a: string, b: string) => `${a}\n${b}`;

/** The sync's profiles by pair and by each mailbox (addresses compared in lower case). */
function indexOf(existing: readonly ExistingProfile[]) {
  const byPair = new Map<string, ExistingProfile>();
  const byA = new Map<string, ExistingProfile>();
  const byB = new Map<string, ExistingProfile>();
  for (const profile of existing) {
    const a = profile.mailboxA.toLowerCase();
    const b = profile.mailboxB.toLowerCase();
    byPair.set(pairKey(a, b), profile);
    byA.set(a, profile);
    byB.set(b, profile);
  }
  return { byPair, byA, byB };
}

/**
 * The report of an import. Without `verdictOf` (a first pass, to learn which mailboxes need checking),
 * new rows are `created` unchecked; with it, a new row whose mailbox has no `verified` verdict is invalid.
 */
export function planImport(
  rows: readonly ParsedLine[],
  existing: readonly ExistingProfile[],
  verdictOf?: VerdictOf,
): ImportRow[] {
  const index = indexOf(existing);
  return rows.map((line) => {
    const base = { row: line.row, name: line.name, mailboxA: line.mailboxA, mailboxB: line.mailboxB };
    if (line.problems.length > 0)
      return { ...base, outcome: "invalid", profileId: null, problems: line.problems };
    const same = index.byPair.get(pairKey(line.mailboxA, line.mailboxB));
    if (same) {
      const outcome = same.name === line.name ? "unchanged" : "updated";
      return { ...base, outcome, profileId: same.id, problems: [] };
    }
    const problems = [
      ...inUse(line, "mailboxA", index.byA.get(line.mailboxA)),
      ...inUse(line, "mailboxB", index.byB.get(line.mailboxB)),
    ];
    if (problems.length === 0 && verdictOf) problems.push(...unverified(line, verdictOf));
    return { ...base, outcome: problems.length > 0 ? "invalid" : "created", profileId: null, problems };
  });
}

function inUse(
  line: ParsedLine,
  field: "mailboxA" | "mailboxB",
  holder: ExistingProfile | undefined,
): ImportProblem[] {
  if (!holder) return [];
  const partner = field === "mailboxA" ? holder.mailboxB : holder.mailboxA;
  const column = field === "mailboxA" ? "email_a" : "email_b";
  return [
    {
      field,
      code: "mailbox_in_use",
      message: `row ${line.row}: ${column} ${line[field]} is already synced with ${partner} by profile "${holder.name}" (${holder.id})`,
    },
  ];
}

function unverified(line: ParsedLine, verdictOf: VerdictOf): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const [side, field] of [
    ["A", "mailboxA"],
    ["B", "mailboxB"],
  ] as const) {
    const verdict = verdictOf(side, line[field]);
    if (verdict?.status === "verified") continue;
    problems.push({
      field,
      code: verdict ? `mailbox_${verdict.status}` : "mailbox_unverified",
      message: `row ${line.row}: ${verdict?.reason ?? `${line[field]} was not verified`}`,
    });
  }
  return problems;
}

/** The distinct mailboxes of the rows that would create a profile: the ones to verify. */
export function mailboxesToVerify(plan: readonly ImportRow[]): Array<{ side: "A" | "B"; mailbox: string }> {
  const created = plan.filter((row) => row.outcome === "created");
  const a = new Set(created.map((row) => row.mailboxA));
  const b = new Set(created.map((row) => row.mailboxB));
  return [
    ...[...a].map((mailbox) => ({ side: "A" as const, mailbox })),
    ...[...b].map((mailbox) => ({ side: "B" as const, mailbox })),
  ];
}

export interface ImportTotals {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
}

export function totalsOf(plan: readonly ImportRow[]): ImportTotals {
  const totals: ImportTotals = { rows: plan.length, created: 0, updated: 0, unchanged: 0, invalid: 0 };
  for (const row of plan) totals[row.outcome] += 1;
  return totals;
}
