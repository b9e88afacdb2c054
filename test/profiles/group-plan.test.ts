import { describe, expect, it } from "vitest";
import { bindingMark, type ExistingProfile, planMembership } from "../../src/profiles/group-plan.js";

const BINDING = "b-1";
const GROUPS = { A: "Staff A", B: "Staff B" };

function profile(local: string, more: Partial<ExistingProfile> = {}): ExistingProfile {
  return {
    id: `p-${local}`,
    name: local,
    mailboxA: `${local}@contoso.test`,
    mailboxB: `${local}@fabrikam.test`,
    status: "active",
    statusReason: null,
    source: "group",
    bindingId: BINDING,
    ...more,
  };
}

const wanted = (local: string) => ({
  name: local,
  mailboxA: `${local}@contoso.test`,
  mailboxB: `${local}@fabrikam.test`,
});

const plan = (input: {
  wanted: string[];
  profiles: ExistingProfile[];
  membersA?: string[];
  membersB?: string[];
}) =>
  planMembership({
    bindingId: BINDING,
    wanted: input.wanted.map(wanted),
    profiles: input.profiles,
    membersA: input.membersA ?? input.wanted.map((l) => `${l}@contoso.test`),
    membersB: input.membersB ?? input.wanted.map((l) => `${l}@fabrikam.test`),
    groupNames: GROUPS,
  });

describe("planMembership", () => {
  it("creates a profile for each new pair and keeps the binding's existing ones (any case)", () => {
    const lee = profile("lee", { mailboxA: "LEE@contoso.test" });
    const result = plan({ wanted: ["adele", "lee"], profiles: [lee] });
    expect(result.create).toEqual([wanted("adele")]);
    expect(result.kept).toEqual([lee]);
    expect(result.left).toEqual([]);
    expect(result.resume).toEqual([]);
  });

  it("never takes over a profile made another way, nor pairs a mailbox a second time", () => {
    const manual = profile("adele", { bindingId: null, source: "import" });
    const other = profile("lee", { bindingId: "b-2" });
    const clash = profile("megan", { mailboxB: "megan.b@fabrikam.test", bindingId: null, source: "manual" });
    const result = plan({ wanted: ["adele", "lee", "megan"], profiles: [manual, other, clash] });
    expect(result.create).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      "already a profile of this sync (source: import)",
      "already a profile of this sync, kept by another group binding",
      "megan@contoso.test is already paired with megan.b@fabrikam.test in this sync",
    ]);
    expect(result.left).toEqual([]);
  });

  it("says which group a leaver left, with the binding's mark", () => {
    const adele = profile("adele");
    const lee = profile("lee");
    const nestor = profile("nestor");
    const result = plan({
      wanted: [],
      profiles: [adele, lee, nestor],
      membersA: ["lee@contoso.test", "nestor@contoso.test"],
      membersB: ["nestor@fabrikam.test"],
    });
    expect(result.left).toEqual([
      { profile: adele, reason: `left the group "Staff A" ${bindingMark(BINDING)}` },
      { profile: lee, reason: `left the group "Staff B" ${bindingMark(BINDING)}` },
      {
        profile: nestor,
        reason: `no longer matched between "Staff A" and "Staff B" ${bindingMark(BINDING)}`,
      },
    ]);
  });

  it("resumes only profiles this binding paused", () => {
    const byBinding = profile("adele", {
      status: "paused",
      statusReason: `left the group "Staff A" ${bindingMark(BINDING)}`,
    });
    const byPerson = profile("lee", { status: "paused", statusReason: "paused by admin:alice" });
    const byOther = profile("megan", { status: "paused", statusReason: `left ${bindingMark("b-2")}` });
    const result = plan({ wanted: ["adele", "lee", "megan"], profiles: [byBinding, byPerson, byOther] });
    expect(result.resume).toEqual([byBinding]);
    expect(result.kept).toEqual([byBinding, byPerson, byOther]);
  });
});
