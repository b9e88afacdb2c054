import { describe, expect, it } from "vitest";
import type { MailboxVerdict } from "../../src/connections/mailbox-check.js";
import { mailboxesToVerify, planImport, totalsOf } from "../../src/profiles/import-plan.js";
import { parseProfileLines } from "../../src/profiles/profile-lines.js";

const rowsOf = (text: string) => {
  const parsed = parseProfileLines(text);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.rows;
};

const existing = [
  { id: "p-adele", name: "Adele", mailboxA: "adele@a.test", mailboxB: "adele@b.test" },
  { id: "p-megan", name: "Megan", mailboxA: "Megan@A.test", mailboxB: "megan@b.test" },
];

const verified = (mailbox: string): MailboxVerdict => ({ mailbox, status: "verified", reason: "ok" });

describe("planImport", () => {
  it("tells created, updated (renamed) and unchanged rows apart, matching addresses case-insensitively", () => {
    const plan = planImport(
      rowsOf(
        "Adele, adele@a.test, adele@b.test\nMegan Bowen, megan@a.test, megan@b.test\nLee, lee@a.test, lee@b.test",
      ),
      existing,
      verified,
    );
    expect(plan.map((row) => [row.outcome, row.profileId])).toEqual([
      ["unchanged", "p-adele"],
      ["updated", "p-megan"],
      ["created", null],
    ]);
    expect(totalsOf(plan)).toEqual({ rows: 3, created: 1, updated: 1, unchanged: 1, invalid: 0 });
  });

  it("refuses a mailbox another profile already pairs with a different partner", () => {
    const [row] = planImport(rowsOf("X, adele@a.test, other@b.test"), existing, verified);
    expect(row?.outcome).toBe("invalid");
    expect(row?.problems).toEqual([
      {
        field: "mailboxA",
        code: "mailbox_in_use",
        message:
          'row 1: email_a adele@a.test is already synced with adele@b.test by profile "Adele" (p-adele)',
      },
    ]);
  });

  it("refuses a new row unless both mailboxes were verified, with the verdict's reason", () => {
    const verdictOf = (side: "A" | "B", mailbox: string): MailboxVerdict | undefined =>
      side === "B"
        ? { mailbox, status: "out_of_scope", reason: `${mailbox} is outside the app's mailbox scope` }
        : undefined;
    const [row] = planImport(rowsOf("lee@a.test lee@b.test"), existing, verdictOf);
    expect(row?.problems.map((p) => [p.field, p.code, p.message])).toEqual([
      ["mailboxA", "mailbox_unverified", "row 1: lee@a.test was not verified"],
      ["mailboxB", "mailbox_out_of_scope", "row 1: lee@b.test is outside the app's mailbox scope"],
    ]);
  });

  it("keeps parse problems and leaves rows to create unchecked on a first pass", () => {
    const plan = planImport(rowsOf("lee@a.test nope\nnestor@a.test nestor@b.test"), existing);
    expect(plan.map((row) => row.outcome)).toEqual(["invalid", "created"]);
    expect(mailboxesToVerify(plan)).toEqual([
      { side: "A", mailbox: "nestor@a.test" },
      { side: "B", mailbox: "nestor@b.test" },
    ]);
  });
});
