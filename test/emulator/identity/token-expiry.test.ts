import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_SCOPE, msalFor } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { controlFetch } from "../../helpers/http.js";
import { seedIdentity } from "./fixture.js";

const LIFETIME = 3599;

/** Gotcha 16: a long delta round outlives its token; the client refreshes and resumes from its nextLink. */
describe("a token expiring in the middle of a delta round", () => {
  let emulator: RunningEmulator;
  let tenantId: string;
  let clientId: string;
  beforeAll(async () => {
    emulator = await startTestEmulator({ tokenLifetimeSeconds: LIFETIME });
    const fixture = await seedIdentity(emulator);
    tenantId = fixture.contoso.id;
    clientId = fixture.crosscal;
    for (let day = 1; day <= 5; day++) {
      const response = await controlFetch(emulator, "POST", "/mailboxes/adele@contoso.test/events", {
        subject: `Day ${day}`,
        start: { dateTime: `2030-01-0${day}T09:00:00`, timeZone: "UTC" },
        end: { dateTime: `2030-01-0${day}T10:00:00`, timeZone: "UTC" },
      });
      expect(response.status).toBe(201);
    }
  });
  afterAll(() => emulator.close());

  const page = (url: string, token: string) =>
    fetch(url, { headers: { authorization: `Bearer ${token}`, prefer: "odata.maxpagesize=2" } });

  it("answers 401 on the nextLink once expired, and the same nextLink works with a refreshed token", async () => {
    const msal = msalFor(emulator, tenantId, clientId, { clientSecret: "contoso-secret" });
    const acquire = async (skipCache = false) =>
      (await msal.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE], skipCache }))!.accessToken;
    const first = await page(
      `${emulator.url}/v1.0/users/adele@contoso.test/calendarView/delta?startDateTime=2030-01-01T00:00:00Z&endDateTime=2030-02-01T00:00:00Z`,
      await acquire(),
    );
    expect(first.status).toBe(200);
    const firstBody = (await first.json()) as { value: unknown[]; "@odata.nextLink": string };
    expect(firstBody.value).toHaveLength(2);
    const nextLink = firstBody["@odata.nextLink"];

    emulator.ctx.clock.advance((LIFETIME + 60) * 1000);
    try {
      const expired = await page(nextLink, await acquire());
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as { error: { code: string } }).error.code).toBe(
        "InvalidAuthenticationToken",
      );
      // MSAL judges expiry by the real clock, so after advancing the emulator's the client must skip its cache.
      const resumed = await page(nextLink, await acquire(true));
      expect(resumed.status).toBe(200);
      const names = ((await resumed.json()) as { value: Array<{ subject: string }> }).value.map(
        (e) => e.subject,
      );
      expect(names).toEqual(["Day 3", "Day 4"]);
    } finally {
      emulator.ctx.clock.advance(-(LIFETIME + 60) * 1000);
    }
  });
});
