import { PageIterator } from "@microsoft/microsoft-graph-client";
import { beforeEach, describe, expect, it } from "vitest";
import { ADELE, ADELE_FABRIKAM, suiteFixture } from "../../helpers/fixtures.js";
import { type Json, json, meeting, startEventsFixture } from "./setup.js";

describe("events CRUD through Graph", () => {
  const f = suiteFixture(startEventsFixture);
  beforeEach(() => f.emulator.ctx.mailboxes.reset());

  it("creates (201), reads, updates and deletes an event with a fresh changeKey and etag on every write", async () => {
    const created: Json = await f.graph.api(`/users/${ADELE}/events`).post(
      meeting("Plan", "2026-03-02T09:00:00", "2026-03-02T10:00:00", {
        location: { displayName: "Room 1" },
      }),
    );
    expect(created.id).toMatch(/^AAMk/);
    expect(created["@odata.etag"]).toBe(`W/"${created.changeKey}"`);
    expect(created).toMatchObject({
      subject: "Plan",
      type: "singleInstance",
      seriesMasterId: null,
      isOrganizer: true,
      isCancelled: false,
      isDraft: false,
      responseStatus: { response: "organizer" },
      organizer: { emailAddress: { address: ADELE } },
      start: { dateTime: "2026-03-02T09:00:00.0000000", timeZone: "UTC" },
      location: { displayName: "Room 1" },
      locations: [{ displayName: "Room 1" }],
      originalStartTimeZone: "UTC",
    });
    expect(created).not.toHaveProperty("transactionId");
    expect(created.iCalUId).toMatch(/^040000008200E00074C5B7101A82E008/);
    const read: Json = await f.graph.api(`/users/${ADELE}/events/${created.id}`).get();
    expect(read.changeKey).toBe(created.changeKey);
    const updated: Json = await f.graph
      .api(`/users/${ADELE}/events/${created.id}`)
      .patch({ subject: "Plan v2" });
    expect(updated.subject).toBe("Plan v2");
    expect(updated.changeKey).not.toBe(created.changeKey);
    expect(updated["@odata.etag"]).not.toBe(created["@odata.etag"]);
    expect(updated.id).toBe(created.id);
    const response = await f.raw(`/users/${ADELE}/events/${created.id}`, { method: "DELETE" });
    expect(response.status).toBe(204);
    const gone = await f.raw(`/users/${ADELE}/events/${created.id}`);
    expect(gone.status).toBe(404);
    expect((await json(gone)).error.code).toBe("ErrorItemNotFound");
  });

  it("serves the same events under /calendar/events and /calendars/{id}/events", async () => {
    const created: Json = await f.graph
      .api(`/users/${ADELE}/calendar/events`)
      .post(meeting("Via calendar", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
    const calendars: Json = await f.graph.api(`/users/${ADELE}/calendars`).get();
    expect(calendars.value).toHaveLength(1);
    const calendarId = calendars.value[0].id;
    expect((await f.graph.api(`/users/${ADELE}/calendar`).get()).id).toBe(calendarId);
    const read: Json = await f.graph
      .api(`/users/${ADELE}/calendars/${calendarId}/events/${created.id}`)
      .get();
    expect(read.subject).toBe("Via calendar");
  });

  it("answers If-Match with a stale etag with 412 ErrorIrresolvableConflict", async () => {
    const created: Json = await f.graph
      .api(`/users/${ADELE}/events`)
      .post(meeting("Etag", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
    await f.graph.api(`/users/${ADELE}/events/${created.id}`).patch({ subject: "changed" });
    const stale = await f.raw(`/users/${ADELE}/events/${created.id}`, {
      method: "PATCH",
      headers: { "If-Match": created["@odata.etag"] },
      body: JSON.stringify({ subject: "lost update" }),
    });
    expect(stale.status).toBe(412);
    const body = await json(stale);
    expect(body.error.code).toBe("ErrorIrresolvableConflict");
    expect(body.error.innerError["request-id"]).toBeTruthy();
    const current: Json = await f.graph.api(`/users/${ADELE}/events/${created.id}`).get();
    const fresh = await f.raw(`/users/${ADELE}/events/${created.id}`, {
      method: "PATCH",
      headers: { "If-Match": current["@odata.etag"] },
      body: JSON.stringify({ subject: "ok" }),
    });
    expect(fresh.status).toBe(200);
  });

  it("deduplicates a repeated POST with the same transactionId (201, same event, no duplicate)", async () => {
    const body = meeting("Once", "2026-03-02T09:00:00", "2026-03-02T10:00:00", { transactionId: "tx-1" });
    const first = await f.raw(`/users/${ADELE}/events`, { method: "POST", body: JSON.stringify(body) });
    const second = await f.raw(`/users/${ADELE}/events`, { method: "POST", body: JSON.stringify(body) });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const [a, b] = [await json(first), await json(second)];
    expect(b.id).toBe(a.id);
    expect(a.transactionId).toBe("tx-1");
    const list: Json = await f.graph.api(`/users/${ADELE}/events`).get();
    expect(list.value).toHaveLength(1);
  });

  it("stores extended properties, returns them only through $expand, and filters with Any()", async () => {
    const tag = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name CrosscalSource";
    await f.graph.api(`/users/${ADELE}/events`).post(
      meeting("Tagged", "2026-03-02T09:00:00", "2026-03-02T10:00:00", {
        singleValueExtendedProperties: [{ id: tag, value: "Tenant-A:123" }],
      }),
    );
    await f.graph
      .api(`/users/${ADELE}/events`)
      .post(meeting("Plain", "2026-03-02T11:00:00", "2026-03-02T12:00:00"));
    const plain: Json = await f.graph.api(`/users/${ADELE}/events`).get();
    expect(plain.value.every((e: Json) => !("singleValueExtendedProperties" in e))).toBe(true);

    const upperGuid = tag.replace("66f5a359", "66F5A359");
    const expanded: Json = await f.graph
      .api(`/users/${ADELE}/events`)
      .expand(`singleValueExtendedProperties($filter=id eq '${upperGuid}')`)
      .get();
    const tagged = expanded.value.find((e: Json) => e.subject === "Tagged");
    expect(tagged.singleValueExtendedProperties).toEqual([{ id: tag, value: "Tenant-A:123" }]);
    expect(expanded.value.find((e: Json) => e.subject === "Plain")).not.toHaveProperty(
      "singleValueExtendedProperties",
    );

    const any = (id: string, value: string) =>
      f.graph
        .api(`/users/${ADELE}/events`)
        .filter(`singleValueExtendedProperties/Any(ep: ep/id eq '${id}' and ep/value eq '${value}')`)
        .get();
    expect((await any(tag, "tenant-a:123")).value.map((e: Json) => e.subject)).toEqual(["Tagged"]);
    expect((await any(tag.replace("CrosscalSource", "crosscalsource"), "Tenant-A:123")).value).toEqual([]);
    expect((await any(tag, "other")).value).toEqual([]);
  });

  it("pages /events (10 by default, $top, maxpagesize) and the client's PageIterator follows nextLinks", async () => {
    for (let i = 0; i < 23; i++) {
      const day = String(1 + (i % 28)).padStart(2, "0");
      await f.graph
        .api(`/users/${ADELE}/events`)
        .post(meeting(`E${i}`, `2026-04-${day}T09:00:00`, `2026-04-${day}T10:00:00`));
    }
    const first: Json = await f.graph.api(`/users/${ADELE}/events`).get();
    expect(first.value).toHaveLength(10);
    expect(first["@odata.nextLink"]).toContain("$skip=10");
    const top: Json = await f.graph.api(`/users/${ADELE}/events`).top(5).get();
    expect(top.value).toHaveLength(5);
    expect(top["@odata.nextLink"]).toContain("$top=5");
    const preferred = await json(
      await f.raw(`/users/${ADELE}/events`, { headers: { Prefer: "odata.maxpagesize=7" } }),
    );
    expect(preferred.value).toHaveLength(7);
    const seen: string[] = [];
    await new PageIterator(f.graph, first as never, (event) => {
      seen.push((event as Json).subject);
      return true;
    }).iterate();
    expect(new Set(seen).size).toBe(23);
  });

  it("filters on iCalUId, subject and type, and applies $select", async () => {
    const created: Json = await f.graph
      .api(`/users/${ADELE}/events`)
      .post(meeting("Find me", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
    await f.graph
      .api(`/users/${ADELE}/events`)
      .post(meeting("Other", "2026-03-03T09:00:00", "2026-03-03T10:00:00"));
    const byUid: Json = await f.graph
      .api(`/users/${ADELE}/events`)
      .filter(`iCalUId eq '${created.iCalUId}'`)
      .select("subject")
      .get();
    expect(byUid.value).toHaveLength(1);
    expect(Object.keys(byUid.value[0]).sort()).toEqual(["@odata.etag", "id", "subject"]);
    const bySubject: Json = await f.graph.api(`/users/${ADELE}/events`).filter("subject eq 'other'").get();
    expect(bySubject.value.map((e: Json) => e.subject)).toEqual(["Other"]);
    const byStart: Json = await f.graph
      .api(`/users/${ADELE}/events`)
      .filter("type eq 'singleInstance' and start/dateTime ge '2026-03-03T00:00:00'")
      .get();
    expect(byStart.value.map((e: Json) => e.subject)).toEqual(["Other"]);
  });

  it("returns times in the Prefer: outlook.timezone zone and says so in Preference-Applied", async () => {
    const created: Json = await f.graph.api(`/users/${ADELE}/events`).post({
      subject: "Berlin",
      start: { dateTime: "2026-07-01T09:00:00", timeZone: "W. Europe Standard Time" },
      end: { dateTime: "2026-07-01T10:00:00", timeZone: "Europe/Berlin" },
    });
    expect(created.start).toEqual({ dateTime: "2026-07-01T07:00:00.0000000", timeZone: "UTC" });
    expect(created.originalStartTimeZone).toBe("W. Europe Standard Time");
    const response = await f.raw(`/users/${ADELE}/events/${created.id}`, {
      headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' },
    });
    expect(response.headers.get("preference-applied")).toContain("outlook.timezone");
    const body = await json(response);
    expect(body.start).toEqual({
      dateTime: "2026-07-01T00:00:00.0000000",
      timeZone: "Pacific Standard Time",
    });
  });

  it("enforces all-day rules (midnight, same zone) with a 400", async () => {
    const ok = await f.raw(`/users/${ADELE}/events`, {
      method: "POST",
      body: JSON.stringify({
        subject: "Holiday",
        isAllDay: true,
        start: { dateTime: "2026-03-05T00:00:00", timeZone: "Eastern Standard Time" },
        end: { dateTime: "2026-03-06T00:00:00", timeZone: "Eastern Standard Time" },
      }),
    });
    expect(ok.status).toBe(201);
    const holiday = await json(ok);
    expect(holiday.start).toEqual({ dateTime: "2026-03-05T00:00:00.0000000", timeZone: "UTC" });
    // All-day events stay midnight to midnight whatever zone the caller prefers.
    const pacific = await json(
      await f.raw(`/users/${ADELE}/events/${holiday.id}`, {
        headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' },
      }),
    );
    expect(pacific.end).toEqual({
      dateTime: "2026-03-06T00:00:00.0000000",
      timeZone: "Pacific Standard Time",
    });
    const bad = await f.raw(`/users/${ADELE}/events`, {
      method: "POST",
      body: JSON.stringify({
        subject: "Broken",
        isAllDay: true,
        start: { dateTime: "2026-03-05T09:00:00", timeZone: "UTC" },
        end: { dateTime: "2026-03-06T00:00:00", timeZone: "UTC" },
      }),
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBeTruthy();
  });

  it("rejects unknown properties and bad enum values like Graph (400)", async () => {
    const unknown = await f.raw(`/users/${ADELE}/events`, {
      method: "POST",
      body: JSON.stringify({ ...meeting("x", "2026-03-02T09:00:00", "2026-03-02T10:00:00"), colour: "red" }),
    });
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).error.code).toBe("RequestBodyRead");
    const badEnum = await f.raw(`/users/${ADELE}/events`, {
      method: "POST",
      body: JSON.stringify({
        ...meeting("x", "2026-03-02T09:00:00", "2026-03-02T10:00:00"),
        showAs: "sleepy",
      }),
    });
    expect(badEnum.status).toBe(400);
  });

  it("keeps tenants apart: a contoso token cannot read a fabrikam mailbox", async () => {
    const response = await f.raw(`/users/${ADELE_FABRIKAM}/events`);
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe("ErrorInvalidUser");
    const own = await f.raw(`/users/${ADELE_FABRIKAM}/events`, { tenant: "fabrikam" });
    expect(own.status).toBe(200);
  });

  it("answers /events/delta as v1.0 does (not supported)", async () => {
    const response = await f.raw(`/users/${ADELE}/events/delta`);
    expect(response.status).toBe(400);
    expect((await json(response)).error.message).toContain("Change tracking is not supported");
  });

  it("rejects malformed ids with 400 ErrorInvalidIdMalformed", async () => {
    const response = await f.raw(`/users/${ADELE}/events/not-an-id`);
    expect(response.status).toBe(400);
    expect((await json(response)).error.code).toBe("ErrorInvalidIdMalformed");
  });
});
