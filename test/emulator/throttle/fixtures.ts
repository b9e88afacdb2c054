import { type Client, type GraphError, RetryHandlerOptions } from "@microsoft/microsoft-graph-client";
import { beforeEach } from "vitest";
import { ADELE, startTwoTenants, suiteFixture, type TwoTenants } from "../../helpers/fixtures.js";

/** Per-request option that turns the Graph client's retry middleware off, to see raw 429/503/504s. */
export const noRetry = () => [new RetryHandlerOptions(0, 0)];

export interface TrafficFixture extends TwoTenants {
  /** Microsoft's Graph client for the contoso app, tokens from MSAL. */
  client: Client;
  fabrikamClient: Client;
  /** The contoso app's token. */
  token: string;
}

/**
 * An emulator with two tenants, three more contoso users and Graph clients; the contoso client has
 * already read Adele's calendar, which warms MSAL's token cache and the connection pool.
 */
export async function startTrafficFixture(): Promise<TrafficFixture> {
  const tenants = await startTwoTenants();
  for (const local of ["lidia", "nestor", "pradeep"]) {
    tenants.emulator.ctx.world.createUser(tenants.contoso.tenant, {
      userPrincipalName: `${local}@contoso.test`,
    });
  }
  await tenants.contoso.graph.api(eventsOf(ADELE)).get();
  return {
    ...tenants,
    client: tenants.contoso.graph,
    fabrikamClient: tenants.fabrikam.graph,
    token: tenants.contoso.token,
  };
}

/** The traffic fixture for a describe block, with traffic rules and stats cleared before each test. */
export function trafficSuite(): TrafficFixture {
  const fixture = suiteFixture(startTrafficFixture);
  beforeEach(() => {
    fixture.emulator.ctx.traffic.reset();
    fixture.emulator.ctx.stats.reset();
  });
  return fixture;
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

/** What the emulator's stats counted for (app, mailbox): requests served or requests throttled. */
function countedFor(
  fixture: TrafficFixture,
  counter: "requests" | "throttled",
  upn: string,
  clientId: string,
) {
  return fixture.emulator.ctx.stats.snapshot()[counter].byAppMailbox[`${clientId}|${upn}`] ?? 0;
}

export const requestsTo = (fixture: TrafficFixture, upn: string, clientId = fixture.contoso.clientId) =>
  countedFor(fixture, "requests", upn, clientId);

export const throttledAt = (fixture: TrafficFixture, upn: string, clientId = fixture.contoso.clientId) =>
  countedFor(fixture, "throttled", upn, clientId);
