import { randomBytes } from "node:crypto";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { StoredClients } from "../../src/connections/stored-clients.js";
import type {
  ProfileAction,
  ProfileActionOptions,
  ProfileActionResult,
  ProfileActions,
} from "../../src/jobs/service-types.js";
import {
  type GroupRefreshDeps,
  GroupRefreshError,
  isRefreshDue,
  refreshBinding,
  refreshDueBindings,
} from "../../src/profiles/group-refresh.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import type { Store } from "../../src/store/database.js";
import {
  findGroupBinding,
  type GroupBinding,
  insertGroupBinding,
  type NewGroupBinding,
  profilesOfBinding,
} from "../../src/store/group-bindings.js";
import { insertProfile, listProfiles, updateProfileStatus } from "../../src/store/profiles.js";
import type { ProfileStatus } from "../../src/store/schema.js";
import type { Sync } from "../../src/store/syncs.js";
import { startTestEmulator } from "../helpers/emulator.js";
import {
  DOMAINS,
  type ServiceTenants,
  seedServiceTenants,
  storeServiceSync,
} from "../helpers/service-tenants.js";
import { describeStores } from "../store/targets.js";

const BOX = new SecretBox(randomBytes(32));
const NOW = new Date("2025-03-01T09:00:00.000Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

/**
 * A stand-in for the lead's ProfileActions (src/jobs/profile-actions.ts, not wired yet): records each call
 * and moves the profile's status as the real one does, through updateProfileStatus.
 */
class RecordingActions implements ProfileActions {
  calls: Array<{ action: ProfileAction; ids: string[]; options: ProfileActionOptions }> = [];

  constructor(private readonly db: () => Store) {}

  async apply(
    action: ProfileAction,
    ids: readonly string[],
    options: ProfileActionOptions,
  ): Promise<ProfileActionResult[]> {
    this.calls.push({ action, ids: [...ids], options });
    const status: ProfileStatus = action === "pause" ? "paused" : "active";
    const reason = action === "pause" ? (options.reason ?? null) : null;
    const results: ProfileActionResult[] = [];
    for (const id of ids) {
      await updateProfileStatus(this.db(), id, status, reason, NOW);
      results.push({ id, ok: true, status });
    }
    return results;
  }
}

let emulator: RunningEmulator;
let tenants: ServiceTenants;

beforeAll(async () => {
  emulator = await startTestEmulator();
  tenants = await seedServiceTenants(emulator, {
    only: { B: ["avance", "mbowen"] },
    displayNames: {
      "adele@contoso.test": "Adele Vance",
      "adele@fabrikam.test": "Adele Vance",
      "avance@fabrikam.test": "Adele Vance",
      "megan@contoso.test": "Megan Bowen",
      "mbowen@fabrikam.test": "Megan Bowen",
      "megan@fabrikam.test": "Megan B.",
    },
    groups: {
      A: [
        { displayName: "Consultants", members: [] },
        { displayName: "Staff", members: [] },
      ],
      B: [
        { displayName: "Staff B", members: [] },
        { displayName: "Names B", members: [] },
      ],
    },
  });
});
afterAll(async () => {
  await emulator?.close();
});

const tenantOf = (side: "A" | "B") => emulator.ctx.world.requireTenant(DOMAINS[side]);
const groupOf = (side: "A" | "B", name: string) =>
  [...tenantOf(side).groups.values()].find((group) => group.displayName === name)!;
const userOf = (side: "A" | "B", local: string) =>
  emulator.ctx.world.userByIdOrUpn(tenantOf(side), `${local}@${DOMAINS[side]}`)!;

/** Sets a group's direct members: local parts, or `group:<name>` for a nested group. */
function setMembers(side: "A" | "B", name: string, members: string[]): void {
  groupOf(side, name).memberIds = members.map((member) =>
    member.startsWith("group:") ? groupOf(side, member.slice(6)).id : userOf(side, member).id,
  );
}

describeStores("group binding refresh", ({ db }) => {
  let sync: Sync;
  let actions: RecordingActions;
  let deps: GroupRefreshDeps;

  beforeEach(async () => {
    await db().deleteFrom("groupBindings").execute();
    await db().deleteFrom("syncs").execute();
    await db().deleteFrom("connections").execute();
    ({ sync } = await storeServiceSync(db(), BOX, tenants, { startMode: "only_new" }));
    actions = new RecordingActions(db);
    deps = { db: db(), clients: new StoredClients(db(), BOX), actions };
    setMembers("A", "Consultants", ["lee"]);
    setMembers("A", "Staff", ["adele", "megan", "group:Consultants"]);
    setMembers("B", "Staff B", ["adele", "lee", "nestor"]);
    setMembers("B", "Names B", ["avance", "adele", "mbowen"]);
  });

  const bind = (overrides: Partial<NewGroupBinding> = {}) =>
    insertGroupBinding(
      db(),
      {
        id: `gb-${Math.random().toString(36).slice(2)}`,
        syncId: sync.id,
        groupA: groupOf("A", "Staff").id,
        groupB: groupOf("B", "Staff B").id,
        matchBy: "local-part",
        matchAttribute: null,
        refreshMinutes: 60,
        autoStart: null,
        ...overrides,
      },
      NOW,
    );
  const statusOf = async (binding: GroupBinding) =>
    Object.fromEntries((await profilesOfBinding(db(), binding.id)).map((p) => [p.mailboxA, p.status]));

  it("creates draft profiles for members matched by local part, nested groups included, and reports the rest", async () => {
    const binding = await bind();

    const report = await refreshBinding(deps, binding, NOW);

    expect(report).toMatchObject({
      groupA: { id: binding.groupA, name: "Staff", members: 3 },
      groupB: { id: binding.groupB, name: "Staff B", members: 3 },
      matched: 2,
      unmatchedA: [
        {
          name: "Megan Bowen",
          address: "megan@contoso.test",
          reason: "no member of group B with the same mail local part",
        },
      ],
      unmatchedB: [
        {
          name: "Nestor",
          address: "nestor@fabrikam.test",
          reason: "no member of group A with the same mail local part",
        },
      ],
      ambiguous: [],
      paused: [],
      resumed: [],
      started: [],
      error: null,
    });
    expect(report.created.map((p) => [p.name, p.mailboxA, p.mailboxB])).toEqual([
      ["Adele Vance", "adele@contoso.test", "adele@fabrikam.test"],
      ["Lee", "lee@contoso.test", "lee@fabrikam.test"],
    ]);
    const profiles = await profilesOfBinding(db(), binding.id);
    expect(profiles.map((p) => [p.status, p.source, p.mailboxCheck, p.startMode, p.sync])).toEqual([
      ["draft", "group", "unverified", "only_new", sync.id],
      ["draft", "group", "unverified", "only_new", sync.id],
    ]);
    const stored = await findGroupBinding(db(), binding.id);
    expect(stored?.lastRefreshedAt).toBe(NOW.toISOString());
    expect(JSON.parse(stored?.lastReport ?? "null")).toEqual(report);
    expect(actions.calls).toEqual([]);
  });

  it("is idempotent: a second refresh creates, pauses and starts nothing", async () => {
    const binding = await bind({ autoStart: "merge" });
    await refreshBinding(deps, binding, NOW);
    const before = await listProfiles(db(), { sync: sync.id });
    actions.calls = [];

    const again = await refreshBinding(deps, (await findGroupBinding(db(), binding.id))!, minutes(60));

    expect(again).toMatchObject({ matched: 2, created: [], started: [], paused: [], resumed: [], left: [] });
    expect(actions.calls).toEqual([]);
    expect((await listProfiles(db(), { sync: sync.id })).map((p) => p.id)).toEqual(before.map((p) => p.id));
  });

  it("matches by display name and reports a name two members share as ambiguous", async () => {
    const binding = await bind({ groupB: groupOf("B", "Names B").id, matchBy: "display-name" });

    const report = await refreshBinding(deps, binding, NOW);

    expect(report.created.map((p) => [p.mailboxA, p.mailboxB])).toEqual([
      ["megan@contoso.test", "mbowen@fabrikam.test"],
    ]);
    expect(report.ambiguous).toEqual([
      {
        key: "adele vance",
        a: [{ name: "Adele Vance", address: "adele@contoso.test" }],
        b: [
          { name: "Adele Vance", address: "avance@fabrikam.test" },
          { name: "Adele Vance", address: "adele@fabrikam.test" },
        ],
      },
    ]);
    expect(report.unmatchedA.map((m) => m.address)).toEqual(["lee@contoso.test"]);
  });

  it("matches by a directory attribute, trimmed and case-insensitive", async () => {
    userOf("A", "adele").department = "E1";
    userOf("B", "adele").department = "e1 ";
    userOf("A", "lee").department = "E2";
    userOf("B", "nestor").department = "e2";
    try {
      const binding = await bind({ matchBy: "attribute", matchAttribute: "department" });
      const report = await refreshBinding(deps, binding, NOW);
      expect(report.created.map((p) => [p.mailboxA, p.mailboxB])).toEqual([
        ["adele@contoso.test", "adele@fabrikam.test"],
        ["lee@contoso.test", "nestor@fabrikam.test"],
      ]);
      expect(report.unmatchedA).toEqual([
        { name: "Megan Bowen", address: "megan@contoso.test", reason: "no department" },
      ]);
      expect(report.unmatchedB.map((m) => m.reason)).toEqual(["no department"]);
    } finally {
      for (const side of ["A", "B"] as const)
        for (const local of ["adele", "lee", "nestor"]) delete userOf(side, local).department;
    }
  });

  it("starts new profiles when the binding says so", async () => {
    const binding = await bind({ autoStart: "merge" });

    const report = await refreshBinding(deps, binding, NOW);

    expect(actions.calls).toEqual([
      {
        action: "start",
        ids: report.created.map((p) => p.id),
        options: { mode: "merge", actor: `group-binding:${binding.id}` },
      },
    ]);
    expect(report.started).toEqual(report.created);
    expect(await statusOf(binding)).toEqual({ "adele@contoso.test": "active", "lee@contoso.test": "active" });
  });

  it("pauses a member who left a (nested) group, and resumes them when back", async () => {
    const binding = await bind({ autoStart: "only_new" });
    await refreshBinding(deps, binding, NOW);
    const reason = `left the group "Staff" (group binding ${binding.id})`;

    setMembers("A", "Consultants", []);
    const left = await refreshBinding(deps, binding, minutes(60));

    expect(left.paused).toEqual([expect.objectContaining({ mailboxA: "lee@contoso.test", reason })]);
    expect(left.left).toEqual([expect.objectContaining({ mailboxA: "lee@contoso.test", status: "paused" })]);
    expect(await statusOf(binding)).toEqual({ "adele@contoso.test": "active", "lee@contoso.test": "paused" });
    expect(actions.calls.at(-1)).toEqual({
      action: "pause",
      ids: [left.left[0]!.id],
      options: { reason, actor: `group-binding:${binding.id}` },
    });

    const still = await refreshBinding(deps, binding, minutes(120));
    expect(still).toMatchObject({ paused: [], resumed: [], left: [{ mailboxA: "lee@contoso.test" }] });

    setMembers("A", "Consultants", ["lee"]);
    const back = await refreshBinding(deps, binding, minutes(180));

    expect(back.resumed).toEqual([expect.objectContaining({ mailboxA: "lee@contoso.test" })]);
    expect(back.left).toEqual([]);
    expect(await statusOf(binding)).toEqual({ "adele@contoso.test": "active", "lee@contoso.test": "active" });
  });

  it("leaves a profile a person paused alone, and a draft that left as a draft", async () => {
    const binding = await bind();
    const first = await refreshBinding(deps, binding, NOW);
    const adele = first.created.find((p) => p.mailboxA === "adele@contoso.test")!;
    await updateProfileStatus(db(), adele.id, "paused", "paused by admin:alice", NOW);
    setMembers("B", "Staff B", ["adele"]);

    const report = await refreshBinding(deps, binding, minutes(60));

    expect(report.paused).toEqual([]);
    expect(report.resumed).toEqual([]);
    expect(report.left).toEqual([expect.objectContaining({ mailboxA: "lee@contoso.test", status: "draft" })]);
    expect(await statusOf(binding)).toEqual({ "adele@contoso.test": "paused", "lee@contoso.test": "draft" });
    expect(actions.calls).toEqual([]);
  });

  it("does not take over a profile the sync already has", async () => {
    const manual = await storeProfile(db(), sync, "adele@contoso.test", "adele@fabrikam.test");
    const binding = await bind();

    const report = await refreshBinding(deps, binding, NOW);

    expect(report.created.map((p) => p.mailboxA)).toEqual(["lee@contoso.test"]);
    expect(report.skipped).toEqual([
      {
        name: "Adele Vance",
        mailboxA: "adele@contoso.test",
        mailboxB: "adele@fabrikam.test",
        reason: "already a profile of this sync (source: manual)",
      },
    ]);
    expect((await listProfiles(db(), { sync: sync.id })).find((p) => p.id === manual)?.bindingId).toBeNull();
  });

  it("stores a failed refresh's reason, naming the group and the connection", async () => {
    const binding = await bind({ groupA: "00000000-0000-4000-8000-00000000dead" });

    const failure = await refreshBinding(deps, binding, NOW).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(GroupRefreshError);
    const stored = JSON.parse((await findGroupBinding(db(), binding.id))?.lastReport ?? "null");
    expect(stored.error).toContain(
      "read group 00000000-0000-4000-8000-00000000dead through connection contoso",
    );
    expect(stored.created).toEqual([]);
  });

  it("refreshes the due bindings only, and one failure does not stop the others", async () => {
    const fresh = await bind();
    await refreshBinding(deps, fresh, NOW);
    const never = await bind({ groupB: groupOf("B", "Names B").id });
    const broken = await bind({ groupA: "00000000-0000-4000-8000-00000000dead" });

    const outcomes = await refreshDueBindings(deps, minutes(30));

    expect(outcomes.map((o) => [o.bindingId, o.ok]).sort()).toEqual(
      [
        [never.id, true],
        [broken.id, false],
      ].sort(),
    );
    const later = await refreshDueBindings(deps, minutes(91));
    expect(later.map((o) => o.bindingId).sort()).toEqual([fresh.id, never.id, broken.id].sort());
  });

  it("says when a binding is due", () => {
    const row = { lastRefreshedAt: null, refreshMinutes: 15 } as unknown as GroupBinding;
    expect(isRefreshDue(row, NOW)).toBe(true);
    const done = { ...row, lastRefreshedAt: NOW.toISOString() };
    expect(isRefreshDue(done, minutes(14))).toBe(false);
    expect(isRefreshDue(done, minutes(15))).toBe(true);
  });
});

async function storeProfile(db: Store, sync: Sync, mailboxA: string, mailboxB: string): Promise<string> {
  const row = await insertProfile(
    db,
    { sync: sync.id, name: "Adele", mailboxA, mailboxB, startMode: "merge" },
    NOW,
  );
  return row.id;
}
