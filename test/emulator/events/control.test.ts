import { DEMO_DOMAINS, type RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../../helpers/emulator.js";
import { controlFetch } from "../../helpers/http.js";
import { type Json, json } from "./setup.js";

describe("events control API and the demo seed", () => {
  let emulator: RunningEmulator;
  const control = (path: string, method = "GET", body?: unknown) =>
    controlFetch(emulator, method, path, body);
  beforeAll(async () => {
    emulator = await startTestEmulator({ seed: "demo" });
  });
  afterAll(() => emulator.close());

  it("seeds recurring series with a moved and a cancelled occurrence, and delivers cross-tenant invitations", async () => {
    const organizer = `adele.vance@${DEMO_DOMAINS.contoso}`;
    const listing = await json(await control(`/mailboxes/${organizer}/events`));
    const weekly = listing.value.find((e: Json) => e.subject === "Weekly team sync");
    expect(weekly.type).toBe("seriesMaster");
    expect(weekly.exceptions).toHaveLength(1);
    expect(weekly.cancelledOccurrences).toHaveLength(1);
    const attendee = await json(await control(`/mailboxes/alex.wilber@${DEMO_DOMAINS.contoso}/events`));
    const copy = attendee.value.find((e: Json) => e.iCalUId === weekly.iCalUId);
    expect(copy).toMatchObject({ isOrganizer: false, type: "seriesMaster" });
    expect(copy.exceptions).toHaveLength(1);
    const lee = await json(await control(`/mailboxes/lee.gu@${DEMO_DOMAINS.fabrikam}/events`));
    expect(lee.value.some((e: Json) => e.subject === "Cross-company planning (contoso)")).toBe(true);
    // The seed's invitations were delivered (above) but are set-up, not traffic: counters start at zero.
    expect(emulator.ctx.stats.snapshot().messages.invitations).toBe(0);
  });

  it("acts as a person: create, update and delete an event in a mailbox", async () => {
    const upn = `megan.bowen@${DEMO_DOMAINS.fabrikam}`;
    const created = await control(`/mailboxes/${upn}/events`, "POST", {
      subject: "Dentist",
      start: { dateTime: "2026-05-04T08:00:00", timeZone: "UTC" },
      end: { dateTime: "2026-05-04T09:00:00", timeZone: "UTC" },
    });
    expect(created.status).toBe(201);
    const event = await json(created);
    const changes: string[] = [];
    const off = emulator.ctx.bus.on((change) => changes.push(`${change.changeType}:${change.actor.kind}`));
    const patched = await control(`/mailboxes/${upn}/events/${event.id}`, "PATCH", {
      subject: "Dentist (moved)",
    });
    expect((await json(patched)).subject).toBe("Dentist (moved)");
    expect((await control(`/mailboxes/${upn}/events/${event.id}`, "DELETE")).status).toBe(204);
    off();
    expect(changes).toEqual(["updated:person", "deleted:person"]);
  });

  it("resets every mailbox", async () => {
    expect((await control("/events/reset", "POST")).status).toBe(200);
    const listing = await json(await control(`/mailboxes/adele.vance@${DEMO_DOMAINS.contoso}/events`));
    expect(listing.value).toEqual([]);
  });
});
