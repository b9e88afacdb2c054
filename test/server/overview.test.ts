import { randomBytes } from "node:crypto";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrosscalService } from "../../src/jobs/service.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { type App, buildApp } from "../../src/server/app.js";
import { hashSecret } from "../../src/server/auth/tokens.js";
import { insertApiToken } from "../../src/store/admin-tokens.js";
import { recordConnectionCheck } from "../../src/store/connections.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { insertProfile } from "../../src/store/profiles.js";
import { listRuns } from "../../src/store/runs.js";
import { meeting, person } from "../engine/fixture.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { postgresContext } from "../helpers/postgres.js";
import { seedServiceTenants, storeServiceSync } from "../helpers/service-tenants.js";
import { eventually, freePort } from "../helpers/wait.js";
import { type BlankDatabase, createBlankDatabase } from "../store/targets.js";

// biome-ignore lint/suspicious/noExplicitAny: API answers are read as JSON
type Json = Record<string, any>;

const TOKEN = "cct_overview-test-admin";

/**
 * The overview's numbers from what the service really did: profiles started against the emulator's two
 * tenants, a change notified by Graph and mirrored (its lag recorded with the run), the Graph requests the
 * runs and subscriptions made, the subscriptions they hold; then a sync's settings applied now as a job.
 */
for (const dialect of ["sqlite", "postgres"] as const) {
  const skipReason = dialect === "postgres" ? postgresContext().skipReason : undefined;
  describe.skipIf(skipReason !== undefined)(
    `the overview and apply-now against the emulator [${dialect}]`,
    () => {
      let emulator: RunningEmulator;
      let database: BlankDatabase;
      let db: Store;
      let service: CrosscalService;
      let app: App;
      let syncId: string;
      let connections: { a: string; b: string };
      const ids: Record<string, string> = {};
      const box = new SecretBox(randomBytes(32));

      const api = async (method: "GET" | "POST", url: string, payload?: Json) => {
        const response = await app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${TOKEN}` },
          ...(payload && { payload }),
        });
        return { status: response.statusCode, body: response.json() as Json };
      };

      beforeAll(async () => {
        emulator = await startTestEmulator({ allowHttpNotificationUrls: true });
        const tenants = await seedServiceTenants(emulator, { people: ["adele", "megan", "lee"] });
        database = await createBlankDatabase(dialect);
        db = openDatabase(database.target);
        await migrate(db);
        const stored = await storeServiceSync(db, box, tenants);
        syncId = stored.sync.id;
        connections = { a: stored.a.id, b: stored.b.id };
        await recordConnectionCheck(db, stored.a.id, { status: "connected", reason: "ok" }, new Date());
        for (const name of ["adele", "megan", "lee"]) {
          const profile = await insertProfile(
            db,
            {
              sync: syncId,
              name: name.charAt(0).toUpperCase() + name.slice(1),
              mailboxA: `${name}@contoso.test`,
              mailboxB: `${name}@fabrikam.test`,
              startMode: "merge",
            },
            new Date(),
          );
          await db
            .updateTable("profiles")
            .set({ mailboxCheck: "verified" })
            .where("id", "=", profile.id)
            .execute();
          ids[name] = profile.id;
        }
        await insertApiToken(
          db,
          {
            name: "overview",
            tokenHash: hashSecret(TOKEN),
            createdBy: "admin",
            scope: "admin",
            expiresAt: null,
          },
          new Date(),
        );
        const port = await freePort();
        service = new CrosscalService({
          db,
          secrets: box,
          publicUrl: `http://127.0.0.1:${port}`,
          log: {
            info() {},
            warn: (detail, message) => console.error(message, detail),
            error: (detail, message) => console.error(message, detail),
          },
          debounceMs: 100,
          clientOptions: { sleep: async () => {} },
          jobs: { runsPerSecond: 2 },
        });
        app = await buildApp({ db, secrets: box, service: service.hooks });
        await app.listen({ port, host: "127.0.0.1" });
      });
      afterAll(async () => {
        await service?.stop();
        await app?.close();
        if (db) await closeDatabase(db);
        await database?.drop();
        await emulator?.close();
      });

      it("counts profiles per status, the change lag, Graph requests per connection and subscription health", async () => {
        const started = await api("POST", "/api/profiles/actions", {
          action: "start",
          ids: [ids.adele, ids.megan, ids.lee],
          mode: "merge",
        });
        expect(started.body.succeeded).toBe(3);
        await service.idle();
        const paused = await api("POST", `/api/profiles/${ids.lee}/pause?reason=on leave until May`);
        expect(paused.status).toBe(200);
        await person(emulator, "adele@contoso.test").create(meeting("Notified planning", 3));
        await eventually("the notified run", async () =>
          (await listRuns(db, { profileId: ids.adele! })).some(
            (run) => run.trigger.includes("notification") && run.outcome === "ok",
          ),
        );
        await service.idle();

        const { status, body } = await api("GET", "/api/overview");

        expect(status).toBe(200);
        expect(body.windowMinutes).toBe(60);
        expect(body.profiles).toEqual({
          total: 3,
          byStatus: { draft: 0, active: 2, paused: 1, error: 0, needs_confirmation: 0 },
          latestReasons: {
            error: [],
            needs_confirmation: [],
            paused: [
              {
                profile: { id: ids.lee, name: "Lee" },
                sync: { id: syncId, name: "contoso-fabrikam" },
                reason: "on leave until May",
                since: expect.any(String),
              },
            ],
          },
        });
        expect(body.changeLag.runs).toBeGreaterThanOrEqual(1);
        expect(body.changeLag.p50Ms).toBeGreaterThan(0);
        expect(body.changeLag.p99Ms).toBeGreaterThanOrEqual(body.changeLag.p50Ms);
        const byId = Object.fromEntries(body.connections.map((c: Json) => [c.id, c]));
        expect(byId[connections.a]).toMatchObject({ name: "contoso", status: "connected", connected: true });
        expect(byId[connections.b]).toMatchObject({
          name: "fabrikam",
          status: "unchecked",
          connected: false,
        });
        expect(byId[connections.a].graph.requests).toBeGreaterThan(0);
        expect(byId[connections.b].graph.requests).toBeGreaterThan(0);
        expect(byId[connections.a].graph.throttled).toBe(0);
        expect(body.subscriptions).toEqual({
          watchedMailboxes: 4,
          subscriptions: 4,
          expiringWithinDay: expect.any(Number),
          missing: 0,
          lastNotificationAt: expect.any(String),
        });
        const lags = await db
          .selectFrom("runs")
          .select(["trigger", "lagMs"])
          .where("profileId", "=", ids.adele!)
          .execute();
        expect(
          lags.filter((run) => run.lagMs !== null).every((run) => run.trigger.includes("notification")),
        ).toBe(true);
      });

      it("applies a sync's settings now: a paced job asks for a run of each active profile", async () => {
        const queued = await api("POST", `/api/syncs/${syncId}/apply-now`);

        expect(queued.status).toBe(202);
        expect(queued.body).toMatchObject({
          kind: "apply_sync",
          action: "run",
          total: 2,
          sync: { id: syncId, name: "contoso-fabrikam" },
        });
        await eventually(
          "the job done",
          async () => (await api("GET", `/api/jobs/${queued.body.id}`)).body.status === "done",
        );
        await service.idle();
        for (const name of ["adele", "megan"])
          expect((await listRuns(db, { profileId: ids[name]! })).map((run) => run.trigger)).toContain(
            "apply-now",
          );
        expect((await listRuns(db, { profileId: ids.lee! })).map((run) => run.trigger)).not.toContain(
          "apply-now",
        );
      });
    },
  );
}
