import { randomBytes } from "node:crypto";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StoredClients } from "../../src/connections/stored-clients.js";
import type { ServiceHooks } from "../../src/jobs/service-types.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import type { ConnectionRow } from "../../src/store/connections.js";
import type { Sync } from "../../src/store/syncs.js";
import { personIn } from "../graph/calendar-fixture.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { type ServiceTenants, seedServiceTenants, storeServiceSync } from "../helpers/service-tenants.js";
import { someProfile } from "../store/fixtures.js";
import { adminSession, type SignedIn, useServer } from "./fixture.js";

const BOX = new SecretBox(randomBytes(32));
const ADELE = { A: "adele@contoso.test", B: "adele@fabrikam.test" } as const;

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field
type Body = any;

/** A rule as a body carries it. */
const rule = (name: string, when: Record<string, unknown>, outcome: unknown) =>
  // biome-ignore lint/suspicious/noThenProperty: the config file's word; a rule is never awaited.
  ({ name, when, then: outcome });

/** A meeting `day` days from now, 09:00-10:00 Berlin time, as Outlook would create it. */
function meeting(subject: string, day: number, extra: Record<string, unknown> = {}) {
  const date = new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 10);
  return {
    subject,
    body: { contentType: "text", content: `About ${subject}` },
    location: { displayName: "Room 4" },
    start: { dateTime: `${date}T09:00:00`, timeZone: "W. Europe Standard Time" },
    end: { dateTime: `${date}T10:00:00`, timeZone: "W. Europe Standard Time" },
    ...extra,
  };
}

for (const dialect of ["sqlite", "postgres"] as const) {
  describe(`the sync editor's test area (${dialect})`, () => {
    let clients: StoredClients | undefined;
    /** The service as the test area uses it: its Graph clients, nothing else. */
    const service = {
      get clients() {
        return clients!;
      },
    } as Pick<ServiceHooks, "clients"> as ServiceHooks;
    const ctx = useServer(dialect, { secrets: BOX, service });
    let emulator: RunningEmulator;
    let tenants: ServiceTenants;
    let admin: SignedIn;
    let sync: Sync;
    let a: ConnectionRow;
    let b: ConnectionRow;
    let profileId: string;
    const ids: Record<string, string> = {};
    /** The UTC date of the team lunch and of the weekly sync's last occurrence (three days from the seed). */
    let dayThree: string;

    beforeAll(async () => {
      emulator = await startTestEmulator();
      tenants = await seedServiceTenants(emulator);
      const adele = personIn(emulator, ADELE.A);
      ids.planning = (await adele.create(meeting("Planning", 2))).id;
      const lunch = meeting("Team lunch", 3, { sensitivity: "private" });
      dayThree = lunch.start.dateTime.slice(0, 10);
      ids.lunch = (await adele.create(lunch)).id;
      ids.old = (await adele.create(meeting("Kick-off", -10))).id;
      ids.weekly = (
        await adele.create(
          meeting("Weekly sync", 1, {
            recurrence: {
              pattern: { type: "daily", interval: 1 },
              range: {
                type: "numbered",
                startDate: meeting("", 1).start.dateTime.slice(0, 10),
                numberOfOccurrences: 3,
              },
            },
          }),
        )
      ).id;
      await personIn(emulator, ADELE.B).create(meeting("Dentist", 4));
    });
    afterAll(async () => {
      await emulator?.close();
    });
    beforeEach(async () => {
      const db = ctx.db();
      await db.deleteFrom("profiles").execute();
      await db.deleteFrom("syncs").execute();
      await db.deleteFrom("connections").execute();
      clients = new StoredClients(db, BOX, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
      ({ sync, a, b } = await storeServiceSync(db, BOX, tenants));
      profileId = (
        await someProfile(db, { sync: sync.id, name: "Adele", mailboxA: ADELE.A, mailboxB: ADELE.B })
      ).id;
      // The test clock starts in 2025; the emulator's meetings are around the real today.
      ctx.clock.advance(Date.now() - ctx.clock.now().getTime());
      admin = await adminSession(ctx);
    });

    const call = async (method: "GET" | "POST", url: string, payload?: unknown) => {
      const response = await ctx.app().inject({
        method,
        url,
        headers: admin.headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      return { status: response.statusCode, body: response.json() as Body };
    };
    const draft = (more: Record<string, unknown> = {}) => ({
      name: "draft",
      connectionA: a.id,
      connectionB: b.id,
      mapping: "busy",
      rules: [rule("Lunch", { subject: { contains: "lunch" } }, "skip")],
      ...more,
    });
    const preview = (event: unknown, sync: unknown = draft()) =>
      call("POST", "/api/syncs/preview-copy", { sync, event });
    const real = (eventId: string, side: "A" | "B" = "A") => ({ syncId: sync.id, profileId, side, eventId });

    describe("listing a mailbox's events", () => {
      it("lists a profile's recent and upcoming events by start, a series as its occurrences", async () => {
        const listed = await call("GET", `/api/syncs/${sync.id}/events?profile=${profileId}&side=A`);
        expect(listed.status).toBe(200);
        expect(listed.body).toMatchObject({ side: "A", mailbox: ADELE.A });
        expect(listed.body.events.map((e: Body) => e.subject)).toEqual([
          "Kick-off",
          "Weekly sync",
          "Planning",
          "Weekly sync",
          "Team lunch",
          "Weekly sync",
        ]);
        expect(listed.body.events[4]).toEqual({
          id: ids.lunch,
          subject: "Team lunch",
          start: { dateTime: expect.stringMatching(/T09:00:00/), timeZone: "Europe/Berlin" },
          end: { dateTime: expect.stringMatching(/T10:00:00/), timeZone: "Europe/Berlin" },
          isAllDay: false,
          sensitivity: "private",
          showAs: "busy",
          organizer: { name: "Adele", address: ADELE.A },
          attendees: 0,
          isRecurring: false,
          kind: "single",
          isCancelled: false,
          isCopy: false,
        });
        expect(listed.body.events[1]).toMatchObject({ kind: "occurrence", isRecurring: true });
        const other = await call("GET", `/api/syncs/${sync.id}/events?profile=${profileId}&side=B`);
        expect(other.body.events.map((e: Body) => e.subject)).toEqual(["Dentist"]);
      });

      it("searches subjects, limits, and takes a range", async () => {
        const url = `/api/syncs/${sync.id}/events?profile=${profileId}&side=A`;
        const weekly = await call("GET", `${url}&search=WEEKLY&limit=2`);
        expect(weekly.body.events.map((e: Body) => e.subject)).toEqual(["Weekly sync", "Weekly sync"]);
        expect((await call("GET", `${url}&limit=1`)).body.events.map((e: Body) => e.subject)).toEqual([
          "Kick-off",
        ]);
        // From the start of day three (UTC): the meetings at 09:00 Berlin time that day, none of the days before
        // (now + 2.5 days missed them when the test ran after 21:00 UTC).
        const since = `${dayThree}T00:00:00.000Z`;
        const later = await call("GET", `${url}&since=${since}`);
        expect(later.body.events.map((e: Body) => e.subject)).toEqual(["Team lunch", "Weekly sync"]);
        const backwards = await call("GET", `${url}&since=${since}&until=${new Date().toISOString()}`);
        expect([backwards.status, backwards.body.error.field]).toEqual([400, "querystring/until"]);
      });

      it("lists a mailbox named by address once it is verified in the side's tenant", async () => {
        const url = `/api/syncs/${sync.id}/events?side=A&mailbox=Adele@Contoso.test`;
        expect((await call("GET", url)).body.events).toHaveLength(6);
        const ghost = await call("GET", `/api/syncs/${sync.id}/events?side=A&mailbox=ghost@contoso.test`);
        expect([ghost.status, ghost.body.error]).toEqual([
          422,
          {
            code: "mailbox_not_found",
            message: "ghost@contoso.test not found in contoso.test",
            field: "querystring/mailbox",
          },
        ]);
        const both = await call("GET", `${url}&profile=${profileId}`);
        expect([both.status, both.body.error.field]).toEqual([400, "querystring/profile"]);
        const neither = await call("GET", `/api/syncs/${sync.id}/events?side=A`);
        expect([neither.status, neither.body.error.field]).toEqual([400, "querystring/profile"]);
        const stranger = await call("GET", `/api/syncs/${sync.id}/events?side=A&profile=nobody`);
        expect([stranger.status, stranger.body.error.code]).toEqual([404, "profile_not_found"]);
        const noSync = await call("GET", `/api/syncs/nope/events?side=A&profile=${profileId}`);
        expect([noSync.status, noSync.body.error.code]).toEqual([404, "sync_not_found"]);
      });
    });

    describe("previewing the copy", () => {
      it("shows a real event's copy under the busy preset, and the rule that skips lunches", async () => {
        const planning = await preview(real(ids.planning!));
        expect(planning.status).toBe(200);
        expect(planning.body).toMatchObject({
          outcome: "copied",
          decidedBy: "mapping",
          explanation: "copied to B with the sync's mapping (busy)",
          mapping: "busy",
          copySide: "B",
          copy: {
            subject: "Busy",
            body: { type: "text", content: "" },
            location: "",
            showAs: "busy",
            sensitivity: "normal",
            isReminderOn: false,
            categories: [],
            recurrence: null,
          },
          source: { id: ids.planning, subject: "Planning", location: "Room 4", isCopy: false },
          series: null,
        });
        expect(planning.body.copy.start).toEqual(planning.body.source.start);

        const lunch = await preview(real(ids.lunch!));
        expect(lunch.body).toMatchObject({
          outcome: "skipped",
          decidedBy: { rule: "Lunch", index: 0 },
          explanation: "skipped: rule 'Lunch' (rules[0])",
          mapping: null,
          copy: null,
          source: { subject: "Team lunch", sensitivity: "private" },
        });
      });

      it("says when the window or the direction decides", async () => {
        const old = await preview(real(ids.old!), draft({ window: { pastDays: 7 } }));
        expect(old.body).toMatchObject({ outcome: "skipped", decidedBy: "outside-window", copy: null });
        expect(old.body.explanation).toContain("more than 7 days ago");
        expect((await preview(real(ids.old!))).body.outcome).toBe("copied");
        const oneWay = await preview(real(ids.planning!), draft({ direction: "b-to-a" }));
        expect(oneWay.body).toMatchObject({
          outcome: "skipped",
          decidedBy: "direction",
          explanation: "skipped: the sync copies only B's meetings to A (b-to-a), never A's",
        });
      });

      it("decides an occurrence by its series", async () => {
        const listed = await call(
          "GET",
          `/api/syncs/${sync.id}/events?profile=${profileId}&side=A&search=weekly`,
        );
        const occurrence = listed.body.events[1];
        const shown = await preview(real(occurrence.id), draft({ mapping: "full-details" }));
        expect(shown.body).toMatchObject({
          outcome: "copied",
          copy: { subject: "Weekly sync", recurrence: null },
          source: { id: occurrence.id, kind: "occurrence", seriesId: ids.weekly },
          series: { id: ids.weekly, kind: "series", recurrence: { pattern: { type: "daily" } } },
        });
      });

      it("previews a pasted event as if read from the side it names", async () => {
        const pasted = {
          subject: "Board meeting",
          start: { dateTime: "2026-12-10T14:00:00", timeZone: "Europe/Paris" },
          end: { dateTime: "2026-12-10T15:00:00", timeZone: "Europe/Paris" },
          sensitivity: "private",
          location: "HQ",
        };
        const rules = [
          rule("Lunch", { subject: { contains: "lunch" } }, "skip"),
          rule(
            "private",
            { sensitivity: ["private"] },
            {
              mapping: { preset: "busy", fields: { subject: { value: "Private" } } },
            },
          ),
        ];
        const shown = await preview({ pasted }, draft({ mapping: "full-details", rules }));
        expect(shown.body).toMatchObject({
          outcome: "copied",
          decidedBy: { rule: "private", index: 1 },
          explanation: "copied to B with the mapping of rule 'private' (rules[1]) (a custom mapping on busy)",
          mapping: { preset: "busy", fields: { subject: { value: "Private" } } },
          copy: { subject: "Private", location: "", start: pasted.start },
          source: {
            id: null,
            kind: "single",
            subject: "Board meeting",
            isOrganizer: true,
            response: "organizer",
          },
        });
        const fromB = await preview({ pasted, side: "B" }, draft({ direction: "a-to-b" }));
        expect([fromB.body.outcome, fromB.body.decidedBy]).toEqual(["skipped", "direction"]);
        const backwards = await preview({
          pasted: { ...pasted, end: { ...pasted.end, dateTime: "2026-12-10T13:00:00" } },
        });
        expect([backwards.status, backwards.body.error.field]).toEqual([400, "body/event/pasted/end"]);
        const nowhere = await preview({
          pasted: { ...pasted, start: { ...pasted.start, timeZone: "Mars/Olympus" } },
        });
        expect([nowhere.status, nowhere.body.error.field]).toEqual([400, "body/event/pasted/start"]);
      });

      it("fills a custom mapping's template as the run would", async () => {
        const shown = await preview(
          real(ids.planning!),
          draft({
            mapping: {
              preset: "full-details",
              fields: { subject: { template: "[Contoso] {subject}" }, body: "omit" },
            },
          }),
        );
        expect(shown.body).toMatchObject({
          outcome: "copied",
          decidedBy: "mapping",
          mapping: {
            preset: "full-details",
            fields: { subject: { template: "[Contoso] {subject}" }, body: "omit" },
          },
          copy: { subject: "[Contoso] Planning", body: { type: "text", content: "" }, location: "Room 4" },
        });
      });

      it("refuses a draft that POST /api/syncs would refuse, naming the field", async () => {
        const badRule = await preview(
          { pasted: meetingPasted() },
          draft({ rules: [rule("x", { subject: { matches: "(" } }, "skip")] }),
        );
        expect([badRule.status, badRule.body.error.code, badRule.body.error.field]).toEqual([
          400,
          "invalid_request",
          "body/sync/rules/0/when/subject/matches",
        ]);
        const typo = await preview({ pasted: meetingPasted() }, draft({ mapping: "bussy" }));
        expect(typo.body.error).toMatchObject({
          field: "body/sync/mapping",
          message: expect.stringContaining('did you mean "busy"'),
        });
        const noName = await preview({ pasted: meetingPasted() }, { connectionA: a.id, connectionB: b.id });
        expect(noName.body.error.field).toBe("body/sync/name");
        const both = await preview({ ...real(ids.planning!), mailbox: ADELE.A });
        expect([both.status, both.body.error.field]).toEqual([400, "body/event/profileId"]);
      });

      it("answers 404 for an event the mailbox does not hold", async () => {
        const missing = await preview(real("AAMk-nothing"));
        expect([missing.status, missing.body.error.code, missing.body.error.field]).toEqual([
          404,
          "event_not_found",
          "body/event/eventId",
        ]);
        // An id Graph calls malformed (400 ErrorInvalidIdMalformed) is no such event either, not a 502.
        const malformed = await preview(real("not-an-event-id"));
        expect([malformed.status, malformed.body.error.code, malformed.body.error.field]).toEqual([
          404,
          "event_not_found",
          "body/event/eventId",
        ]);
      });
    });
  });
}

function meetingPasted() {
  return {
    subject: "Planning",
    start: { dateTime: "2026-12-10T09:00:00", timeZone: "UTC" },
    end: { dateTime: "2026-12-10T10:00:00", timeZone: "UTC" },
  };
}
