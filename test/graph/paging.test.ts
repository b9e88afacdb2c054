import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphRequestError } from "../../src/graph/errors.js";
import { followPages } from "../../src/graph/paging.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { eventBody, type GraphTenant, seedGraphTenant, testClient } from "./fixture.js";

const ADELE = "adele@contoso.test";
const EVENTS = 95;

describe("paging against the emulator", () => {
  let emulator: RunningEmulator;
  let world: GraphTenant;
  beforeAll(async () => {
    emulator = await startTestEmulator({ tokenLifetimeSeconds: 600 });
    world = await seedGraphTenant(emulator);
    const { client } = testClient(emulator, world.crosscal);
    for (let day = 0; day < EVENTS; day += 19) {
      const items = Array.from({ length: Math.min(19, EVENTS - day) }, (_, i) => ({
        id: String(day + i),
        method: "POST",
        url: `/users/${ADELE}/events`,
        body: eventBody(`Event ${day + i}`, ((day + i) % 28) + 1, 8 + ((day + i) % 8)),
      }));
      await client.batch(items, { mailbox: ADELE });
    }
  });
  afterAll(() => emulator.close());

  it("follows nextLinks with Prefer: odata.maxpagesize until every event is read", async () => {
    const { client, counters } = testClient(emulator, world.crosscal);
    const sizes: number[] = [];
    const subjects: string[] = [];
    for await (const page of client.pages<{ subject: string }>(`/users/${ADELE}/events?$select=subject`, {
      headers: { Prefer: "odata.maxpagesize=20" },
      mailbox: ADELE,
    })) {
      sizes.push(page.value.length);
      subjects.push(...page.value.map((event) => event.subject));
      expect(page.deltaLink).toBeUndefined();
    }
    expect(sizes).toEqual([20, 20, 20, 20, 15]);
    expect(new Set(subjects).size).toBe(EVENTS);
    expect(counters.snapshot().requests).toBe(5);
  });

  it("ends a delta round with its deltaLink, and resumes after the token expired mid-round", async () => {
    const { client, counters } = testClient(emulator, world.crosscal);
    const window = "startDateTime=2030-01-01T00:00:00Z&endDateTime=2030-02-01T00:00:00Z";
    let seen = 0;
    let pages = 0;
    let deltaLink: string | undefined;
    for await (const page of client.pages<{ id: string }>(`/users/${ADELE}/calendarView/delta?${window}`, {
      headers: { Prefer: "odata.maxpagesize=30" },
    })) {
      pages++;
      seen += page.value.length;
      deltaLink = page.deltaLink;
      // The access token runs out after the first page; the next page must still come from the same nextLink.
      if (pages === 1) emulator.ctx.clock.advance(601_000);
    }
    expect(seen).toBe(EVENTS);
    expect(pages).toBe(4);
    expect(deltaLink).toContain("$deltatoken=");
    expect(counters.snapshot()).toMatchObject({ tokenRefreshes: 1 });
    // The next round starts from the deltaLink: nothing changed, nothing listed.
    const next = [];
    for await (const page of client.pages(deltaLink!)) next.push(...page.value);
    expect(next).toEqual([]);
  });
});

describe("followPages", () => {
  it("refuses a page without a value array, and a nextLink that loops", async () => {
    const describe = { path: (url: string) => url };
    const noValue = followPages("/a", async () => ({ body: { oops: true } }), describe);
    await expect(noValue.next()).rejects.toThrow(GraphRequestError);
    const loop = followPages("/a", async () => ({ body: { value: [1], "@odata.nextLink": "/a" } }), describe);
    await expect(loop.next()).resolves.toMatchObject({ value: { value: [1] } });
    await expect(loop.next()).rejects.toThrow(/nextLink already followed/);
  });
});
