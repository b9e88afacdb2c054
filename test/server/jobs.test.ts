import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CrosscalService } from "../../src/jobs/service.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import type { App } from "../../src/server/app.js";
import { insertConnection } from "../../src/store/connections.js";
import { insertCheckedProfiles } from "../../src/store/profiles.js";
import type { ProfileStatus } from "../../src/store/schema.js";
import { insertSync } from "../../src/store/syncs.js";
import { SETTINGS } from "../engine/fixture.js";
import { eventually } from "../helpers/wait.js";
import { newConnection } from "../store/fixtures.js";
import { adminSession, createApiToken, type SignedIn, useServer } from "./fixture.js";

// biome-ignore lint/suspicious/noExplicitAny: API answers are read as JSON
type Json = Record<string, any>;

const BOX = new SecretBox(randomBytes(32));

/** A pause between two batches that the test ends: the job waits there until `release`. */
function heldBatches() {
  const waiting: Array<() => void> = [];
  let open = false;
  return {
    sleep: () => new Promise<void>((resolve) => (open ? resolve() : waiting.push(resolve))),
    release: () => waiting.shift()?.(),
    /** Lets every batch through from now on. */
    open: () => {
      open = true;
      for (const resolve of waiting.splice(0)) resolve();
    },
    get held() {
      return waiting.length;
    },
  };
}

/**
 * Bulk actions as background jobs, through the API and a real service over the store (no Graph: pausing and
 * resuming need none, and the service is not started, so no reconcile runs the profiles).
 */
for (const dialect of ["sqlite", "postgres"] as const) {
  describe(`background jobs API [${dialect}]`, () => {
    const ctx = useServer(dialect, { secrets: BOX });
    let service: CrosscalService;
    let app: App;
    let admin: SignedIn;
    let syncId: string;
    let otherSyncId: string;
    let batches: ReturnType<typeof heldBatches>;

    const api = async (method: "GET" | "POST", url: string, payload?: Json, headers = admin.headers) => {
      const response = await app.inject({ method, url, headers, ...(payload && { payload }) });
      return { status: response.statusCode, body: response.json() as Json };
    };
    const job = async (id: string) => (await api("GET", `/api/jobs/${id}`)).body;
    const statuses = async (sync = syncId) => {
      const rows = await ctx
        .db()
        .selectFrom("profiles")
        .select(["name", "status"])
        .where("sync", "=", sync)
        .execute();
      return Object.fromEntries(rows.map((row) => [row.name, row.status]));
    };
    const count = async (status: ProfileStatus, sync = syncId) =>
      Object.values(await statuses(sync)).filter((s) => s === status).length;

    async function storeSync(name: string): Promise<string> {
      const connection = async (side: string) =>
        (await insertConnection(ctx.db(), newConnection(randomUUID(), `${side}-${randomUUID()}`), new Date()))
          .id;
      const sync = await insertSync(
        ctx.db(),
        {
          id: randomUUID(),
          name: `${name}-${randomUUID()}`,
          connectionA: await connection("contoso"),
          connectionB: await connection("fabrikam"),
          startMode: "merge",
          settings: JSON.stringify(SETTINGS),
        },
        new Date(),
      );
      return sync.id;
    }

    /** `n` active, verified profiles named `<prefix> 01`…, in one insert. */
    async function storeProfiles(sync: string, prefix: string, n: number, status: ProfileStatus = "active") {
      const rows = Array.from({ length: n }, (_, i) => {
        const local = `${prefix.toLowerCase().replace(/\W/g, "")}${String(i + 1).padStart(2, "0")}`;
        return {
          id: randomUUID(),
          sync,
          name: `${prefix} ${String(i + 1).padStart(2, "0")}`,
          mailboxA: `${local}@contoso.test`,
          mailboxB: `${local}@fabrikam.test`,
          startMode: "merge" as const,
          status,
          source: "manual" as const,
          bindingId: null,
          mailboxCheck: { check: "verified" as const, reason: null },
        };
      });
      const profiles = await insertCheckedProfiles(ctx.db(), rows, new Date());
      return profiles.map((profile) => profile.id);
    }

    beforeEach(async () => {
      for (const table of ["jobs", "profiles", "syncs", "connections"] as const)
        await ctx.db().deleteFrom(table).execute();
      syncId = await storeSync("contoso-fabrikam");
      otherSyncId = await storeSync("northwind-fabrikam");
      batches = heldBatches();
      service = new CrosscalService({
        db: ctx.db(),
        secrets: BOX,
        now: ctx.clock.now,
        log: { info() {}, warn() {}, error: (detail, message) => console.error(message, detail) },
        jobs: { batchSize: 25, sleep: batches.sleep },
      });
      app = await ctx.rebuild({ service: service.hooks });
      admin = await adminSession(ctx);
    });
    afterEach(async () => {
      batches.open();
      await service.stop();
    });

    it("pauses 60 profiles in batches of 25, and a cancel midway leaves the rest untouched", async () => {
      await storeProfiles(syncId, "Staff", 60);

      const queued = await api("POST", "/api/profiles/actions", {
        action: "pause",
        filter: { sync: syncId, status: "active" },
        reason: "migration weekend",
      });

      expect(queued.status).toBe(202);
      expect(queued.body).toMatchObject({ kind: "profile_action", action: "pause", total: 60, done: 0 });
      expect(["queued", "running"]).toContain(queued.body.status);
      const id = queued.body.id as string;
      await eventually("the first batch", () => batches.held === 1);
      expect(await job(id)).toMatchObject({ status: "running", done: 25, failed: 0, total: 60 });
      expect(await count("paused")).toBe(25);
      const running = await api("GET", "/api/jobs?status=running");
      expect(running.body.jobs.map((j: Json) => j.id)).toEqual([id]);

      const cancel = await api("POST", `/api/jobs/${id}/cancel`);
      expect(cancel.status).toBe(200);
      expect(cancel.body).toMatchObject({ id, status: "running", cancelRequested: true });
      batches.release();

      await eventually("the job cancelled", async () => (await job(id)).status === "cancelled");
      expect(await job(id)).toMatchObject({ done: 25, failed: 0, total: 60, finishedAt: expect.any(String) });
      expect([await count("paused"), await count("active")]).toEqual([25, 35]);
      const reasons = await ctx
        .db()
        .selectFrom("profiles")
        .select("statusReason")
        .where("status", "=", "paused")
        .execute();
      expect(new Set(reasons.map((row) => row.statusReason))).toEqual(new Set(["migration weekend"]));
      const audit = await api("GET", "/api/audit");
      const actions = audit.body.entries.map((entry: Json) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(["job_created", "job_cancelled"]));
      const created = audit.body.entries.find((entry: Json) => entry.action === "job_created");
      expect(created.detail).toMatchObject({ job: id, kind: "profile_action", action: "pause", total: 60 });
      const again = await api("POST", `/api/jobs/${id}/cancel`);
      expect([again.status, again.body.error.code]).toEqual([409, "job_finished"]);
    });

    it("works through a selection of ids to the end, recording each refusal with the profile's id", async () => {
      const ids = await storeProfiles(syncId, "Staff", 59);
      await storeProfiles(syncId, "Paused", 1, "paused");
      const pausedId = (
        await ctx
          .db()
          .selectFrom("profiles")
          .select("id")
          .where("status", "=", "paused")
          .executeTakeFirstOrThrow()
      ).id;

      const queued = await api("POST", "/api/profiles/actions", {
        action: "pause",
        ids: [...ids, pausedId, "no-such-profile"],
      });
      expect([queued.status, queued.body.total]).toEqual([202, 61]);
      const id = queued.body.id as string;
      await eventually("the first batch", () => batches.held === 1);
      batches.release();
      await eventually("the second batch", async () => (await job(id)).done === 50);
      batches.release();

      await eventually("the job done", async () => (await job(id)).status === "done");
      const done = await job(id);
      expect(done).toMatchObject({ done: 61, failed: 2, total: 61 });
      expect(done.failures).toEqual([
        {
          id: pausedId,
          code: "wrong_status",
          message: expect.stringContaining("cannot pause a profile that is paused"),
        },
        { id: "no-such-profile", code: "not_found", message: "no profile with id no-such-profile" },
      ]);
      expect(await count("paused")).toBe(60);
    });

    it("takes exactly the profiles a filter matches: one sync's or every sync's, by status, source and search", async () => {
      await storeProfiles(syncId, "Team A", 3);
      await storeProfiles(syncId, "Team B", 2);
      await storeProfiles(syncId, "Team A Paused", 2, "paused");
      await storeProfiles(otherSyncId, "Team A", 4);

      const oneSync = await api("POST", "/api/profiles/actions", {
        action: "pause",
        filter: { sync: syncId, status: "active", search: "team a" },
      });
      expect(oneSync.body.total).toBe(3);
      await eventually("the job done", async () => (await job(oneSync.body.id)).status === "done");
      expect(await statuses()).toEqual({
        "Team A 01": "paused",
        "Team A 02": "paused",
        "Team A 03": "paused",
        "Team B 01": "active",
        "Team B 02": "active",
        "Team A Paused 01": "paused",
        "Team A Paused 02": "paused",
      });
      expect(await count("active", otherSyncId)).toBe(4);

      const everySync = await api("POST", "/api/profiles/actions", {
        action: "resume",
        filter: { status: "paused", source: "manual", search: "TEAM A 0" },
      });
      expect(everySync.body).toMatchObject({
        total: 3,
        filter: { status: "paused", source: "manual", search: "TEAM A 0" },
      });
      await eventually("the job done", async () => (await job(everySync.body.id)).status === "done");
      expect(await count("paused")).toBe(2);
      expect((await job(everySync.body.id)).failed).toBe(0);

      const none = await api("POST", "/api/profiles/actions", {
        action: "pause",
        filter: { search: "nobody" },
      });
      expect(none.body).toMatchObject({ status: "done", total: 0, done: 0 });
    });

    it("acts on up to 20 ids within the request, and on them as a job when asked", async () => {
      const ids = await storeProfiles(syncId, "Staff", 3);

      const immediate = await api("POST", "/api/profiles/actions", { action: "pause", ids });
      expect(immediate.status).toBe(200);
      expect(immediate.body).toMatchObject({ action: "pause", succeeded: 3, failed: 0 });

      const background = await api("POST", "/api/profiles/actions", {
        action: "resume",
        ids,
        background: true,
      });
      expect(background.status).toBe(202);
      await eventually("the job done", async () => (await job(background.body.id)).status === "done");
      expect(await count("active")).toBe(3);
    });

    it("refuses a selection that is neither or both, an unknown sync, and an unknown job", async () => {
      const neither = await api("POST", "/api/profiles/actions", { action: "pause" });
      expect([neither.status, neither.body.error]).toEqual([
        400,
        { code: "invalid_request", message: "give exactly one of ids and filter", field: "body" },
      ]);
      const both = await api("POST", "/api/profiles/actions", { action: "pause", ids: ["a"], filter: {} });
      expect(both.status).toBe(400);
      const unknownSync = await api("POST", "/api/profiles/actions", {
        action: "pause",
        filter: { sync: "no-such-sync" },
      });
      expect([unknownSync.status, unknownSync.body.error.code, unknownSync.body.error.field]).toEqual([
        404,
        "sync_not_found",
        "body/filter/sync",
      ]);
      expect((await api("GET", "/api/jobs/no-such-job")).status).toBe(404);
      expect((await api("POST", "/api/jobs/no-such-job/cancel")).status).toBe(404);
      expect((await api("POST", "/api/syncs/no-such-sync/apply-now")).status).toBe(404);
      expect((await api("GET", "/api/jobs")).body.jobs).toEqual([]);
    });

    it("lets a read token follow jobs but neither queue nor cancel one", async () => {
      await storeProfiles(syncId, "Staff", 30);
      const queued = await api("POST", "/api/profiles/actions", {
        action: "pause",
        filter: { sync: syncId },
      });
      const token = await createApiToken(ctx, admin, "monitoring", "read");
      const headers = { authorization: `Bearer ${token}` };

      expect((await api("GET", `/api/jobs/${queued.body.id}`, undefined, headers)).status).toBe(200);
      const cancel = await api("POST", `/api/jobs/${queued.body.id}/cancel`, undefined, headers);
      expect([cancel.status, cancel.body.error.code]).toEqual([403, "token_read_only"]);
      const queue = await api("POST", "/api/profiles/actions", { action: "pause", filter: {} }, headers);
      expect(queue.status).toBe(403);
    });
  });
}
