import { randomBytes } from "node:crypto";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StoredClients } from "../../src/connections/stored-clients.js";
import type { ServiceHooks } from "../../src/jobs/service-types.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { insertProfile } from "../../src/store/profiles.js";
import type { Sync } from "../../src/store/syncs.js";
import { startTestEmulator } from "../helpers/emulator.js";
import {
  DEFAULT_PEOPLE,
  DOMAINS,
  type ServiceTenants,
  seedServiceTenants,
  storeServiceSync,
} from "../helpers/service-tenants.js";
import { adminSession, type SignedIn, useServer } from "./fixture.js";

const BOX = new SecretBox(randomBytes(32));

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field
type Body = any;

/** The dashboard's look-ups before it writes: one mailbox as the admin types it, groups to bind, a preview. */
describe("profile look-ups: a mailbox, groups, a binding's preview", () => {
  let clients: StoredClients | undefined;
  const service: ServiceHooks = {
    get clients() {
      return clients!;
    },
    actions: { apply: () => Promise.reject(new Error("not used")) },
    requestRuns: async () => {},
    accept: async () => {},
    jobs: {
      queueProfileAction: () => Promise.reject(new Error("not used")),
      queueApplySync: () => Promise.reject(new Error("not used")),
    },
    activity: { lastNotificationAt: () => null, flushGraphUsage: async () => {} },
  };
  const ctx = useServer("sqlite", { secrets: BOX, service });
  let emulator: RunningEmulator;
  let tenants: ServiceTenants;
  let admin: SignedIn;
  let sync: Sync;

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
      people: DEFAULT_PEOPLE,
      groups: {
        A: [
          { displayName: "Cross-tenant staff", members: [] },
          { displayName: "Staff council", members: [] },
          { displayName: "Finance", members: [] },
        ],
        B: [{ displayName: "Staff (Fabrikam)", members: [] }],
      },
    });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(async () => {
    const db = ctx.db();
    for (const table of ["groupBindings", "profiles", "syncs", "connections"] as const)
      await db.deleteFrom(table).execute();
    clients = new StoredClients(db, BOX, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    ({ sync } = await storeServiceSync(db, BOX, tenants));
    admin = await adminSession(ctx);
    setMembers("A", "Cross-tenant staff", ["adele", "megan", "lee"]);
    setMembers("B", "Staff (Fabrikam)", ["adele", "megan", "nestor"]);
  });

  const call = async (method: "GET" | "POST", url: string, payload?: unknown) => {
    const response = await ctx.app().inject({
      method,
      url,
      headers: admin.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, body: response.json() as Body };
  };
  const check = (side: "A" | "B", mailbox: string) =>
    call("POST", `/api/syncs/${sync.id}/mailboxes/check`, { side, mailbox });

  describe("POST /api/syncs/{id}/mailboxes/check", () => {
    it("verifies one mailbox in its side's tenant, as adding a profile would, and records nothing", async () => {
      const found = await check("A", " Adele@Contoso.test ");
      expect(found).toMatchObject({
        status: 200,
        body: { side: "A", mailbox: "adele@contoso.test", status: "verified", inUse: null },
      });
      const missing = await check("B", "ghost@fabrikam.test");
      expect(missing.status).toBe(200);
      expect(missing.body).toMatchObject({
        status: "not_found",
        reason: "ghost@fabrikam.test not found in fabrikam.test",
      });
      // A mailbox of the other tenant is not found on this side.
      expect((await check("B", "adele@contoso.test")).body.status).toBe("not_found");
      expect(await ctx.db().selectFrom("profiles").selectAll().execute()).toEqual([]);
      const audited = await ctx.db().selectFrom("auditLog").select("action").execute();
      expect(audited.map((entry) => entry.action)).toEqual(["setup", "login"]);
    });

    it("says which profile already syncs the mailbox", async () => {
      await insertProfile(
        ctx.db(),
        {
          id: "p1",
          sync: sync.id,
          name: "Adele Vance",
          mailboxA: "adele@contoso.test",
          mailboxB: "adele@fabrikam.test",
          startMode: "merge",
          source: "manual",
        },
        new Date(),
      );
      const held = await check("B", "adele@fabrikam.test");
      expect(held.body.inUse).toEqual({
        profileId: "p1",
        name: "Adele Vance",
        partner: "adele@contoso.test",
      });
    });

    it("refuses what is not an address (400, field body/mailbox) and an unknown sync (404)", async () => {
      const wrong = await check("A", "adele");
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toMatchObject({ code: "invalid_request", field: "body/mailbox" });
      const side = await call("POST", `/api/syncs/${sync.id}/mailboxes/check`, {
        side: "C",
        mailbox: "a@b.c",
      });
      expect(side.status).toBe(400);
      const nowhere = await call("POST", "/api/syncs/nope/mailboxes/check", {
        side: "A",
        mailbox: "a@b.test",
      });
      expect(nowhere.status).toBe(404);
      expect(nowhere.body.error.code).toBe("sync_not_found");
    });
  });

  describe("GET /api/syncs/{id}/groups", () => {
    it("finds groups of one side by the start of a word of their name, or by id", async () => {
      const staff = await call("GET", `/api/syncs/${sync.id}/groups?side=A&search=staff`);
      expect(staff.status).toBe(200);
      expect(staff.body.groups.map((group: { displayName: string }) => group.displayName)).toEqual([
        "Cross-tenant staff",
        "Staff council",
      ]);
      const other = await call("GET", `/api/syncs/${sync.id}/groups?side=B&search=Staff`);
      expect(other.body.groups).toEqual([
        { id: groupOf("B", "Staff (Fabrikam)").id, displayName: "Staff (Fabrikam)" },
      ]);
      const byId = await call(
        "GET",
        `/api/syncs/${sync.id}/groups?side=A&search=${groupOf("A", "Finance").id}`,
      );
      expect(byId.body.groups).toEqual([{ id: groupOf("A", "Finance").id, displayName: "Finance" }]);
      const quoted = await call(
        "GET",
        `/api/syncs/${sync.id}/groups?side=A&search=${encodeURIComponent('"fin\\')}`,
      );
      expect(quoted.body.groups.map((group: { displayName: string }) => group.displayName)).toEqual([
        "Finance",
      ]);
    });
  });

  describe("POST /api/syncs/{id}/group-bindings/preview", () => {
    it("pairs the members, lists the unmatched with why, and writes nothing", async () => {
      await insertProfile(
        ctx.db(),
        {
          id: "p1",
          sync: sync.id,
          name: "Megan",
          mailboxA: "megan@contoso.test",
          mailboxB: "megan@fabrikam.test",
          startMode: "merge",
          source: "import",
        },
        new Date(),
      );
      const preview = await call("POST", `/api/syncs/${sync.id}/group-bindings/preview`, {
        groupA: "Cross-tenant staff",
        groupB: "Staff (Fabrikam)",
      });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({
        groupA: { id: groupOf("A", "Cross-tenant staff").id, name: "Cross-tenant staff", members: 3 },
        groupB: { name: "Staff (Fabrikam)", members: 3 },
        alreadyBound: null,
        pairs: [
          {
            name: "Adele",
            mailboxA: "adele@contoso.test",
            mailboxB: "adele@fabrikam.test",
            outcome: "create",
            reason: null,
          },
          { name: "Megan", outcome: "skip", reason: "already a profile of this sync (source: import)" },
        ],
        unmatchedA: [
          { address: "lee@contoso.test", reason: "no member of group B with the same mail local part" },
        ],
        unmatchedB: [{ address: "nestor@fabrikam.test" }],
        ambiguous: [],
      });
      expect(await ctx.db().selectFrom("groupBindings").selectAll().execute()).toEqual([]);
      expect((await ctx.db().selectFrom("profiles").selectAll().execute()).length).toBe(1);
    });

    it("refuses a group a side does not have, naming the side, and a rule without its attribute", async () => {
      const missing = await call("POST", `/api/syncs/${sync.id}/group-bindings/preview`, {
        groupA: "Cross-tenant staff",
        groupB: "Nobody",
      });
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ code: "group_not_found", field: "body/groupB" });
      const rule = await call("POST", `/api/syncs/${sync.id}/group-bindings/preview`, {
        groupA: "Cross-tenant staff",
        groupB: "Staff (Fabrikam)",
        matchBy: "attribute",
      });
      expect(rule.status).toBe(400);
      expect(rule.body.error.field).toBe("body/matchAttribute");
    });
  });
});
