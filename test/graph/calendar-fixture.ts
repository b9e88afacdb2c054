import type { RunningEmulator } from "m365-emulator";
import { GraphCalendar } from "../../src/graph/calendar.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { seedGraphTenant, testClient } from "./fixture.js";

export const ADELE = "adele@contoso.test";
export const MEGAN = "megan@contoso.test";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary emulator payloads
export type Json = Record<string, any>;

/** A person acting in Outlook, through the emulator's control API (meeting messages are sent as Outlook). */
export function personIn(emulator: RunningEmulator, upn: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const response = await fetch(`${emulator.url}/_emulator/mailboxes/${upn}/events${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    if (!response.ok)
      throw new Error(`${method} ${path} as ${upn}: ${response.status} ${await response.text()}`);
    return response.status === 204 || response.status === 202 ? {} : ((await response.json()) as Json);
  };
  return {
    create: (body: Json) => call("POST", "", body),
    update: (id: string, body: Json) => call("PATCH", `/${id}`, body),
    remove: (id: string) => call("DELETE", `/${id}`),
    /** Everything stored (exceptions and cancelled occurrences included), as the emulator keeps it. */
    list: async () => (await call("GET", "")).value as Json[],
  };
}

/** The emulator with contoso's mailboxes, crosscal's Graph client, and a GraphCalendar per mailbox. */
export async function startCalendarFixture(pageSize = 100) {
  const emulator = await startTestEmulator();
  const tenant = await seedGraphTenant(emulator);
  const { client, counters } = testClient(emulator, tenant.crosscal);
  const calendar = (mailbox: string, size = pageSize) =>
    new GraphCalendar({ requester: client, mailbox, pageSize: size });
  const expireDelta = async (upn: string, variant: "syncStateNotFound" | "resync" = "syncStateNotFound") => {
    const response = await fetch(`${emulator.url}/_emulator/delta/expire`, {
      method: "POST",
      body: JSON.stringify({ upn, variant }),
      headers: { "content-type": "application/json" },
    });
    if (!response.ok) throw new Error(`expire delta: ${response.status}`);
  };
  return { emulator, tenant, client, counters, calendar, expireDelta, close: () => emulator.close() };
}

export type CalendarFixture = Awaited<ReturnType<typeof startCalendarFixture>>;
