import type { Client } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "../../../emulator/src/server.js";
import { graphClientFor, seedTwoTenants, tokenFor } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";

export interface EventsFixture {
  emulator: RunningEmulator;
  tenants: Awaited<ReturnType<typeof seedTwoTenants>>;
  /** Graph JS client for the contoso app. */
  graph: Client;
  /** Graph JS client for the fabrikam app. */
  fabrikamGraph: Client;
  /** Raw fetch against Graph with the contoso app's token (when headers matter). */
  raw(path: string, init?: RequestInit & { tenant?: "contoso" | "fabrikam" }): Promise<Response>;
  close(): Promise<void>;
}

/** An emulator with two tenants (contoso: adele, megan; fabrikam: adele) and a Graph client for each app. */
export async function startEventsFixture(): Promise<EventsFixture> {
  const emulator = await startTestEmulator();
  const tenants = await seedTwoTenants(emulator);
  const { contoso, fabrikam } = tenants;
  const tokens: Record<string, string> = {
    contoso: await tokenFor(emulator, contoso.tenant.id, contoso.clientId, contoso.clientSecret),
    fabrikam: await tokenFor(emulator, fabrikam.tenant.id, fabrikam.clientId, fabrikam.clientSecret),
  };
  return {
    emulator,
    tenants,
    graph: graphClientFor(emulator, contoso.tenant.id, contoso.clientId, contoso.clientSecret),
    fabrikamGraph: graphClientFor(emulator, fabrikam.tenant.id, fabrikam.clientId, fabrikam.clientSecret),
    raw: (path, init = {}) => {
      const { tenant = "contoso", ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set("Authorization", `Bearer ${tokens[tenant]}`);
      if (rest.body && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
      const url = path.startsWith("https://") ? path : `${emulator.url}/v1.0${path}`;
      return fetch(url, { ...rest, headers });
    },
    close: () => emulator.close(),
  };
}

export const ADELE = "adele@contoso.test";
export const MEGAN = "megan@contoso.test";
export const ADELE_FABRIKAM = "adele@fabrikam.test";

export function meeting(subject: string, start: string, end: string, extra: Record<string, unknown> = {}) {
  return {
    subject,
    start: { dateTime: start, timeZone: "UTC" },
    end: { dateTime: end, timeZone: "UTC" },
    ...extra,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary Graph payloads
export type Json = Record<string, any>;
export const json = (response: Response) => response.json() as Promise<Json>;
