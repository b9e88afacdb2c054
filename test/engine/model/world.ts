import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { applySeed, type RunningEmulator } from "m365-emulator";
import type { CalendarPort } from "../../../src/core/calendar-port.js";
import type { Side } from "../../../src/core/event.js";
import { MsalTokenSource } from "../../../src/graph/auth.js";
import { GraphCalendar } from "../../../src/graph/calendar.js";
import { GraphClient } from "../../../src/graph/client.js";
import { resolveEndpoints } from "../../../src/graph/endpoints.js";
import { migrate, openDatabase, type Store } from "../../../src/store/database.js";
import { insertProfile } from "../../../src/store/profiles.js";
import type { StartMode } from "../../../src/store/schema.js";
import { tokenFor } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";

export const DOMAIN = { A: "contoso.test", B: "fabrikam.test" } as const;

/**
 * How long crosscal waits for an answer's headers. Short, so an injected latency fault becomes a real
 * client timeout (the emulator still performs the request afterwards, as Graph may) without slowing the
 * suite much; long enough that an answer slowed by a busy machine rarely times out (it would cost a retry).
 */
export const CLIENT_TIMEOUT_MS = 1_000;

function crosscalClient(emulator: RunningEmulator, tenant: string, clientId: string, secret: string) {
  const endpoints = resolveEndpoints({ authorityHost: emulator.url, graphHost: emulator.url });
  const tokens = new MsalTokenSource({
    tenant,
    clientId,
    credential: { kind: "secret", secret },
    endpoints,
    label: tenant,
  });
  // Retry-After and backoff are honoured by the client's logic, not by the wall clock: the test does not wait.
  return new GraphClient({ endpoints, tokens, sleep: async () => {}, timeoutMs: CLIENT_TIMEOUT_MS });
}

/**
 * One emulator for the whole file: two tenants, each with crosscal's app and a read-only "observer" app the
 * test uses to look at mailboxes through Graph (its requests never meet the faults aimed at crosscal), and
 * one SQLite store. Every scenario gets fresh people and a fresh profile (`newScenario`).
 */
export async function startModelWorld() {
  const emulator = await startTestEmulator();
  await applySeed(emulator.ctx, {
    tenants: (["A", "B"] as const).map((side) => ({
      domain: DOMAIN[side],
      users: [{ userPrincipalName: `seed@${DOMAIN[side]}` }],
      apps: [
        { displayName: "crosscal", clientSecret: `${side}-crosscal` },
        { displayName: "observer", clientSecret: `${side}-observer`, roles: ["Calendars.Read"] },
      ],
    })),
  });
  const appOf = (side: Side, name: string) => {
    const tenantId = emulator.ctx.world.requireTenant(DOMAIN[side]).id;
    return [...emulator.ctx.world.apps.values()].find(
      (app) => app.homeTenantId === tenantId && app.displayName === name,
    )!.clientId;
  };
  const appIds = { A: appOf("A", "crosscal"), B: appOf("B", "crosscal") };
  const clients = {
    A: crosscalClient(emulator, DOMAIN.A, appIds.A, "A-crosscal"),
    B: crosscalClient(emulator, DOMAIN.B, appIds.B, "B-crosscal"),
  };
  const observer = {
    A: { clientId: appOf("A", "observer"), secret: "A-observer" },
    B: { clientId: appOf("B", "observer"), secret: "B-observer" },
  };
  const observerToken = (side: Side) =>
    tokenFor(emulator, DOMAIN[side], observer[side].clientId, observer[side].secret);
  const dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-engine-model-"));
  const db: Store = openDatabase(path.join(dir, "crosscal.db"));
  await migrate(db);
  return {
    emulator,
    db,
    appIds,
    clients,
    observerToken,
    close: async () => {
      await db.destroy();
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type ModelWorld = Awaited<ReturnType<typeof startModelWorld>>;

let scenarios = 0;

/** A person with a mailbox in each tenant, a colleague who organizes meetings, and a new profile for them. */
export async function newScenario(world: ModelWorld, startMode: StartMode) {
  scenarios++;
  const person = `adele${scenarios}`;
  const mailbox = { A: `${person}@${DOMAIN.A}`, B: `${person}@${DOMAIN.B}` } as const;
  const colleague = `megan${scenarios}@${DOMAIN.A}`;
  const { world: directory } = world.emulator.ctx;
  for (const side of ["A", "B"] as const)
    directory.createUser(directory.requireTenant(DOMAIN[side]), { userPrincipalName: mailbox[side] });
  directory.createUser(directory.requireTenant(DOMAIN.A), { userPrincipalName: colleague });
  const profile = await insertProfile(
    world.db,
    {
      sync: "contoso-fabrikam",
      name: `Adele ${scenarios}`,
      mailboxA: mailbox.A,
      mailboxB: mailbox.B,
      startMode,
      status: "active",
    },
    new Date(),
  );
  const ports: Record<Side, CalendarPort> = {
    A: new GraphCalendar({ requester: world.clients.A, mailbox: mailbox.A }),
    B: new GraphCalendar({ requester: world.clients.B, mailbox: mailbox.B }),
  };
  return { mailbox, colleague, profileId: profile.id, ports, startMode };
}

export type Scenario = Awaited<ReturnType<typeof newScenario>>;
