import { randomBytes } from "node:crypto";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StoredClients } from "../../src/connections/stored-clients.js";
import type { ServiceHooks } from "../../src/jobs/service-types.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { insertLink } from "../../src/store/links.js";
import { updateProfileStatus } from "../../src/store/profiles.js";
import { finishRun, startRun, zeroCounts } from "../../src/store/runs.js";
import type { Sync } from "../../src/store/syncs.js";
import { startTestEmulator } from "../helpers/emulator.js";
import {
  DEFAULT_PEOPLE,
  type ServiceTenants,
  seedServiceTenants,
  storeServiceSync,
} from "../helpers/service-tenants.js";
import { adminSession, type SignedIn, useServer } from "./fixture.js";

const BOX = new SecretBox(randomBytes(32));
/** In fabrikam.test, crosscal's app is limited (Exchange RBAC for Applications) to everyone but "hidden". */
const OUT_OF_SCOPE = "hidden";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field
type Body = any;

for (const dialect of ["sqlite", "postgres"] as const) {
  describe(`profiles API (${dialect})`, () => {
    let clients: StoredClients | undefined;
    const requested: string[][] = [];
    const service: ServiceHooks = {
      get clients() {
        return clients!;
      },
      actions: {
        apply: async () => {
          throw new Error("not used by the profiles API");
        },
      },
      requestRuns: async (ids) => {
        requested.push([...ids]);
      },
      accept: async () => {},
      jobs: {
        queueProfileAction: () => Promise.reject(new Error("not used by the profiles API")),
        queueApplySync: () => Promise.reject(new Error("not used by the profiles API")),
      },
      activity: { lastNotificationAt: () => null, flushGraphUsage: async () => {} },
    };
    const ctx = useServer(dialect, { secrets: BOX, service });
    let emulator: RunningEmulator;
    let tenants: ServiceTenants;
    let admin: SignedIn;
    let sync: Sync;

    beforeAll(async () => {
      emulator = await startTestEmulator();
      tenants = await seedServiceTenants(emulator, { people: [...DEFAULT_PEOPLE, OUT_OF_SCOPE] });
      const fabrikam = emulator.ctx.world.requireTenant("fabrikam.test");
      const principal = fabrikam.servicePrincipals.get(tenants.apps.B.clientId)!;
      principal.mailboxScope = [...fabrikam.users.values()]
        .filter((user) => !user.userPrincipalName.startsWith(`${OUT_OF_SCOPE}@`))
        .map((user) => user.id);
    });
    afterAll(async () => {
      await emulator?.close();
    });
    beforeEach(async () => {
      const db = ctx.db();
      await db.deleteFrom("profiles").execute();
      await db.deleteFrom("syncs").execute();
      await db.deleteFrom("connections").execute();
      clients = new StoredClients(db, BOX, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
      ({ sync } = await storeServiceSync(db, BOX, tenants));
      admin = await adminSession(ctx);
      emulator.ctx.stats.reset();
    });

    const call = async (method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) => {
      const response = await ctx.app().inject({
        method,
        url,
        headers: admin.headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      return { status: response.statusCode, body: response.json() as Body };
    };
    const add = (name: string, a: string, b: string) =>
      call("POST", `/api/syncs/${sync.id}/profiles`, { name, mailboxA: a, mailboxB: b });
    const importing = (payload: unknown, query = "") =>
      call("POST", `/api/syncs/${sync.id}/profiles/import${query}`, payload);
    const profileRows = () => ctx.db().selectFrom("profiles").selectAll().orderBy("name").execute();
    const audits = async (action: string) =>
      (await ctx.db().selectFrom("auditLog").selectAll().where("action", "=", action).execute()).length;
    const csvOf = (people: string[], header = "name,email_a,email_b") =>
      [
        header,
        ...people.map((p) => `${p[0]!.toUpperCase()}${p.slice(1)},${p}@contoso.test,${p}@fabrikam.test`),
      ].join("\n");

    describe("adding one profile", () => {
      it("creates a verified draft after checking both mailboxes in their tenants", async () => {
        const added = await add("Adele Vance", "Adele@Contoso.test", "adele@fabrikam.test");
        expect(added.status).toBe(201);
        expect(added.body).toMatchObject({
          sync: sync.id,
          name: "Adele Vance",
          mailboxA: "adele@contoso.test",
          mailboxB: "adele@fabrikam.test",
          status: "draft",
          startMode: "merge",
          source: "manual",
          mailboxCheck: { status: "verified", reason: null, checkedAt: expect.any(String) },
          counts: { copiesAToB: 0, copiesBToA: 0, linked: 0, lastRun: null },
        });
        expect(await audits("profile_created")).toBe(1);
        expect(requested).toEqual([]);
      });

      it("refuses a mailbox its tenant does not have, naming it and the tenant (422, nothing written)", async () => {
        const refused = await add("Ghost", "ghost@contoso.test", "adele@fabrikam.test");
        expect(refused).toEqual({
          status: 422,
          body: {
            error: {
              code: "mailbox_not_found",
              message: "ghost@contoso.test not found in contoso.test",
              field: "body/mailboxA",
            },
          },
        });
        expect(await profileRows()).toEqual([]);
      });

      it("refuses a mailbox outside the app's mailbox scope (422)", async () => {
        const refused = await add("Hidden", `${OUT_OF_SCOPE}@contoso.test`, `${OUT_OF_SCOPE}@fabrikam.test`);
        expect(refused.status).toBe(422);
        expect(refused.body.error).toMatchObject({ code: "mailbox_out_of_scope", field: "body/mailboxB" });
        expect(refused.body.error.message).toContain(
          `${OUT_OF_SCOPE}@fabrikam.test is outside the app's mailbox scope in fabrikam.test`,
        );
        expect(await profileRows()).toEqual([]);
      });

      it("refuses the same pair twice, and a mailbox already paired with someone else (409)", async () => {
        expect((await add("Adele", "adele@contoso.test", "adele@fabrikam.test")).status).toBe(201);
        const again = await add("Adele again", "ADELE@contoso.test", "adele@fabrikam.test");
        expect([again.status, again.body.error.code]).toEqual([409, "profile_exists"]);
        const taken = await add("Adele and Megan", "adele@contoso.test", "megan@fabrikam.test");
        expect([taken.status, taken.body.error.code, taken.body.error.field]).toEqual([
          409,
          "mailbox_in_use",
          "body/mailboxA",
        ]);
        expect((await profileRows()).length).toBe(1);
      });

      it("refuses something that is not an address with 400 naming the field", async () => {
        const bad = await add("X", "adele@contoso.test", "not an address");
        expect([bad.status, bad.body.error.field]).toEqual([400, "body/mailboxB"]);
        expect(bad.body.error.message).toContain("is not an email address");
      });

      it("answers 404 for a sync that does not exist", async () => {
        const missing = await call("POST", "/api/syncs/nope/profiles", {
          name: "A",
          mailboxA: "adele@contoso.test",
          mailboxB: "adele@fabrikam.test",
        });
        expect([missing.status, missing.body.error.code]).toEqual([404, "sync_not_found"]);
      });
    });

    describe("importing", () => {
      it("creates every row, then a re-import of the same file is all unchanged and writes nothing", async () => {
        const csv = csvOf(DEFAULT_PEOPLE);
        const first = await importing({ csv });
        expect(first.status).toBe(200);
        expect(first.body.totals).toEqual({ rows: 4, created: 4, updated: 0, unchanged: 0, invalid: 0 });
        expect(first.body.written).toBe(true);
        expect(first.body.rows[0]).toMatchObject({
          row: 2,
          name: "Adele",
          outcome: "created",
          profileId: expect.any(String),
          problems: [],
        });
        const rows = await profileRows();
        expect(rows.map((row) => [row.source, row.status, row.mailboxCheck])).toEqual(
          Array(4).fill(["import", "draft", "verified"]),
        );
        // Each of the 8 mailboxes was looked up and its calendar read, once.
        expect(emulator.ctx.stats.snapshot().requests.total).toBe(16);

        emulator.ctx.stats.reset();
        ctx.clock.advance(60_000);
        const again = await importing({ csv });
        expect(again.status).toBe(200);
        expect(again.body.totals).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
        expect(again.body.written).toBe(false);
        expect(await profileRows()).toEqual(rows);
        expect(emulator.ctx.stats.snapshot().requests.total).toBe(0);
        expect(await audits("profiles_imported")).toBe(1);
      });

      it("renames a profile whose name changed in the file (updated)", async () => {
        await importing({ csv: csvOf(["adele", "megan"]) });
        const renamed = await importing({
          csv: "email_a,email_b,name\nadele@contoso.test,adele@fabrikam.test,Adele Vance\nmegan@contoso.test,megan@fabrikam.test,Megan\n",
        });
        expect(renamed.body.rows.map((row: Body) => [row.name, row.outcome])).toEqual([
          ["Adele Vance", "updated"],
          ["Megan", "unchanged"],
        ]);
        expect((await profileRows()).map((row) => row.name)).toEqual(["Adele Vance", "Megan"]);
      });

      it("writes nothing when one row is invalid, and reports every row (422)", async () => {
        const csv = `${csvOf(["adele", "megan"])}\nGhost,ghost@contoso.test,ghost@fabrikam.test\nLee,lee@contoso.test,${OUT_OF_SCOPE}@fabrikam.test`;
        const refused = await importing({ csv });
        expect(refused.status).toBe(422);
        expect(refused.body.error).toMatchObject({ code: "import_invalid", field: "body/csv" });
        expect(refused.body.error.message).toContain("2 of 4 rows are invalid; nothing was written");
        expect(refused.body.report.written).toBe(false);
        // Nothing written is what the totals say; what the good rows would do is in planned.
        expect(refused.body.report.totals).toEqual({
          rows: 4,
          created: 0,
          updated: 0,
          unchanged: 0,
          invalid: 2,
        });
        expect(refused.body.report.planned).toMatchObject({ created: 2, invalid: 2 });
        expect(
          refused.body.report.rows.map((row: Body) => [
            row.row,
            row.outcome,
            row.problems.map((p: Body) => `${p.field}:${p.code}`),
          ]),
        ).toEqual([
          [2, "created", []],
          [3, "created", []],
          [4, "invalid", ["mailboxA:mailbox_not_found", "mailboxB:mailbox_not_found"]],
          [5, "invalid", ["mailboxB:mailbox_out_of_scope"]],
        ]);
        expect(refused.body.report.rows[2].problems[0].message).toBe(
          "row 4: ghost@contoso.test not found in contoso.test",
        );
        expect(await profileRows()).toEqual([]);
        expect(await audits("profiles_imported")).toBe(0);
      });

      it("refuses a wrong header, naming the column", async () => {
        const refused = await importing({ csv: csvOf(["adele"], "name,email_a,email_b,department") });
        expect(refused.status).toBe(422);
        expect(refused.body.error).toMatchObject({ code: "csv_header", field: "body/csv" });
        expect(refused.body.error.message).toContain('unknown column "department"');
        expect(refused.body.report.problem).toMatchObject({ code: "csv_header", row: 1 });
      });

      it("refuses UTF-16 and invalid UTF-8 as wrong encoding", async () => {
        const utf16 = Buffer.from(`\uFEFF${csvOf(["adele"])}`, "utf16le").toString("base64");
        const fromBytes = await importing({ csvBase64: utf16 });
        expect([fromBytes.status, fromBytes.body.error.code, fromBytes.body.error.field]).toEqual([
          422,
          "wrong_encoding",
          "body/csvBase64",
        ]);
        // A JSON body whose string holds bytes that are not UTF-8 (a Latin-1 é).
        const raw = Buffer.concat([
          Buffer.from(`{"csv":"name,email_a,email_b\\nRen`),
          Buffer.from([0xe9]),
          Buffer.from(`,adele@contoso.test,adele@fabrikam.test"}`),
        ]);
        const response = await ctx.app().inject({
          method: "POST",
          url: `/api/syncs/${sync.id}/profiles/import`,
          headers: { ...admin.headers, "content-type": "application/json" },
          payload: raw,
        });
        expect([response.statusCode, response.json().error.code]).toEqual([422, "wrong_encoding"]);
        const utf8 = Buffer.from(`\uFEFF${csvOf(["adele"])}`, "utf8").toString("base64");
        expect((await importing({ csvBase64: utf8 })).status).toBe(200);
      });

      it("reports duplicate rows of the same file", async () => {
        const csv = `${csvOf(["adele", "megan"])}\nAdele twice,adele@contoso.test,lee@fabrikam.test`;
        const refused = await importing({ csv });
        expect(refused.status).toBe(422);
        expect(refused.body.report.rows[2].problems).toEqual([
          {
            field: "mailboxA",
            code: "duplicate",
            message: "row 4: email_a adele@contoso.test is already on row 2",
          },
        ]);
        expect(await profileRows()).toEqual([]);
      });

      it("imports pasted lines, taking a missing name from the address", async () => {
        const imported = await importing({
          lines:
            "Adele Vance, adele@contoso.test, adele@fabrikam.test\nmegan@contoso.test megan@fabrikam.test\n",
        });
        expect(imported.status).toBe(200);
        expect((await profileRows()).map((row) => [row.name, row.source])).toEqual([
          ["Adele Vance", "import"],
          ["Megan", "import"],
        ]);
        const bad = await importing({ lines: "lee@contoso.test" });
        expect(bad.status).toBe(422);
        expect(bad.body.error.field).toBe("body/lines");
        expect(bad.body.report.rows[0].problems[0]).toMatchObject({ field: "row", code: "field_count" });
      });

      it("reports without writing on a dry run", async () => {
        const preview = await importing({ csv: csvOf(["adele"]) }, "?dryRun=true");
        expect(preview.status).toBe(200);
        expect(preview.body).toMatchObject({
          dryRun: true,
          written: false,
          totals: { created: 0 },
          planned: { created: 1 },
        });
        expect(await profileRows()).toEqual([]);
      });

      it("refuses a mailbox another profile already pairs with someone else", async () => {
        await add("Adele", "adele@contoso.test", "adele@fabrikam.test");
        const refused = await importing({ lines: "adele@contoso.test megan@fabrikam.test" });
        expect(refused.status).toBe(422);
        expect(refused.body.report.rows[0].problems[0].code).toBe("mailbox_in_use");
      });

      it("refuses bodies with none or two inputs, and too many rows", async () => {
        expect((await importing({})).body.error).toMatchObject({ code: "invalid_request", field: "body" });
        expect((await importing({ csv: "x", lines: "y" })).status).toBe(400);
        const many = Array.from({ length: 5_001 }, (_, i) => `p${i}@contoso.test p${i}@fabrikam.test`).join(
          "\n",
        );
        const tooMany = await importing({ lines: many });
        expect([tooMany.status, tooMany.body.error.code]).toEqual([413, "too_many_rows"]);
      });
    });

    describe("listing, editing and verifying", () => {
      it("lists a sync's profiles with their counts, filters them and pages through them", async () => {
        await importing({ csv: csvOf(DEFAULT_PEOPLE) });
        const [adele] = await profileRows();
        const db = ctx.db();
        const link = { sourceVersion: "v", copyVersion: "v", contentHash: "h", kind: "single" as const };
        const now = ctx.clock.now();
        await insertLink(
          db,
          { ...link, profileId: adele!.id, sourceSide: "A", sourceId: "a1", copyId: "b1", owned: true },
          now,
        );
        await insertLink(
          db,
          { ...link, profileId: adele!.id, sourceSide: "A", sourceId: "a2", copyId: "b2", owned: true },
          now,
        );
        await insertLink(
          db,
          { ...link, profileId: adele!.id, sourceSide: "B", sourceId: "b3", copyId: "a3", owned: true },
          now,
        );
        await insertLink(
          db,
          { ...link, profileId: adele!.id, sourceSide: "B", sourceId: "b4", copyId: "a4", owned: false },
          now,
        );
        await startRun(
          db,
          { profileId: adele!.id, trigger: "schedule" },
          new Date("2025-03-01T08:00:00.000Z"),
        );
        const last = await startRun(
          db,
          { profileId: adele!.id, trigger: "notification" },
          new Date("2025-03-01T08:30:00.000Z"),
        );
        await finishRun(
          db,
          last.id,
          { outcome: "ok", counts: zeroCounts() },
          new Date("2025-03-01T08:30:05.000Z"),
        );
        await updateProfileStatus(db, adele!.id, "active", null, now);

        const one = await call("GET", `/api/profiles/${adele!.id}`);
        expect(one.body.counts).toEqual({
          copiesAToB: 2,
          copiesBToA: 1,
          linked: 1,
          lastRun: {
            startedAt: "2025-03-01T08:30:00.000Z",
            finishedAt: "2025-03-01T08:30:05.000Z",
            outcome: "ok",
          },
        });

        const all = await call("GET", `/api/syncs/${sync.id}/profiles`);
        expect(all.body.profiles.map((p: Body) => [p.name, p.status, p.counts.copiesAToB])).toEqual([
          ["Adele", "active", 2],
          ["Lee", "draft", 0],
          ["Megan", "draft", 0],
          ["Nestor", "draft", 0],
        ]);
        const active = await call("GET", `/api/syncs/${sync.id}/profiles?status=active`);
        expect(active.body.profiles.map((p: Body) => p.name)).toEqual(["Adele"]);
        const search = await call("GET", `/api/syncs/${sync.id}/profiles?search=MEG`);
        expect(search.body.profiles.map((p: Body) => p.name)).toEqual(["Megan"]);
        const literal = await call("GET", `/api/syncs/${sync.id}/profiles?search=%25`);
        expect(literal.body.profiles).toEqual([]);

        const names: string[] = [];
        let url = `/api/syncs/${sync.id}/profiles?limit=3`;
        for (;;) {
          const page = await call("GET", url);
          names.push(...page.body.profiles.map((p: Body) => p.name));
          if (!page.body.nextCursor) break;
          url = `/api/syncs/${sync.id}/profiles?limit=3&cursor=${page.body.nextCursor}`;
        }
        expect(names).toEqual(["Adele", "Lee", "Megan", "Nestor"]);
        const badCursor = await call("GET", `/api/syncs/${sync.id}/profiles?cursor=nonsense`);
        expect([badCursor.status, badCursor.body.error.field]).toEqual([400, "querystring/cursor"]);
        expect((await call("GET", "/api/profiles/nope")).status).toBe(404);
      });

      it("renames any profile, and changes mailboxes (verified again) only while a draft", async () => {
        const { body: adele } = await add("Adele", "adele@contoso.test", "adele@fabrikam.test");
        const renamed = await call("PATCH", `/api/profiles/${adele.id}`, { name: "Adele Vance" });
        expect([renamed.status, renamed.body.name]).toEqual([200, "Adele Vance"]);

        const unknown = await call("PATCH", `/api/profiles/${adele.id}`, { mailboxB: "ghost@fabrikam.test" });
        expect([unknown.status, unknown.body.error.code, unknown.body.error.field]).toEqual([
          422,
          "mailbox_not_found",
          "body/mailboxB",
        ]);
        const moved = await call("PATCH", `/api/profiles/${adele.id}`, { mailboxB: "lee@fabrikam.test" });
        expect([moved.status, moved.body.mailboxB, moved.body.mailboxCheck.status]).toEqual([
          200,
          "lee@fabrikam.test",
          "verified",
        ]);

        await updateProfileStatus(ctx.db(), adele.id, "active", null, ctx.clock.now());
        const notDraft = await call("PATCH", `/api/profiles/${adele.id}`, {
          mailboxB: "megan@fabrikam.test",
        });
        expect([notDraft.status, notDraft.body.error.code]).toEqual([409, "profile_not_draft"]);
        expect(await audits("profile_updated")).toBe(2);
      });

      it("verifies a profile's mailboxes again and records what it finds", async () => {
        const { body: lee } = await add("Lee", "lee@contoso.test", "lee@fabrikam.test");
        const fabrikam = emulator.ctx.world.requireTenant("fabrikam.test");
        const principal = fabrikam.servicePrincipals.get(tenants.apps.B.clientId)!;
        const scope = principal.mailboxScope!;
        const leeId = emulator.ctx.world.userByIdOrUpn(fabrikam, "lee@fabrikam.test")!.id;
        principal.mailboxScope = scope.filter((id) => id !== leeId);
        try {
          const checked = await call("POST", `/api/profiles/${lee.id}/verify`);
          expect(checked.status).toBe(200);
          expect(checked.body.mailboxes.A).toMatchObject({ mailbox: "lee@contoso.test", status: "verified" });
          expect(checked.body.mailboxes.B).toMatchObject({
            mailbox: "lee@fabrikam.test",
            status: "out_of_scope",
          });
          expect(checked.body.profile.mailboxCheck).toMatchObject({
            status: "invalid",
            reason: expect.stringContaining("lee@fabrikam.test is outside the app's mailbox scope"),
          });
        } finally {
          principal.mailboxScope = scope;
        }
        const again = await call("POST", `/api/profiles/${lee.id}/verify`);
        expect(again.body.profile.mailboxCheck).toMatchObject({ status: "verified", reason: null });
        expect(await audits("profile_verified")).toBe(2);
      });
    });
  });
}
