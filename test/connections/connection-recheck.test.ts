import { randomBytes, randomUUID } from "node:crypto";
import { applySeed, type RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  checkStoredConnection,
  GIVE_UP_AFTER,
  nextRecheck,
  RECHECK_STATUSES,
  recheckDueConnections,
  recordCheckAndSchedule,
} from "../../src/connections/connection-recheck.js";
import { credentialContext } from "../../src/connections/stored-connection.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { CONNECTION_STATUSES, findConnection, insertConnection } from "../../src/store/connections.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { controlCall } from "../helpers/http.js";
import { newConnection } from "../store/fixtures.js";
import { describeStores } from "../store/targets.js";

const NOW = new Date("2025-03-01T09:00:00.000Z");
const delayOf = (attempts: number, status = "consent_missing" as const) => {
  const next = nextRecheck(attempts, status, NOW);
  return next === null ? null : (next.getTime() - NOW.getTime()) / 1000;
};

describe("nextRecheck", () => {
  it("backs off 15 s, 30 s, 1, 2, 5, 10 minutes, then every 15 minutes", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((attempts) => delayOf(attempts))).toEqual([
      15, 30, 60, 120, 300, 600, 900, 900,
    ]);
  });

  it("stops about two hours after the change", () => {
    const delays: number[] = [];
    for (let attempts = 0; ; attempts++) {
      const delay = delayOf(attempts);
      if (delay === null) break;
      delays.push(delay);
      expect(attempts).toBeLessThan(100);
    }
    const total = delays.reduce((sum, delay) => sum + delay, 0) * 1000;
    expect(total).toBeLessThanOrEqual(GIVE_UP_AFTER);
    expect(total).toBeGreaterThan(GIVE_UP_AFTER - 15 * 60_000);
    expect(delayOf(delays.length + 5)).toBeNull();
  });

  it("re-checks only what propagation explains; connected and final findings are left alone", () => {
    const rechecked = CONNECTION_STATUSES.filter((status) => nextRecheck(0, status, NOW) !== null);
    expect(rechecked).toEqual([
      "bad_credentials",
      "consent_missing",
      "permission_missing",
      "mailbox_out_of_scope",
      "unreachable",
    ]);
    expect(rechecked).toEqual(CONNECTION_STATUSES.filter((status) => RECHECK_STATUSES.has(status)));
  });
});

const BOX = new SecretBox(randomBytes(32));
const SECRET = "Q7~recheck-app-secret-0123456789";
const CHECK = {
  deadlineMs: 10_000,
  timeoutMs: 2_000,
  retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
};
const seconds = (from: Date, s: number) => new Date(from.getTime() + s * 1000);

describe("recheckDueConnections against the emulator", () => {
  let emulator: RunningEmulator;
  let clientId: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    await applySeed(emulator.ctx, {
      tenants: [
        {
          domain: "publisher.test",
          apps: [{ displayName: "crosscal-saas", multiTenant: true, clientSecret: SECRET }],
        },
        { domain: "contoso.test", users: [{ userPrincipalName: "adele@contoso.test" }] },
      ],
    });
    clientId = [...emulator.ctx.world.apps.values()].find(
      (app) => app.displayName === "crosscal-saas",
    )!.clientId;
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const consent = async (consented: boolean) => {
    const answer = await controlCall(emulator, "PUT", `/tenants/contoso.test/servicePrincipals/${clientId}`, {
      consented,
    });
    expect(answer.status).toBe(200);
  };

  describeStores("connection re-checks", ({ db }) => {
    beforeEach(async () => {
      await db().deleteFrom("connections").execute();
      await consent(false);
    });

    async function storeConnection(now: Date) {
      const id = randomUUID();
      const row = newConnection(id, "contoso", {
        tenant: "contoso.test",
        clientId,
        sealedCredential: BOX.seal(SECRET, credentialContext(id)),
        cloud: "custom",
        authorityHost: emulator.url,
        graphHost: emulator.url,
        graphScope: "https://graph.microsoft.com/.default",
        probeMailbox: "adele@contoso.test",
      });
      return insertConnection(db(), row, now);
    }
    const deps = () => ({ db: db(), secrets: BOX, check: CHECK });

    it("repeats the check with backoff until consent arrives, then clears the schedule", async () => {
      const t0 = new Date("2025-03-01T09:00:00.000Z");
      const row = await storeConnection(t0);
      // The first check (what the API or the consent callback does): consent is missing.
      const first = await checkStoredConnection(BOX, row, CHECK);
      expect(first.status).toBe("consent_missing");
      await recordCheckAndSchedule(db(), row.id, first, 0, t0);
      expect(await findConnection(db(), row.id)).toMatchObject({
        status: "consent_missing",
        recheckAt: seconds(t0, 15).toISOString(),
        recheckAttempts: 0,
      });

      expect(await recheckDueConnections(deps(), seconds(t0, 14))).toEqual([]);
      // Still missing: the next one comes 30 s later.
      const second = await recheckDueConnections(deps(), seconds(t0, 15));
      expect(second).toEqual([
        {
          connectionId: row.id,
          name: "contoso",
          status: "consent_missing",
          recheckAt: seconds(t0, 45).toISOString(),
        },
      ]);
      expect(await findConnection(db(), row.id)).toMatchObject({ recheckAttempts: 1 });

      await consent(true);
      expect(await recheckDueConnections(deps(), seconds(t0, 44))).toEqual([]);
      const third = await recheckDueConnections(deps(), seconds(t0, 46));
      expect(third).toEqual([
        { connectionId: row.id, name: "contoso", status: "connected", recheckAt: null },
      ]);
      expect(await findConnection(db(), row.id)).toMatchObject({
        status: "connected",
        checkedAt: seconds(t0, 46).toISOString(),
        recheckAt: null,
        recheckAttempts: 2,
      });
      expect(await recheckDueConnections(deps(), seconds(t0, 3600))).toEqual([]);
    });

    it("checks a due connection once when two callers overlap", async () => {
      const t0 = new Date("2025-03-01T09:00:00.000Z");
      const row = await storeConnection(t0);
      await recordCheckAndSchedule(db(), row.id, { status: "unreachable", reason: "test" }, 0, t0);
      await consent(true);
      const later = seconds(t0, 20);
      const [one, two] = await Promise.all([
        recheckDueConnections(deps(), later),
        recheckDueConnections(deps(), later),
      ]);
      expect([...one, ...two]).toEqual([
        { connectionId: row.id, name: "contoso", status: "connected", recheckAt: null },
      ]);
      expect(await findConnection(db(), row.id)).toMatchObject({ recheckAttempts: 1 });
    });
  });
});
