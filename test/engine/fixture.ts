import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { applySeed, type RunningEmulator } from "m365-emulator";
import type { CalendarPort } from "../../src/core/calendar-port.js";
import type { Side } from "../../src/core/event.js";
import { type RunRequest, runProfile } from "../../src/engine/run-profile.js";
import type { SyncSettings } from "../../src/engine/settings.js";
import { MsalTokenSource } from "../../src/graph/auth.js";
import { GraphCalendar } from "../../src/graph/calendar.js";
import { GraphClient } from "../../src/graph/client.js";
import { resolveEndpoints } from "../../src/graph/endpoints.js";
import { createGraphCounters } from "../../src/graph/metrics.js";
import { migrate, openDatabase, type Store } from "../../src/store/database.js";
import { findProfileById, insertProfile } from "../../src/store/profiles.js";
import type { StartMode } from "../../src/store/schema.js";
import type { Json } from "../graph/calendar-fixture.js";
import { startTestEmulator } from "../helpers/emulator.js";

export const MAILBOX = { A: "adele@contoso.test", B: "adele@fabrikam.test" } as const;

export const SETTINGS: SyncSettings = {
  direction: "two-way",
  mapping: "full-details",
  pastDays: 30,
  copyReminders: false,
  massDeletionShare: 0.5,
  massDeletionMinimum: 10,
  emptySideGuard: true,
};

function clientFor(emulator: RunningEmulator, tenant: string, clientId: string, secret: string) {
  const endpoints = resolveEndpoints({ authorityHost: emulator.url, graphHost: emulator.url });
  const counters = createGraphCounters();
  const tokens = new MsalTokenSource({
    tenant,
    clientId,
    credential: { kind: "secret", secret },
    endpoints,
    label: tenant,
  });
  return {
    client: new GraphClient({ endpoints, tokens, onEvent: counters.listener, sleep: async () => {} }),
    counters,
  };
}

/**
 * Two tenants, each with crosscal's app and the same person (adele) plus a colleague (megan), a SQLite store
 * and one profile linking adele's two mailboxes, with GraphCalendars over the emulator's HTTPS.
 */
export async function startEngineFixture(startMode: StartMode = "merge") {
  const emulator = await startTestEmulator();
  await applySeed(emulator.ctx, {
    tenants: ["contoso.test", "fabrikam.test"].map((domain) => ({
      domain,
      users: [{ userPrincipalName: `adele@${domain}` }, { userPrincipalName: `megan@${domain}` }],
      apps: [{ displayName: "crosscal", clientSecret: `${domain}-secret` }],
    })),
  });
  const appOf = (domain: string) =>
    [...emulator.ctx.world.apps.values()].find(
      (app) => app.homeTenantId === emulator.ctx.world.requireTenant(domain).id,
    )!;
  const a = clientFor(emulator, "contoso.test", appOf("contoso.test").clientId, "contoso.test-secret");
  const b = clientFor(emulator, "fabrikam.test", appOf("fabrikam.test").clientId, "fabrikam.test-secret");
  const ports: Record<Side, CalendarPort> = {
    A: new GraphCalendar({ requester: a.client, mailbox: MAILBOX.A }),
    B: new GraphCalendar({ requester: b.client, mailbox: MAILBOX.B }),
  };
  const dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-engine-"));
  const db: Store = openDatabase(path.join(dir, "crosscal.db"));
  await migrate(db);
  const created = await insertProfile(
    db,
    {
      sync: "contoso-fabrikam",
      name: "Adele Vance",
      mailboxA: MAILBOX.A,
      mailboxB: MAILBOX.B,
      startMode,
      status: "active",
    },
    new Date(),
  );
  const run = async (overrides: Partial<RunRequest> = {}) => {
    const profile = (await findProfileById(db, created.id))!;
    return runProfile({ db, ports, profile, settings: SETTINGS, ...overrides });
  };
  const requests = () => a.counters.snapshot().requests + b.counters.snapshot().requests;
  /** An event as Graph returns it to crosscal's app in that tenant (no tag expansion), times in UTC. */
  const readEvent = async (side: Side, id: string): Promise<Json> => {
    const path = `/users/${encodeURIComponent(MAILBOX[side])}/events/${encodeURIComponent(id)}`;
    const headers = { Prefer: 'outlook.timezone="UTC"' };
    return (await (side === "A" ? a : b).client.request<Json>("GET", path, { headers })).body;
  };
  return {
    emulator,
    db,
    ports,
    profileId: created.id,
    run,
    requests,
    /** Each tenant's Graph client, for what the engine does not do itself (subscriptions, in tests). */
    clients: { A: a.client, B: b.client } as Record<Side, GraphClient>,
    /** Requests sent to one tenant so far. */
    requestsTo: (side: Side) => (side === "A" ? a : b).counters.snapshot().requests,
    readEvent,
    appIds: { A: appOf("contoso.test").clientId, B: appOf("fabrikam.test").clientId },
    close: async () => {
      await db.destroy();
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type EngineFixture = Awaited<ReturnType<typeof startEngineFixture>>;

/** A person acting in Outlook through the emulator's control API (shared with the connector's tests). */
export { personIn as person } from "../graph/calendar-fixture.js";
export type { Json };

export function meeting(subject: string, day: number, extra: Json = {}): Json {
  const date = new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 10);
  return {
    subject,
    body: { contentType: "text", content: `About ${subject}` },
    start: { dateTime: `${date}T09:00:00`, timeZone: "W. Europe Standard Time" },
    end: { dateTime: `${date}T10:00:00`, timeZone: "W. Europe Standard Time" },
    ...extra,
  };
}

/** Subscribes both of the fixture's mailboxes to event changes, posted to `${url}/A` and `${url}/B`. */
export async function subscribeBoth(fx: EngineFixture, url: string): Promise<void> {
  for (const side of ["A", "B"] as const) {
    await fx.clients[side].request("POST", "/subscriptions", {
      mailbox: MAILBOX[side],
      body: {
        changeType: "created,updated,deleted",
        notificationUrl: `${url}/${side}`,
        resource: `users/${MAILBOX[side]}/events`,
        expirationDateTime: new Date(Date.now() + 86_400_000).toISOString(),
        clientState: "test",
      },
    });
  }
}
