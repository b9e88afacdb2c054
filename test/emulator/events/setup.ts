import type { Client } from "@microsoft/microsoft-graph-client";
import { startTwoTenants, type TwoTenants } from "../../helpers/fixtures.js";

export interface EventsFixture extends TwoTenants {
  /** Graph JS client for the contoso app. */
  graph: Client;
  /** Graph JS client for the fabrikam app. */
  fabrikamGraph: Client;
  /** Raw fetch against Graph with the contoso app's token (when headers matter). */
  raw(path: string, init?: RequestInit & { tenant?: "contoso" | "fabrikam" }): Promise<Response>;
}

/** An emulator with two tenants (contoso: adele, megan; fabrikam: adele) and a Graph client for each app. */
export async function startEventsFixture(): Promise<EventsFixture> {
  const tenants = await startTwoTenants();
  const { emulator } = tenants;
  return {
    ...tenants,
    graph: tenants.contoso.graph,
    fabrikamGraph: tenants.fabrikam.graph,
    raw: (path, init = {}) => {
      const { tenant = "contoso", ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set("Authorization", `Bearer ${tenants[tenant].token}`);
      if (rest.body && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
      const url = path.startsWith("https://") ? path : `${emulator.url}/v1.0${path}`;
      return fetch(url, { ...rest, headers });
    },
  };
}

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
