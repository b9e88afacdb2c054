import { beforeEach, describe, expect, it } from "vitest";
import { ADELE, ADELE_FABRIKAM, MEGAN, suiteFixture } from "../../helpers/fixtures.js";
import { controlFetch } from "../../helpers/http.js";
import { type Json, json, meeting, startEventsFixture } from "./setup.js";

const attendee = (address: string) => ({ type: "required", emailAddress: { address, name: address } });

describe("meetings behave like Exchange", () => {
  const f = suiteFixture(startEventsFixture);
  beforeEach(() => {
    f.emulator.ctx.mailboxes.reset();
    f.emulator.ctx.stats.reset();
  });

  const messages = () => f.emulator.ctx.stats.snapshot().messages;
  const create = (body: Json): Promise<Json> => f.graph.api(`/users/${ADELE}/events`).post(body);
  const attendeeCopy = async (client: typeof f.graph, upn: string, iCalUId: string) => {
    const list: Json = await client.api(`/users/${upn}/events`).filter(`iCalUId eq '${iCalUId}'`).get();
    return list.value[0] as Json | undefined;
  };

  it("sends nothing for an event without attendees", async () => {
    const event = await create(meeting("Alone", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
    await f.graph.api(`/users/${ADELE}/events/${event.id}`).patch({ subject: "Still alone" });
    await f.graph.api(`/users/${ADELE}/events/${event.id}`).delete();
    expect(messages()).toMatchObject({ invitations: 0, updates: 0, cancellations: 0 });
  });

  it("counts an update to every attendee when only the series' recurrence changes", async () => {
    const series = await create(
      meeting("Weekly", "2026-03-02T09:00:00", "2026-03-02T10:00:00", {
        attendees: [attendee(MEGAN), attendee(ADELE_FABRIKAM)],
        recurrence: {
          pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday"] },
          range: { type: "numbered", startDate: "2026-03-02", numberOfOccurrences: 4 },
        },
      }),
    );
    f.emulator.ctx.stats.reset();
    await f.graph.api(`/users/${ADELE}/events/${series.id}`).patch({
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday"] },
        range: { type: "numbered", startDate: "2026-03-02", numberOfOccurrences: 6 },
      },
    });
    expect(messages().updates).toBe(2);
  });

  it("counts invitations per sender and app, and delivers the meeting to attendees in any tenant", async () => {
    const { contoso } = f;
    const event = await create(
      meeting("Sync", "2026-03-02T09:00:00", "2026-03-02T10:00:00", {
        attendees: [attendee(MEGAN), attendee(ADELE_FABRIKAM), attendee("someone@elsewhere.example")],
      }),
    );
    const counts = messages();
    expect(counts.invitations).toBe(3);
    expect(counts.bySender[ADELE]?.invitations).toBe(3);
    expect(counts.byApp[contoso.clientId]?.invitations).toBe(3);
    expect(event.attendees.map((a: Json) => a.status.response)).toEqual(["none", "none", "none"]);

    const megan = await attendeeCopy(f.graph, MEGAN, event.iCalUId);
    expect(megan).toMatchObject({
      subject: "Sync",
      isOrganizer: false,
      organizer: { emailAddress: { address: ADELE } },
      responseStatus: { response: "notResponded" },
    });
    expect(megan!.id).not.toBe(event.id);
    const fabrikam = await attendeeCopy(f.fabrikamGraph, ADELE_FABRIKAM, event.iCalUId);
    expect(fabrikam?.iCalUId).toBe(event.iCalUId);
  });

  it("updates attendee copies on an organizer update and cancels them on cancel", async () => {
    const event = await create(
      meeting("Review", "2026-03-02T09:00:00", "2026-03-02T10:00:00", { attendees: [attendee(MEGAN)] }),
    );
    await f.graph.api(`/users/${ADELE}/events/${event.id}`).patch({ subject: "Review (moved)" });
    expect(messages().updates).toBe(1);
    expect((await attendeeCopy(f.graph, MEGAN, event.iCalUId))?.subject).toBe("Review (moved)");
    await f.graph.api(`/users/${ADELE}/events/${event.id}`).patch({ categories: ["Blue category"] });
    expect(messages().updates).toBe(1);

    const cancel = await f.raw(`/users/${ADELE}/events/${event.id}/cancel`, {
      method: "POST",
      body: JSON.stringify({ comment: "Sorry" }),
    });
    expect(cancel.status).toBe(202);
    expect(messages().cancellations).toBe(1);
    const copy = await attendeeCopy(f.graph, MEGAN, event.iCalUId);
    expect(copy).toMatchObject({ isCancelled: true, subject: "Canceled: Review (moved)" });
    expect((await f.raw(`/users/${ADELE}/events/${event.id}`)).status).toBe(404);
  });

  it("counts a cancellation per attendee when the organizer deletes the meeting", async () => {
    const event = await create(
      meeting("Gone", "2026-03-02T09:00:00", "2026-03-02T10:00:00", {
        attendees: [attendee(MEGAN), attendee(ADELE_FABRIKAM)],
      }),
    );
    await f.graph.api(`/users/${ADELE}/events/${event.id}`).delete();
    expect(messages().cancellations).toBe(2);
  });

  it("lets only the organizer cancel, and only attendees respond", async () => {
    const event = await create(
      meeting("Who", "2026-03-02T09:00:00", "2026-03-02T10:00:00", { attendees: [attendee(MEGAN)] }),
    );
    const copy = (await attendeeCopy(f.graph, MEGAN, event.iCalUId))!;
    const attendeeCancel = await f.raw(`/users/${MEGAN}/events/${copy.id}/cancel`, { method: "POST" });
    expect(attendeeCancel.status).toBe(400);
    expect((await json(attendeeCancel)).error.message).toBe(
      "Your request can't be completed. You need to be an organizer to cancel a meeting.",
    );
    const organizerAccept = await f.raw(`/users/${ADELE}/events/${event.id}/accept`, { method: "POST" });
    expect(organizerAccept.status).toBe(400);
  });

  it("records accept on the organizer's attendee list, and decline removes the attendee's copy", async () => {
    const event = await create(
      meeting("Answer", "2026-03-02T09:00:00", "2026-03-02T10:00:00", {
        attendees: [attendee(MEGAN), attendee(ADELE_FABRIKAM)],
      }),
    );
    const megan = (await attendeeCopy(f.graph, MEGAN, event.iCalUId))!;
    const accepted = await f.raw(`/users/${MEGAN}/events/${megan.id}/accept`, {
      method: "POST",
      body: JSON.stringify({ comment: "See you", sendResponse: true }),
    });
    expect(accepted.status).toBe(202);
    expect((await attendeeCopy(f.graph, MEGAN, event.iCalUId))?.responseStatus.response).toBe("accepted");

    const other = (await attendeeCopy(f.fabrikamGraph, ADELE_FABRIKAM, event.iCalUId))!;
    const declined = await f.raw(`/users/${ADELE_FABRIKAM}/events/${other.id}/decline`, {
      method: "POST",
      tenant: "fabrikam",
      body: JSON.stringify({ sendResponse: true }),
    });
    expect(declined.status).toBe(202);
    expect(await attendeeCopy(f.fabrikamGraph, ADELE_FABRIKAM, event.iCalUId)).toBeUndefined();

    const organizer: Json = await f.graph.api(`/users/${ADELE}/events/${event.id}`).get();
    const statuses = Object.fromEntries(
      organizer.attendees.map((a: Json) => [a.emailAddress.address, a.status.response]),
    );
    expect(statuses).toEqual({ [MEGAN]: "accepted", [ADELE_FABRIKAM]: "declined" });
    expect(organizer.changeKey).not.toBe(event.changeKey);
  });

  it("counts a person's Outlook actions under the app 'outlook' through the control API", async () => {
    const response = await controlFetch(
      f.emulator,
      "POST",
      `/mailboxes/${ADELE}/events`,
      meeting("By hand", "2026-03-02T09:00:00", "2026-03-02T10:00:00", { attendees: [attendee(MEGAN)] }),
    );
    expect(response.status).toBe(201);
    expect(messages().byApp.outlook?.invitations).toBe(1);
    const raw = await json(await fetch(`${f.emulator.url}/_emulator/mailboxes/${MEGAN}/events`));
    expect(raw.value.map((e: Json) => e.subject)).toEqual(["By hand"]);
  });
});
