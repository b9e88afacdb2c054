import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrosscalService } from "../../src/jobs/service.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { type App, buildApp } from "../../src/server/app.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { listSubscriptions } from "../../src/store/subscriptions.js";
import { meeting, person } from "../engine/fixture.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { type ServiceTenants, seedServiceTenants } from "../helpers/service-tenants.js";
import { eventually, freePort } from "../helpers/wait.js";
import { type ServerContext, type SignedIn, setUpAdmin, signIn, TEST_COST } from "./fixture.js";

// biome-ignore lint/suspicious/noExplicitAny: API answers are read as JSON
type Json = Record<string, any>;

const TAG = "crosscal.source";
const staff = (domain: string, names: string[]) => names.map((name) => `${name}@${domain}`);

/**
 * The whole flow an administrator goes through, against the emulator over HTTPS and only through the REST
 * API: connect two tenants, create a sync, bind a group in each tenant (profiles created and started with
 * merge), a change mirrored through Graph's notification to the webhook, pause, resume, clean up.
 */
describe("end to end: from two tenants to meetings mirrored by webhook, through the REST API", () => {
  let emulator: RunningEmulator;
  let tenants: ServiceTenants;
  let db: Store;
  let dir: string | undefined;
  let service: CrosscalService;
  let app: App;
  let admin: SignedIn;
  const box = new SecretBox(randomBytes(32));
  const state: Json = {};

  const api = async (method: string, url: string, payload?: unknown) => {
    const response = await app.inject({
      method: method as "GET",
      url,
      headers: admin.headers,
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });
    return { status: response.statusCode, body: response.body ? (response.json() as Json) : {} };
  };
  const copiesIn = async (upn: string) =>
    (await person(emulator, upn).list()).filter((event) =>
      JSON.stringify(event.singleValueExtendedProperties ?? []).includes(TAG),
    );
  const profileOf = async (name: string) => {
    const { body } = await api("GET", `/api/syncs/${state.syncId}/profiles?search=${name}`);
    return body.profiles.find((p: Json) => p.mailboxA.startsWith(`${name}@`)) as Json;
  };

  beforeAll(async () => {
    emulator = await startTestEmulator({ allowHttpNotificationUrls: true });
    tenants = await seedServiceTenants(emulator, {
      people: ["adele", "megan", "lee"],
      only: { A: ["nestor"] },
      groups: {
        A: [
          { displayName: "Consultants", members: staff("contoso.test", ["lee"]) },
          {
            displayName: "Cross-tenant staff",
            members: [...staff("contoso.test", ["adele", "megan", "nestor"]), "group:Consultants"],
          },
        ],
        B: [
          { displayName: "Cross-tenant staff", members: staff("fabrikam.test", ["adele", "megan", "lee"]) },
        ],
      },
    });
    dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-flow-"));
    db = openDatabase(path.join(dir, "crosscal.db"));
    await migrate(db);
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    service = new CrosscalService({
      db,
      secrets: box,
      publicUrl,
      log: { info() {}, warn: (d, m) => console.error(m, d), error: (d, m) => console.error(m, d) },
      debounceMs: 100,
      clientOptions: { sleep: async () => {} },
    });
    app = await buildApp({
      db,
      secrets: box,
      service: service.hooks,
      publicUrl,
      passwordCost: TEST_COST,
      endpointPolicy: { allowCustom: false, allowedHosts: [new URL(emulator.url).host] },
    });
    await app.listen({ port, host: "127.0.0.1" });
    const context = {
      app: () => app,
      db: () => db,
      clock: { now: () => new Date() },
    } as unknown as ServerContext;
    await setUpAdmin(context);
    admin = await signIn(app);
    // Meetings that exist before anything starts: one only in adele's contoso mailbox, and one that is in
    // both of her mailboxes already (merge links it instead of copying it).
    await person(emulator, "adele@contoso.test").create(meeting("Contoso kickoff", 2));
    await person(emulator, "adele@contoso.test").create(meeting("Steering committee", 3));
    await person(emulator, "adele@fabrikam.test").create(meeting("Steering committee", 3));
  });
  afterAll(async () => {
    await service?.stop();
    await app?.close();
    if (db) await closeDatabase(db);
    await emulator?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("connects both tenants, and each connection checks out", async () => {
    for (const [side, name] of [
      ["A", "contoso"],
      ["B", "fabrikam"],
    ] as const) {
      const created = await api("POST", "/api/connections", {
        name,
        tenant: tenants.apps[side].tenant,
        clientId: tenants.apps[side].clientId,
        clientSecret: tenants.apps[side].secret,
        cloud: "custom",
        endpoints: { authority: emulator.url, graph: emulator.url },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const checked = await api("POST", `/api/connections/${created.body.id}/check`);
      expect(checked.body.connection.status).toBe("connected");
      state[side] = created.body.id;
    }
    expect(JSON.stringify(await db.selectFrom("connections").selectAll().execute())).not.toContain("-secret");
  });

  it("creates a sync between them", async () => {
    const created = await api("POST", "/api/syncs", {
      name: "contoso-fabrikam",
      connectionA: state.A,
      connectionB: state.B,
      mapping: "busy",
      startMode: "merge",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    state.syncId = created.body.id;
  });

  it("binds the staff group of each tenant: matched people become profiles, started with merge", async () => {
    const bound = await api("POST", `/api/syncs/${state.syncId}/group-bindings`, {
      groupA: "Cross-tenant staff",
      groupB: "Cross-tenant staff",
      autoStart: "merge",
    });
    expect(bound.status, JSON.stringify(bound.body)).toBe(201);
    const report = bound.body.lastReport;
    expect(report.matched).toBe(3);
    expect(report.started.map((p: Json) => p.name).sort()).toEqual(["Adele", "Lee", "Megan"]);
    expect(report.unmatchedA.map((m: Json) => m.address)).toEqual(["nestor@contoso.test"]);
    await service.idle();

    const { body } = await api("GET", `/api/syncs/${state.syncId}/profiles`);
    expect(body.profiles.map((p: Json) => [p.name, p.status, p.mailboxCheck.status]).sort()).toEqual([
      ["Adele", "active", "verified"],
      ["Lee", "active", "verified"],
      ["Megan", "active", "verified"],
    ]);
    expect((await listSubscriptions(db)).length).toBe(6);
    // Merge: the meeting only contoso held is copied as "Busy"; the one both held is linked, not doubled.
    const copies = await copiesIn("adele@fabrikam.test");
    expect(copies.map((copy) => copy.subject)).toEqual(["Busy"]);
    const fabrikam = await person(emulator, "adele@fabrikam.test").list();
    expect(fabrikam.filter((event) => event.subject === "Steering committee")).toHaveLength(1);
    expect(await copiesIn("adele@contoso.test")).toEqual([]);
  });

  it("mirrors a new meeting within moments, through Graph's change notification", async () => {
    const created = await person(emulator, "megan@fabrikam.test").create(meeting("Fabrikam budget", 4));
    await eventually("megan's copy in contoso", async () =>
      (await copiesIn("megan@contoso.test")).some((copy) =>
        JSON.stringify(copy.singleValueExtendedProperties).includes(created.id),
      ),
    );
    await service.idle();
    const runs = await api("GET", `/api/runs?sync=contoso-fabrikam&profile=Megan&trigger=notification`);
    expect(runs.body.runs.length).toBeGreaterThan(0);
    expect(runs.body.runs[0].counts.created).toBe(1);
  });

  it("pauses a profile (its subscriptions go), resumes it (what changed meanwhile follows)", async () => {
    const megan = await profileOf("megan");
    const paused = await api("POST", `/api/profiles/${megan.id}/pause`);
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body.results[0]).toMatchObject({ ok: true, status: "paused" });
    const watched = (await listSubscriptions(db)).map((s) => s.mailbox);
    expect(watched).not.toContain("megan@contoso.test");
    expect(watched).toHaveLength(4);

    await person(emulator, "megan@contoso.test").create(meeting("While paused", 5));
    const resumed = await api("POST", `/api/profiles/${megan.id}/resume`);
    expect(resumed.body.results[0]).toMatchObject({ ok: true, status: "active" });
    await service.idle();
    expect((await listSubscriptions(db)).length).toBe(6);
    expect((await copiesIn("megan@fabrikam.test")).length).toBe(1);
  });

  it("cleans up a profile: its copies leave both mailboxes and it is paused", async () => {
    const adele = await profileOf("adele");
    const cleaned = await api("POST", "/api/profiles/actions", { action: "cleanup", ids: [adele.id] });
    expect(cleaned.body).toMatchObject({ succeeded: 1, failed: 0 });
    expect(await copiesIn("adele@fabrikam.test")).toEqual([]);
    expect((await profileOf("adele")).status).toBe("paused");
    const fabrikam = await person(emulator, "adele@fabrikam.test").list();
    expect(fabrikam.map((event) => event.subject)).toEqual(["Steering committee"]);
    const audit = await api("GET", "/api/audit?limit=20");
    expect(audit.body.entries.map((entry: Json) => entry.action)).toContain("profiles_cleanup");
    const sent = emulator.ctx.stats.snapshot().messages;
    expect(sent).toMatchObject({ invitations: 0, updates: 0, cancellations: 0 });
  });
});
