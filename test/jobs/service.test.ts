import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrosscalService } from "../../src/jobs/service.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { type App, buildApp } from "../../src/server/app.js";
import { hashSecret } from "../../src/server/auth/tokens.js";
import { insertApiToken } from "../../src/store/admin-tokens.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { findProfileById, insertProfile } from "../../src/store/profiles.js";
import { listRuns } from "../../src/store/runs.js";
import { listSubscriptions } from "../../src/store/subscriptions.js";
import { meeting, person } from "../engine/fixture.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { seedServiceTenants, storeServiceSync } from "../helpers/service-tenants.js";
import { eventually, freePort } from "../helpers/wait.js";

const ADELE = { A: "adele@contoso.test", B: "adele@fabrikam.test" };
const TAG_PROPERTY = "crosscal.source";

/** Polls until `check` holds (the emulator delivers notifications on its own schedule). */

describe("the sync service in one process (SQLite): actions, subscriptions, webhooks, reconcile", () => {
  let emulator: RunningEmulator;
  let db: Store;
  let dir: string | undefined;
  let service: CrosscalService;
  let app: App;
  let profileId: string;
  const box = new SecretBox(randomBytes(32));
  const copiesIn = async (upn: string) =>
    (await person(emulator, upn).list()).filter((event) =>
      JSON.stringify(event.singleValueExtendedProperties ?? []).includes(TAG_PROPERTY),
    );

  beforeAll(async () => {
    emulator = await startTestEmulator({ allowHttpNotificationUrls: true });
    const tenants = await seedServiceTenants(emulator, { people: ["adele", "megan"] });
    dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-service-"));
    db = openDatabase(path.join(dir, "crosscal.db"));
    await migrate(db);
    const { sync } = await storeServiceSync(db, box, tenants);
    const profile = await insertProfile(
      db,
      { sync: sync.id, name: "Adele", mailboxA: ADELE.A, mailboxB: ADELE.B, startMode: "merge" },
      new Date(),
    );
    profileId = profile.id;
    await db.updateTable("profiles").set({ mailboxCheck: "verified" }).where("id", "=", profileId).execute();
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
    });
    app = await buildApp({ db, secrets: box, service: service.hooks });
    await app.listen({ port, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await service?.stop();
    await app?.close();
    if (db) await closeDatabase(db);
    await emulator?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("starts with merge: subscribes both mailboxes and mirrors what exists", async () => {
    const existing = await person(emulator, ADELE.A).create(meeting("Existing review", 2));

    const [result] = await service.hooks.actions.apply("start", [profileId], {
      actor: "test",
      mode: "merge",
    });
    await service.idle();

    expect(result).toMatchObject({ id: profileId, ok: true, status: "active" });
    const subscriptions = await listSubscriptions(db);
    expect(subscriptions.map((s) => s.mailbox).sort()).toEqual([ADELE.A, ADELE.B]);
    const copies = await copiesIn(ADELE.B);
    expect(copies.map((copy) => copy.subject)).toEqual([existing.subject]);
    expect((await listRuns(db, { profileId })).map((run) => run.trigger)).toEqual(["start"]);
  });

  it("mirrors a change notified by Graph, in a run of the notified mailbox", async () => {
    await person(emulator, ADELE.A).create(meeting("Notified planning", 3));

    await eventually("the copy of the notified meeting", async () =>
      (await copiesIn(ADELE.B)).some((copy) => copy.subject === "Notified planning"),
    );
    await service.idle();
    const triggers = (await listRuns(db, { profileId })).map((run) => run.trigger);
    expect(triggers).toContain("notification");
  });

  it("pause removes the subscriptions and stops runs; resume brings both back", async () => {
    const [paused] = await service.hooks.actions.apply("pause", [profileId], { actor: "test" });
    expect(paused).toMatchObject({ ok: true, status: "paused" });
    expect(await listSubscriptions(db)).toEqual([]);
    const runsBefore = (await listRuns(db, { profileId })).length;
    await person(emulator, ADELE.A).create(meeting("While paused", 4));
    await service.reconcileAll();
    await service.idle();
    expect((await listRuns(db, { profileId })).length).toBe(runsBefore);

    const [resumed] = await service.hooks.actions.apply("resume", [profileId], { actor: "test" });
    await service.idle();
    expect(resumed).toMatchObject({ ok: true, status: "active" });
    expect((await listSubscriptions(db)).length).toBe(2);
    expect((await copiesIn(ADELE.B)).map((copy) => copy.subject)).toContain("While paused");
  });

  it("a lifecycle notification for a mailbox no runnable profile reads deletes its subscription", async () => {
    const [subscription] = await listSubscriptions(db);
    // Paused behind the service's back (as by another process): the subscriptions are still there.
    await db.updateTable("profiles").set({ status: "paused" }).where("id", "=", profileId).execute();

    await service.accept({
      work: [{ kind: "reauthorize", subscription: subscription! }],
      accepted: 1,
      forged: 0,
    });

    expect(await listSubscriptions(db)).toEqual([]);
    await db.updateTable("profiles").set({ status: "active" }).where("id", "=", profileId).execute();
  });

  it("refuses actions a profile's status does not allow, per profile", async () => {
    const results = await service.hooks.actions.apply("start", [profileId, "no-such-profile"], {
      actor: "test",
    });
    expect(results).toEqual([
      expect.objectContaining({
        id: profileId,
        ok: false,
        status: "active",
        error: expect.objectContaining({ code: "wrong_status" }),
      }),
      expect.objectContaining({
        id: "no-such-profile",
        ok: false,
        error: expect.objectContaining({ code: "not_found" }),
      }),
    ]);
  });

  it("says why an event no run recorded is not synced: outside the window, or not in either mailbox", async () => {
    const old = await person(emulator, ADELE.A).create(meeting("Last quarter's review", -45));
    const token = "cct_service-test-history";
    await insertApiToken(
      db,
      { name: "why", tokenHash: hashSecret(token), createdBy: "test", scope: "read", expiresAt: null },
      new Date(),
    );
    const why = (id: string) =>
      app.inject({
        method: "GET",
        url: `/api/events/${encodeURIComponent(id)}/why?profile=${profileId}`,
        headers: { authorization: `Bearer ${token}` },
      });
    const outside = await why(String(old.id));
    expect(outside.statusCode, outside.body).toBe(200);
    expect(outside.json()).toMatchObject({
      role: "original",
      explanation:
        "not synced: it ended before the sync's window (events that ended more than 30 days ago are never processed)",
      decisions: [],
    });
    const unknown = await why("AAMkNoSuchEvent=");
    expect([unknown.statusCode, unknown.json().error.message]).toEqual([
      404,
      `no event AAMkNoSuchEvent= in either mailbox of profile Adele`,
    ]);
  });

  it("cleanup removes every copy and pauses; remove deletes the profile", async () => {
    const [cleaned] = await service.hooks.actions.apply("cleanup", [profileId], { actor: "test" });
    expect(cleaned).toMatchObject({ ok: true, status: "paused" });
    expect(await copiesIn(ADELE.B)).toEqual([]);
    expect(await listSubscriptions(db)).toEqual([]);

    const [removed] = await service.hooks.actions.apply("remove", [profileId], { actor: "test" });
    expect(removed).toMatchObject({ ok: true });
    expect(await findProfileById(db, profileId)).toBeUndefined();
  });
});
