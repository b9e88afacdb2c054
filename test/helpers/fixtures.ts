import type { Client } from "@microsoft/microsoft-graph-client";
import type { EmulatorOptions, RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll } from "vitest";
import { graphClientFor, seedTwoTenants, tokenFor } from "./clients.js";
import { startTestEmulator } from "./emulator.js";

/** The users seedTwoTenants creates. */
export const ADELE = "adele@contoso.test";
export const MEGAN = "megan@contoso.test";
export const ADELE_FABRIKAM = "adele@fabrikam.test";

type SeededApp = Awaited<ReturnType<typeof seedTwoTenants>>["contoso"];

/** A seeded tenant's app with Microsoft's Graph client and an access token already fetched. */
export interface TenantApp extends SeededApp {
  graph: Client;
  token: string;
}

export interface TwoTenants {
  emulator: RunningEmulator;
  contoso: TenantApp;
  fabrikam: TenantApp;
}

/** An emulator seeded by seedTwoTenants, with a Graph client and a token for each tenant's app. */
export async function startTwoTenants(options: EmulatorOptions = {}): Promise<TwoTenants> {
  const emulator = await startTestEmulator(options);
  const { contoso, fabrikam } = await seedTwoTenants(emulator);
  const connect = async (app: SeededApp): Promise<TenantApp> => ({
    ...app,
    graph: graphClientFor(emulator, app.tenant.id, app.clientId, app.clientSecret),
    token: await tokenFor(emulator, app.tenant.id, app.clientId, app.clientSecret),
  });
  return { emulator, contoso: await connect(contoso), fabrikam: await connect(fabrikam) };
}

/**
 * Starts a fixture before the enclosing describe block's tests and closes its emulator after them.
 * The object comes back empty and is filled in beforeAll, so read it only inside hooks and tests.
 */
export function suiteFixture<T extends { emulator: RunningEmulator }>(start: () => Promise<T>): T {
  const fixture = {} as T;
  beforeAll(async () => {
    Object.assign(fixture, await start());
  });
  afterAll(() => fixture.emulator.close());
  return fixture;
}
