import { randomBytes } from "node:crypto";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StoredClients } from "../../src/connections/stored-clients.js";
import type {
  ProfileAction,
  ProfileActionOptions,
  ProfileActionResult,
  ProfileActions,
} from "../../src/jobs/service-types.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import type { App } from "../../src/server/app.js";
import type { Store } from "../../src/store/database.js";
import { findProfileById, listProfiles, updateProfileStatus } from "../../src/store/profiles.js";
import type { Sync } from "../../src/store/syncs.js";
import { startTestEmulator } from "../helpers/emulator.js";
import {
  DOMAINS,
  type ServiceTenants,
  seedServiceTenants,
  storeServiceSync,
} from "../helpers/service-tenants.js";
import { adminSession, type SignedIn, useServer } from "./fixture.js";

const BOX = new SecretBox(randomBytes(32));

/** Stand-in for the lead's ProfileActions (not wired yet): records calls and moves statuses. */
class RecordingActions implements ProfileActions {
  calls: Array<{ action: ProfileAction; ids: string[]; options: ProfileActionOptions }> = [];

  constructor(private readonly ctx: { db(): Store }) {}

  async apply(
    action: ProfileAction,
    ids: readonly string[],
    options: ProfileActionOptions,
  ): Promise<ProfileActionResult[]> {
    this.calls.push({ action, ids: [...ids], options });
    const status = action === "pause" ? "paused" : "active";
    const results: ProfileActionResult[] = [];
    for (const id of ids) {
      await updateProfileStatus(this.ctx.db(), id, status, options.reason ?? null, new Date());
      results.push({ id, ok: true, status });
    }
    return results;
  }
}

describe("group bindings API", () => {
  const ctx = useServer("sqlite", { secrets: BOX });
  let emulator: RunningEmulator;
  let tenants: ServiceTenants;
  let admin: SignedIn;
  let app: App;
  let sync: Sync;
  let actions: RecordingActions;

  const tenantOf = (side: "A" | "B") => emulator.ctx.world.requireTenant(DOMAINS[side]);
  const groupOf = (side: "A" | "B", name: string) =>
    [...tenantOf(side).groups.values()].find((group) => group.displayName === name)!;
  const setMembers = (side: "A" | "B", name: string, locals: string[]) => {
    groupOf(side, name).memberIds = locals.map(
      (local) => emulator.ctx.world.userByIdOrUpn(tenantOf(side), `${local}@${DOMAINS[side]}`)!.id,
    );
  };

  beforeAll(async () => {
    emulator = await startTestEmulator();
    tenants = await seedServiceTenants(emulator, {
      groups: {
        A: [
          { displayName: "Cross-tenant staff", members: [] },
          { displayName: "Spare", members: [] },
        ],
        B: [{ displayName: "Staff (Fabrikam)", members: [] }],
      },
    });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(async () => {
    for (const table of ["groupBindings", "profiles", "syncs", "connections"] as const)
      await ctx.db().deleteFrom(table).execute();
    ({ sync } = await storeServiceSync(ctx.db(), BOX, tenants));
    actions = new RecordingActions(ctx);
    app = await ctx.rebuild({
      service: {
        clients: new StoredClients(ctx.db(), BOX),
        actions,
        requestRuns: async () => {},
        accept: async () => {},
        jobs: {
          queueProfileAction: () => Promise.reject(new Error("not used by group bindings")),
          queueApplySync: () => Promise.reject(new Error("not used by group bindings")),
        },
        activity: { lastNotificationAt: () => null, flushGraphUsage: async () => {} },
      },
    });
    admin = await adminSession(ctx);
    setMembers("A", "Cross-tenant staff", ["adele", "megan", "lee"]);
    setMembers("B", "Staff (Fabrikam)", ["adele", "megan", "nestor"]);
  });

  const url = (path = "") => `/api/syncs/${sync.id}/group-bindings${path}`;
  const create = (payload: Record<string, unknown>) =>
    app.inject({ method: "POST", url: url(), headers: admin.headers, payload });
  const auditActions = async () =>
    (await ctx.db().selectFrom("auditLog").select("action").orderBy("id").execute()).map((row) => row.action);

  it("binds groups named by display name, refreshes at once and answers with the report", async () => {
    const response = await create({
      groupA: "Cross-tenant staff",
      groupB: "Staff (Fabrikam)",
      autoStart: "merge",
    });

    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      syncId: sync.id,
      groupA: groupOf("A", "Cross-tenant staff").id,
      groupB: groupOf("B", "Staff (Fabrikam)").id,
      matchBy: "local-part",
      matchAttribute: null,
      refreshMinutes: 60,
      autoStart: "merge",
      lastRefreshedAt: expect.any(String),
    });
    expect(body.lastReport).toMatchObject({
      matched: 2,
      unmatchedA: [
        { address: "lee@contoso.test", reason: "no member of group B with the same mail local part" },
      ],
      unmatchedB: [{ address: "nestor@fabrikam.test" }],
      error: null,
    });
    expect(body.lastReport.created.map((p: { mailboxA: string }) => p.mailboxA)).toEqual([
      "adele@contoso.test",
      "megan@contoso.test",
    ]);
    expect(body.lastReport.started).toEqual(body.lastReport.created);
    expect(actions.calls.map((call) => [call.action, call.options])).toEqual([
      ["start", { mode: "merge", actor: `group-binding:${body.id}` }],
    ]);
    expect(await auditActions()).toContain("group_binding_created");
  });

  it("answers 404 naming the side whose group does not exist, and stores nothing", async () => {
    const response = await create({ groupA: "Cross-tenant staff", groupB: "No such group" });

    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: "group_not_found", field: "body/groupB" });
    expect(response.json().error.message).toContain("side B");
    expect(await ctx.db().selectFrom("groupBindings").selectAll().execute()).toEqual([]);
  });

  it("refuses bad input with the field named", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ groupA: "Spare", groupB: "Staff (Fabrikam)", matchBy: "attribute" }, "body/matchAttribute"],
      [{ groupA: "Spare", groupB: "Staff (Fabrikam)", matchAttribute: "employeeId" }, "body/matchAttribute"],
      [{ groupA: "Spare", groupB: "Staff (Fabrikam)", refreshMinutes: 4 }, "body/refreshMinutes"],
      [{ groupA: "Spare", groupB: "Staff (Fabrikam)", autoStart: "later" }, "body/autoStart"],
      [
        { groupA: "Spare", groupB: "Staff (Fabrikam)", matchBy: "attribute", matchAttribute: "a,b" },
        "body/matchAttribute",
      ],
      [{ groupA: "Spare" }, "body/groupB"],
    ];
    for (const [payload, field] of cases) {
      const response = await create(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.field).toBe(field);
    }
  });

  it("refuses the same two groups twice, and an unknown sync", async () => {
    expect((await create({ groupA: "Spare", groupB: "Staff (Fabrikam)" })).statusCode).toBe(201);
    const again = await create({ groupA: groupOf("A", "Spare").id, groupB: "Staff (Fabrikam)" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("group_binding_exists");

    const nowhere = await app.inject({
      method: "POST",
      url: "/api/syncs/no-such-sync/group-bindings",
      headers: admin.headers,
      payload: { groupA: "Spare", groupB: "Staff (Fabrikam)" },
    });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json().error.code).toBe("sync_not_found");
  });

  it("lists and reads bindings with their last report; another sync's binding is not found", async () => {
    const created = (await create({ groupA: "Cross-tenant staff", groupB: "Staff (Fabrikam)" })).json();

    const list = await app.inject({ method: "GET", url: url(), headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ bindings: [created] });
    const one = await app.inject({ method: "GET", url: url(`/${created.id}`), headers: admin.headers });
    expect(one.json()).toEqual(created);
    const elsewhere = await app.inject({
      method: "GET",
      url: `/api/syncs/other/group-bindings/${created.id}`,
      headers: admin.headers,
    });
    expect(elsewhere.statusCode).toBe(404);
  });

  it("edits a binding: attribute matching needs its attribute, leaving it drops it", async () => {
    const { id } = (await create({ groupA: "Spare", groupB: "Staff (Fabrikam)" })).json();
    const patch = (payload: Record<string, unknown>) =>
      app.inject({ method: "PATCH", url: url(`/${id}`), headers: admin.headers, payload });

    const missing = await patch({ matchBy: "attribute" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe("body/matchAttribute");

    const byAttribute = await patch({
      matchBy: "attribute",
      matchAttribute: "department",
      autoStart: "only-new",
    });
    expect(byAttribute.json()).toMatchObject({
      matchBy: "attribute",
      matchAttribute: "department",
      autoStart: "only-new",
    });
    const back = await patch({ matchBy: "display-name", refreshMinutes: 15, autoStart: null });
    expect(back.json()).toMatchObject({
      matchBy: "display-name",
      matchAttribute: null,
      refreshMinutes: 15,
      autoStart: null,
    });
    expect((await patch({})).statusCode).toBe(400);
    expect(await auditActions()).toEqual(expect.arrayContaining(["group_binding_updated"]));
  });

  it("refreshes on request: a member who left is paused, one who is back is resumed", async () => {
    const { id } = (
      await create({ groupA: "Cross-tenant staff", groupB: "Staff (Fabrikam)", autoStart: "merge" })
    ).json();
    const refresh = () => app.inject({ method: "POST", url: url(`/${id}/refresh`), headers: admin.headers });

    setMembers("B", "Staff (Fabrikam)", ["adele", "nestor"]);
    const left = await refresh();
    expect(left.statusCode).toBe(200);
    expect(left.json().lastReport.paused).toEqual([
      expect.objectContaining({
        mailboxA: "megan@contoso.test",
        reason: `left the group "Staff (Fabrikam)" (group binding ${id})`,
      }),
    ]);

    setMembers("B", "Staff (Fabrikam)", ["adele", "megan", "nestor"]);
    const back = await refresh();
    expect(back.json().lastReport.resumed).toEqual([
      expect.objectContaining({ mailboxA: "megan@contoso.test" }),
    ]);
    expect(await auditActions()).toEqual(expect.arrayContaining(["group_binding_refreshed"]));
  });

  it("answers 502 with the reason when a refresh cannot read a group, and keeps the reason", async () => {
    const { id, groupA } = (await create({ groupA: "Spare", groupB: "Staff (Fabrikam)" })).json();
    const spare = groupOf("A", "Spare");
    tenantOf("A").groups.delete(groupA);
    try {
      const response = await app.inject({
        method: "POST",
        url: url(`/${id}/refresh`),
        headers: admin.headers,
      });
      expect(response.statusCode).toBe(502);
      expect(response.json().error.code).toBe("group_refresh_failed");
      const stored = await app.inject({ method: "GET", url: url(`/${id}`), headers: admin.headers });
      expect(stored.json().lastReport.error).toContain(`read group ${groupA} through connection contoso`);
    } finally {
      tenantOf("A").groups.set(spare.id, spare);
    }
  });

  it("deletes a binding: its profiles stay, no longer kept by it", async () => {
    const { id, lastReport } = (
      await create({ groupA: "Cross-tenant staff", groupB: "Staff (Fabrikam)" })
    ).json();

    const response = await app.inject({ method: "DELETE", url: url(`/${id}`), headers: admin.headers });

    expect(response.statusCode).toBe(204);
    const profiles = await listProfiles(ctx.db(), { sync: sync.id });
    expect(profiles.map((p) => p.id).sort()).toEqual(
      lastReport.created.map((p: { id: string }) => p.id).sort(),
    );
    expect(await findProfileById(ctx.db(), profiles[0]!.id)).toMatchObject({
      bindingId: null,
      source: "group",
    });
    expect(await auditActions()).toContain("group_binding_deleted");
    const again = await app.inject({ method: "DELETE", url: url(`/${id}`), headers: admin.headers });
    expect(again.statusCode).toBe(404);
  });

  it("answers 503 on a server without the sync service", async () => {
    const response = await ctx.app().inject({
      method: "POST",
      url: url(),
      headers: admin.headers,
      payload: { groupA: "Spare", groupB: "Staff (Fabrikam)" },
    });
    expect(response.statusCode).toBe(503);
  });
});
