import { type Client, type GraphError, RetryHandlerOptions } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "../../../emulator/src/server.js";
import { graphClientFor, seedTwoTenants, tokenFor } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";

/** Per-request option that turns the Graph client's retry middleware off, to see raw 429/503/504s. */
export const noRetry = () => [new RetryHandlerOptions(0, 0)];

export interface TrafficFixture {
  emulator: RunningEmulator;
  contoso: Awaited<ReturnType<typeof seedTwoTenants>>["contoso"];
  fabrikam: Awaited<ReturnType<typeof seedTwoTenants>>["fabrikam"];
  /** Microsoft's Graph client for the contoso app, tokens from MSAL. */
  client: Client;
  fabrikamClient: Client;
  token: string;
}

/** An emulator with two tenants and Graph clients whose token is already cached. */
export async function startTrafficFixture(): Promise<TrafficFixture> {
  const emulator = await startTestEmulator();
  const { contoso, fabrikam } = await seedTwoTenants(emulator);
  for (const local of ["lidia", "nestor", "pradeep"]) {
    emulator.ctx.world.createUser(contoso.tenant, { userPrincipalName: `${local}@contoso.test` });
  }
  const client = graphClientFor(emulator, contoso.tenant.id, contoso.clientId, contoso.clientSecret);
  const fabrikamClient = graphClientFor(
    emulator,
    fabrikam.tenant.id,
    fabrikam.clientId,
    fabrikam.clientSecret,
  );
  const token = await tokenFor(emulator, contoso.tenant.id, contoso.clientId, contoso.clientSecret);
  return { emulator, contoso, fabrikam, client, fabrikamClient, token };
}

/** The Graph client's error for a call expected to fail. */
export async function graphFailure(call: Promise<unknown>): Promise<GraphError> {
  try {
    await call;
  } catch (error) {
    return error as GraphError;
  }
  throw new Error("expected the Graph call to fail");
}

export const eventsOf = (upn: string) => `/users/${upn}/events`;

/** Requests counted for (app, mailbox) in the emulator's stats. */
export function requestsTo(
  fixture: TrafficFixture,
  upn: string,
  clientId = fixture.contoso.clientId,
): number {
  return fixture.emulator.ctx.stats.snapshot().requests.byAppMailbox[`${clientId}|${upn}`] ?? 0;
}

export function throttledAt(
  fixture: TrafficFixture,
  upn: string,
  clientId = fixture.contoso.clientId,
): number {
  return fixture.emulator.ctx.stats.snapshot().throttled.byAppMailbox[`${clientId}|${upn}`] ?? 0;
}
