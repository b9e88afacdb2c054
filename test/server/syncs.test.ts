import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { credentialContext } from "../../src/connections/stored-connection.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { type ConnectionRow, insertConnection } from "../../src/store/connections.js";
import { insertProfile } from "../../src/store/profiles.js";
import type { ProfileStatus } from "../../src/store/schema.js";
import { postgresContext } from "../helpers/postgres.js";
import { newConnection } from "../store/fixtures.js";
import type { Dialect } from "../store/targets.js";
import { adminSession, type SignedIn, useServer } from "./fixture.js";

const BOX = new SecretBox(randomBytes(32));

/** A rule as a body carries it. */
const rule = (name: string, when: Record<string, unknown>, outcome: unknown) =>
  // biome-ignore lint/suspicious/noThenProperty: the config file's word; a rule is never awaited.
  ({ name, when, then: outcome });

for (const dialect of ["sqlite", "postgres"] as const satisfies Dialect[]) {
  const skipReason = dialect === "postgres" ? postgresContext().skipReason : undefined;
  describe.skipIf(skipReason !== undefined)(
    `syncs API [${dialect}]${skipReason ? ` skipped: ${skipReason}` : ""}`,
    () => {
      const ctx = useServer(dialect, { secrets: BOX });
      let admin: SignedIn;
      let contoso: ConnectionRow;
      let fabrikam: ConnectionRow;
      let northwind: ConnectionRow;

      const connection = (name: string) => {
        const id = randomUUID();
        const sealedCredential = BOX.seal(`${name}-secret`, credentialContext(id));
        const row = newConnection(id, name, {
          tenant: `${name}.test`,
          clientId: randomUUID(),
          sealedCredential,
        });
        return insertConnection(ctx.db(), row, ctx.clock.now());
      };

      beforeEach(async () => {
        await ctx.db().deleteFrom("profiles").execute();
        await ctx.db().deleteFrom("syncs").execute();
        await ctx.db().deleteFrom("connections").execute();
        admin = await adminSession(ctx);
        contoso = await connection("contoso");
        fabrikam = await connection("fabrikam");
        northwind = await connection("northwind");
      });

      const call = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
        ctx.app().inject({
          method,
          url,
          headers: admin.headers,
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
      const create = (more: Record<string, unknown> = {}) =>
        call("POST", "/api/syncs", {
          name: "contoso-fabrikam",
          connectionA: contoso.id,
          connectionB: fabrikam.id,
          ...more,
        });
      const syncCount = async () => (await ctx.db().selectFrom("syncs").select("id").execute()).length;
      const auditActions = async () =>
        (await ctx.db().selectFrom("auditLog").select("action").orderBy("id").execute()).map((e) => e.action);
      const addProfile = (sync: string, local: string, status: ProfileStatus = "draft") =>
        insertProfile(
          ctx.db(),
          {
            sync,
            name: local,
            mailboxA: `${local}@contoso.test`,
            mailboxB: `${local}@fabrikam.test`,
            startMode: "merge",
            status,
          },
          ctx.clock.now(),
        );

      it("creates a sync with the config file's defaults, lists it and reads it back", async () => {
        const created = await create();
        expect(created.statusCode).toBe(201);
        const sync = created.json();
        expect(sync).toMatchObject({
          name: "contoso-fabrikam",
          connectionA: contoso.id,
          connectionB: fabrikam.id,
          direction: "two-way",
          mapping: "busy",
          startMode: "only-new",
          window: { pastDays: 30 },
          policies: {
            copyReminders: false,
            massDeletionShare: 0.5,
            massDeletionMinimum: 10,
            emptySideGuard: true,
          },
          rules: [],
          profiles: { total: 0, draft: 0 },
        });
        const row = await ctx.db().selectFrom("syncs").selectAll().executeTakeFirstOrThrow();
        expect(row.startMode).toBe("only_new");
        expect(JSON.parse(row.settings)).toMatchObject({
          direction: "two-way",
          mapping: "busy",
          pastDays: 30,
        });

        const list = await call("GET", "/api/syncs");
        expect(list.json().syncs.map((s: { id: string }) => s.id)).toEqual([sync.id]);
        const one = await call("GET", `/api/syncs/${sync.id}`);
        expect(one.json()).toEqual(sync);
        expect(await auditActions()).toContain("sync_created");
      });

      it("keeps a custom mapping and rules as sent", async () => {
        const mapping = { preset: "full-details", fields: { subject: { template: "[Contoso] {subject}" } } };
        const rules = [
          rule("declined", { response: ["declined"] }, "skip"),
          rule(
            "private",
            { sensitivity: ["private"] },
            { mapping: { preset: "busy", fields: { location: "omit" } } },
          ),
        ];
        const created = await create({ mapping, rules, direction: "a-to-b", startMode: "merge" });
        expect(created.statusCode).toBe(201);
        expect(created.json()).toMatchObject({ mapping, rules, direction: "a-to-b", startMode: "merge" });
      });

      it("refuses bad input naming the field, and writes nothing", async () => {
        const unknown = await create({ connectionB: "no-such-connection" });
        expect(unknown.statusCode).toBe(404);
        expect(unknown.json().error).toMatchObject({
          code: "connection_not_found",
          field: "body/connectionB",
        });

        const same = await create({ connectionB: contoso.id });
        expect(same.statusCode).toBe(400);
        expect(same.json().error.field).toBe("body/connectionB");

        const mapping = await create({ mapping: { preset: "busy", fields: { subject: "cpy" } } });
        expect(mapping.statusCode).toBe(400);
        expect(mapping.json().error).toMatchObject({
          code: "invalid_request",
          field: "body/mapping/fields/subject",
          message: expect.stringContaining('did you mean "copy"'),
        });

        const badRule = await create({
          rules: [rule("focus", { subject: { matches: "(" } }, "skip")],
        });
        expect(badRule.statusCode).toBe(400);
        expect(badRule.json().error.field).toBe("body/rules/0/when/subject/matches");

        const preset = await create({ mapping: "bussy" });
        expect(preset.json().error).toMatchObject({
          field: "body/mapping",
          message: expect.stringContaining("busy"),
        });

        const unknownKey = await create({ polices: {} });
        expect(unknownKey.statusCode).toBe(400);
        expect(unknownKey.json().error.field).toBe("body/polices");

        const notJson = await ctx.app().inject({
          method: "POST",
          url: "/api/syncs",
          headers: { ...admin.headers, "content-type": "application/json" },
          payload: "{ name: ",
        });
        expect(notJson.statusCode).toBe(400);
        expect(await syncCount()).toBe(0);

        expect((await create()).statusCode).toBe(201);
        const taken = await create({ connectionA: northwind.id });
        expect(taken.statusCode).toBe(409);
        expect(taken.json().error).toMatchObject({ code: "sync_name_taken", field: "body/name" });
        expect(await syncCount()).toBe(1);
      });

      it("counts profiles by status", async () => {
        const { id } = (await create()).json();
        await addProfile(id, "adele", "active");
        await addProfile(id, "megan", "active");
        await addProfile(id, "lee", "paused");
        await addProfile(id, "nestor", "needs_confirmation");
        const expected = { total: 4, draft: 0, active: 2, paused: 1, error: 0, needs_confirmation: 1 };
        expect((await call("GET", `/api/syncs/${id}`)).json().profiles).toEqual(expected);
        expect((await call("GET", "/api/syncs")).json().syncs[0].profiles).toEqual(expected);
      });

      it("edits a sync partly: policies merge, the rest stays", async () => {
        const { id } = (await create({ policies: { copyReminders: true } })).json();
        const edited = await call("PATCH", `/api/syncs/${id}`, {
          name: "renamed",
          policies: { massDeletionMinimum: 3 },
          mapping: "full-details",
        });
        expect(edited.statusCode).toBe(200);
        expect(edited.json()).toMatchObject({
          name: "renamed",
          mapping: "full-details",
          direction: "two-way",
          policies: { copyReminders: true, massDeletionMinimum: 3 },
        });
        expect((await call("GET", `/api/syncs/${id}`)).json()).toMatchObject({
          name: "renamed",
          mapping: "full-details",
        });
        expect(await auditActions()).toContain("sync_updated");

        const bad = await call("PATCH", `/api/syncs/${id}`, {
          rules: [rule("x", {}, "skipp")],
        });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error.field).toBe("body/rules/0/then");
        expect((await call("PATCH", "/api/syncs/nope", { name: "x" })).statusCode).toBe(404);
      });

      it("moves a sync to other connections only while it has no profiles", async () => {
        const { id } = (await create()).json();
        await call("POST", "/api/syncs", {
          name: "other",
          connectionA: northwind.id,
          connectionB: fabrikam.id,
        });
        expect((await call("PATCH", `/api/syncs/${id}`, { name: "other" })).statusCode).toBe(409);
        const moved = await call("PATCH", `/api/syncs/${id}`, { connectionB: northwind.id });
        expect(moved.statusCode).toBe(200);
        expect(moved.json().connectionB).toBe(northwind.id);
        const missing = await call("PATCH", `/api/syncs/${id}`, { connectionA: "gone" });
        expect(missing.statusCode).toBe(404);
        expect(missing.json().error.field).toBe("body/connectionA");

        await addProfile(id, "adele");
        const refused = await call("PATCH", `/api/syncs/${id}`, { connectionB: fabrikam.id });
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error).toMatchObject({ code: "sync_has_profiles", field: "body/connectionB" });
        expect((await call("GET", `/api/syncs/${id}`)).json().connectionB).toBe(northwind.id);
        expect((await call("PATCH", `/api/syncs/${id}`, { direction: "b-to-a" })).statusCode).toBe(200);
      });

      it("deletes a sync only without profiles", async () => {
        const { id } = (await create()).json();
        const profile = await addProfile(id, "adele");
        const refused = await call("DELETE", `/api/syncs/${id}`);
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error.code).toBe("sync_has_profiles");
        await ctx.db().deleteFrom("profiles").where("id", "=", profile.id).execute();
        expect((await call("DELETE", `/api/syncs/${id}`)).statusCode).toBe(204);
        expect((await call("GET", `/api/syncs/${id}`)).statusCode).toBe(404);
        expect((await call("DELETE", `/api/syncs/${id}`)).statusCode).toBe(404);
        expect(await auditActions()).toContain("sync_deleted");
      });

      it("refuses to delete a connection a sync uses", async () => {
        const { id } = (await create()).json();
        const refused = await call("DELETE", `/api/connections/${fabrikam.id}`);
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error).toMatchObject({
          code: "connection_in_use",
          message: expect.stringContaining('"contoso-fabrikam"'),
        });
        expect((await call("GET", `/api/connections/${fabrikam.id}`)).statusCode).toBe(200);
        expect((await call("DELETE", `/api/syncs/${id}`)).statusCode).toBe(204);
        expect((await call("DELETE", `/api/connections/${fabrikam.id}`)).statusCode).toBe(204);
      });
    },
  );
}
