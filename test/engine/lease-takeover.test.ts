import { randomBytes } from "node:crypto";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { StoredClients } from "../../src/connections/stored-clients.js";
import type { CalendarPort } from "../../src/core/calendar-port.js";
import type { Side } from "../../src/core/event.js";
import { runProfile } from "../../src/engine/run-profile.js";
import { settingsOfSync } from "../../src/engine/stored-sync.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { acquireLease, findLease } from "../../src/store/leases.js";
import { insertProfile, type Profile } from "../../src/store/profiles.js";
import { ABANDONED_RUN_ERROR, findRunById, startRun } from "../../src/store/runs.js";
import type { Sync } from "../../src/store/syncs.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { type ServiceTenants, seedServiceTenants, storeServiceSync } from "../helpers/service-tenants.js";
import { describeStores } from "../store/targets.js";

/**
 * A worker killed mid-run leaves its lease (until it expires) and its run's row open. The next run that
 * takes the lease after expiry closes that row as failed, in the commit that takes the lease; a lease
 * still held is left alone. Real runs against the emulator, on both databases.
 */

let emulator: RunningEmulator;
let tenants: ServiceTenants;
beforeAll(async () => {
  emulator = await startTestEmulator();
  tenants = await seedServiceTenants(emulator, { people: ["adele"] });
});
afterAll(async () => {
  await emulator?.close();
});

describeStores("a run taking over a profile's lease", ({ db }) => {
  const box = new SecretBox(randomBytes(32));
  let sync: Sync;
  let ports: Record<Side, CalendarPort>;
  let profile: Profile;
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

  beforeAll(async () => {
    ({ sync } = await storeServiceSync(db(), box, tenants));
  });

  const start = async () => {
    profile = await insertProfile(
      db(),
      {
        sync: sync.id,
        name: "Adele",
        mailboxA: "adele@contoso.test",
        mailboxB: "adele@fabrikam.test",
        startMode: "merge",
        status: "active",
      },
      new Date(),
    );
    ports = await new StoredClients(db(), box).ports(sync, profile);
  };
  const run = () =>
    runProfile({
      db: db(),
      ports,
      profile,
      settings: settingsOfSync(sync),
      owner: "worker-live",
      leaseMs: 60_000,
    });

  it("closes the dead worker's run as failed once its lease expired, then runs", async () => {
    await start();
    await acquireLease(
      db(),
      { profileId: profile.id, owner: "worker-dead#1", ttlMs: 60_000 },
      minutesAgo(10),
    );
    const dead = await startRun(db(), { profileId: profile.id, trigger: "notification" }, minutesAgo(10));

    const report = await run();

    expect(report.outcome).toBe("ok");
    expect(await findRunById(db(), dead.id)).toMatchObject({
      outcome: "failed",
      error: ABANDONED_RUN_ERROR,
      finishedAt: expect.any(String),
    });
    expect(await findRunById(db(), report.runId!)).toMatchObject({ outcome: "ok" });
    expect(await findLease(db(), profile.id)).toBeUndefined();
  });

  it("leaves a live holder's run alone and does not run", async () => {
    await start();
    await acquireLease(db(), { profileId: profile.id, owner: "worker-busy#1", ttlMs: 60_000 }, new Date());
    const busy = await startRun(db(), { profileId: profile.id, trigger: "notification" }, new Date());

    const report = await run();

    expect(report).toMatchObject({ outcome: "skipped", reason: "another worker is running this profile" });
    expect(await findRunById(db(), busy.id)).toMatchObject({ outcome: null, finishedAt: null });
  });

  it("closes nothing when the lease was free (the last run released it)", async () => {
    await start();
    const first = await run();
    const second = await run();

    expect([first.outcome, second.outcome]).toEqual(["ok", "ok"]);
    expect(await findRunById(db(), first.runId!)).toMatchObject({ outcome: "ok", error: null });
  });
});
