import type { Static } from "typebox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncSettings } from "../../src/engine/settings.js";
import type { App } from "../../src/server/app.js";
import { buildApp } from "../../src/server/app.js";
import type { Decision, Run } from "../../src/server/routes/history-schemas.js";
import { listLinks } from "../../src/store/links.js";
import { insertProfile } from "../../src/store/profiles.js";
import {
  type EngineFixture,
  MAILBOX,
  meeting,
  person,
  SETTINGS,
  startEngineFixture,
} from "../engine/fixture.js";
import {
  adminSession,
  createApiToken,
  MemoryLog,
  type ServerContext,
  TEST_COST,
  TestClock,
} from "./fixture.js";

const WITH_RULES: SyncSettings = {
  ...SETTINGS,
  rules: [{ name: "private subjects", when: { subject: { matches: "^Private" } }, action: "skip" }],
};

type RunOut = Static<typeof Run>;
type DecisionOut = Static<typeof Decision>;

/** Every answer of the history API, as one loose shape: each test reads the parts its route returns. */
interface Body {
  runs: RunOut[];
  run: RunOut;
  decisions: DecisionOut[];
  nextCursor: string | null;
  explanation: string;
  role: string;
  link: unknown;
  error: { code: string; message: string; field?: string };
}

interface Api {
  get(url: string): Promise<{ status: number; body: Body }>;
}

/** The service over the engine fixture's store, with an admin's API token. */
async function serviceOver(f: EngineFixture): Promise<{ app: App; api: Api }> {
  const clock = new TestClock();
  const app = await buildApp({ db: f.db, now: clock.now, passwordCost: TEST_COST });
  const ctx: ServerContext = {
    app: () => app,
    db: () => f.db,
    clock,
    log: new MemoryLog(),
    rebuild: () => Promise.reject(new Error("not needed")),
  };
  const token = await createApiToken(ctx, await adminSession(ctx), "history");
  const api: Api = {
    get: async (url) => {
      const response = await app.inject({
        method: "GET",
        url,
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.statusCode, body: response.json() as Body };
    },
  };
  return { app, api };
}

describe("history API over runs made by the engine", () => {
  let f: EngineFixture;
  let app: App;
  let api: Api;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    f = await startEngineFixture("merge");
    ({ app, api } = await serviceOver(f));
    const adele = person(f.emulator, MAILBOX.A);
    ids.planning = (await adele.create(meeting("Planning", 2))).id;
    ids.offsite = (await adele.create(meeting("Offsite", 3))).id;
    ids.dentist = (await adele.create(meeting("Private: dentist", 4))).id;
    await f.run({ settings: WITH_RULES, trigger: "schedule" });
    const links = await listLinks(f.db, f.profileId);
    ids.planningCopy = links.find((link) => link.sourceId === ids.planning)!.copyId;
    ids.offsiteCopy = links.find((link) => link.sourceId === ids.offsite)!.copyId;
    // A person deletes the copy of Offsite in B: tombstoned, never recreated.
    await person(f.emulator, MAILBOX.B).remove(ids.offsiteCopy);
    await f.run({ settings: WITH_RULES, trigger: "notification" });
    await adele.update(ids.planning!, { subject: "Planning (room 4)" });
    await f.run({ settings: WITH_RULES, trigger: "notification" });
  });
  afterAll(async () => {
    await app?.close();
    await f?.close();
  });

  it("lists runs newest first with their profile, counts and outcome, in pages", async () => {
    const all = await api.get("/api/runs");
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.runs.map((run) => [run.trigger, run.outcome, run.counts])).toEqual([
      ["notification", "ok", { created: 0, updated: 1, deleted: 0, skipped: 0, linked: 0, tombstoned: 0 }],
      ["notification", "ok", { created: 0, updated: 0, deleted: 0, skipped: 0, linked: 0, tombstoned: 1 }],
      ["schedule", "ok", { created: 2, updated: 0, deleted: 0, skipped: 1, linked: 0, tombstoned: 0 }],
    ]);
    expect(all.body.runs[0]).toMatchObject({
      profile: { id: f.profileId, name: "Adele Vance", sync: "contoso-fabrikam" },
      error: null,
      finishedAt: expect.any(String),
    });

    const seen: string[] = [];
    let url = "/api/runs?limit=2";
    for (;;) {
      const page = await api.get(url);
      seen.push(...page.body.runs.map((run) => run.id));
      if (!page.body.nextCursor) break;
      url = `/api/runs?limit=2&cursor=${page.body.nextCursor}`;
    }
    expect(seen).toEqual(all.body.runs.map((run) => run.id));
  });

  it("filters runs by sync, profile id or name, outcome, trigger and time", async () => {
    const count = async (query: string) => (await api.get(`/api/runs?${query}`)).body.runs.length;
    expect(await count("sync=contoso-fabrikam")).toBe(3);
    expect(await count("sync=other")).toBe(0);
    expect(await count(`profile=${f.profileId}`)).toBe(3);
    expect(await count("profile=Adele%20Vance&sync=contoso-fabrikam")).toBe(3);
    expect(await count("profile=Nobody")).toBe(0);
    expect(await count("outcome=ok")).toBe(3);
    expect(await count("outcome=failed")).toBe(0);
    expect(await count("outcome=running")).toBe(0);
    expect(await count("trigger=notification")).toBe(2);
    const runs = (await api.get("/api/runs")).body.runs;
    const oldest = runs[2]!.startedAt;
    expect(await count(`until=${oldest}`)).toBe(0);
    expect(await count(`since=${oldest}`)).toBe(3);
    expect(await count(`since=${runs[1]!.startedAt}&until=${runs[0]!.startedAt}`)).toBe(1);
  });

  it("shows one run with its decisions in the order it made them, in pages", async () => {
    const first = (await api.get("/api/runs?trigger=schedule")).body.runs[0]!;
    const whole = await api.get(`/api/runs/${first.id}`);
    expect(whole.status).toBe(200);
    expect(whole.body.run).toEqual(first);
    const decisions = whole.body.decisions.map((d) => [d.action, d.sourceId, d.reason]);
    expect(decisions).toHaveLength(3);
    expect(decisions).toEqual(
      expect.arrayContaining([
        ["create", ids.planning, "new original"],
        ["create", ids.offsite, "new original"],
        ["skip", ids.dentist, "rules: private subjects"],
      ]),
    );
    expect(whole.body.decisions.map((d) => d.seq)).toEqual([0, 1, 2]);

    const one = await api.get(`/api/runs/${first.id}?limit=2`);
    const rest = await api.get(`/api/runs/${first.id}?limit=2&cursor=${one.body.nextCursor}`);
    expect([...one.body.decisions, ...rest.body.decisions]).toEqual(whole.body.decisions);
    expect(rest.body.nextCursor).toBeNull();
  });

  it("finds decisions by event on either side, by action and by time", async () => {
    const byCopy = await api.get(`/api/decisions?event=${encodeURIComponent(ids.planningCopy!)}`);
    expect(byCopy.body.decisions.map((d) => [d.action, d.reason, d.subjectHint])).toEqual([
      ["update", "original-changed", "Planning (room 4)"],
      ["create", "new original", "Planning"],
    ]);
    const byOriginal = await api.get(`/api/decisions?event=${encodeURIComponent(ids.planning!)}`);
    expect(byOriginal.body.decisions).toEqual(byCopy.body.decisions);

    const skips = await api.get("/api/decisions?action=skip");
    expect(skips.body.decisions.map((d) => [d.sourceId, d.reason])).toEqual([
      [ids.dentist, "rules: private subjects"],
    ]);
    const several = await api.get("/api/decisions?action=tombstone&action=update&profile=Adele%20Vance");
    expect(several.body.decisions.map((d) => d.action)).toEqual(["update", "tombstone"]);
    const latest = byCopy.body.decisions[0]!.at;
    expect((await api.get(`/api/decisions?since=${latest}`)).body.decisions).toHaveLength(1);
    expect((await api.get(`/api/decisions?sync=elsewhere`)).body.decisions).toEqual([]);
  });

  it("explains a copied meeting, from its original or from its copy", async () => {
    const why = await api.get(`/api/events/${encodeURIComponent(ids.planning!)}/why?profile=${f.profileId}`);
    expect(why.status).toBe(200);
    expect(why.body).toMatchObject({
      eventId: ids.planning,
      role: "original",
      profile: { id: f.profileId, name: "Adele Vance", sync: "contoso-fabrikam" },
      link: { sourceSide: "A", sourceId: ids.planning, copySide: "B", copyId: ids.planningCopy, owned: true },
      tombstone: null,
      nextCursor: null,
    });
    expect(why.body.explanation).toMatch(
      /^copied to B \(adele@fabrikam\.test\) on \d{4}-\d\d-\d\d \d\d:\d\d UTC, last updated \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    );
    expect(why.body.decisions.map((d) => d.action)).toEqual(["update", "create"]);

    const fromCopy = await api.get(
      `/api/events/${encodeURIComponent(ids.planningCopy!)}/why?profile=Adele%20Vance`,
    );
    expect(fromCopy.body.role).toBe("copy");
    expect(fromCopy.body.explanation).toMatch(/^crosscal's copy of an original in A \(adele@contoso\.test\)/);
    expect(fromCopy.body.link).toEqual(why.body.link);
  });

  it("explains a meeting skipped by a rule and one whose copy a person deleted", async () => {
    const skipped = await api.get(
      `/api/events/${encodeURIComponent(ids.dentist!)}/why?profile=${f.profileId}`,
    );
    expect(skipped.body).toMatchObject({ role: "original", link: null, tombstone: null });
    expect(skipped.body.explanation).toMatch(/^skipped: rule 'private subjects'/);

    for (const id of [ids.offsite!, ids.offsiteCopy!]) {
      const deleted = await api.get(`/api/events/${encodeURIComponent(id)}/why?profile=${f.profileId}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toMatchObject({
        role: id === ids.offsite ? "original" : "copy",
        link: null,
        tombstone: { sourceSide: "A", sourceId: ids.offsite, reason: "copy-deleted" },
      });
      expect(deleted.body.explanation).toMatch(
        /^not recreated: a person deleted the copy in B \(adele@fabrikam\.test\) on \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
      );
      expect(deleted.body.decisions.map((d) => d.action)).toEqual(["tombstone", "create"]);
    }
  });

  it("answers 404 in the error shape for unknown events, profiles and runs", async () => {
    const event = await api.get(`/api/events/no-such-event/why?profile=${f.profileId}`);
    expect([event.status, event.body.error.code]).toEqual([404, "event_not_found"]);
    const profile = await api.get(`/api/events/${encodeURIComponent(ids.planning!)}/why?profile=Nobody`);
    expect([profile.status, profile.body.error]).toEqual([
      404,
      {
        code: "profile_not_found",
        message: "no profile with id or name Nobody",
        field: "querystring/profile",
      },
    ]);
    const run = await api.get("/api/runs/no-such-run");
    expect([run.status, run.body.error.code]).toEqual([404, "run_not_found"]);
  });

  it("refuses bad cursors, bad dates, unknown outcomes and actions with 400", async () => {
    const runsCursor = (await api.get("/api/runs?limit=1")).body.nextCursor;
    const cases: Array<[string, string, string]> = [
      ["/api/runs?cursor=bm9wZQ", "invalid_cursor", "querystring/cursor"],
      [`/api/decisions?cursor=${runsCursor}`, "invalid_cursor", "querystring/cursor"],
      [`/api/runs/${f.profileId}?cursor=${runsCursor}`, "invalid_cursor", "querystring/cursor"],
      ["/api/runs?since=yesterday", "invalid_request", "querystring/since"],
      ["/api/decisions?until=2025-13-01T00:00:00Z", "invalid_request", "querystring/until"],
      [
        "/api/runs?since=2025-03-02T00:00:00Z&until=2025-03-01T00:00:00Z",
        "invalid_request",
        "querystring/until",
      ],
      ["/api/runs?outcome=great", "invalid_request", "querystring/outcome"],
      ["/api/decisions?action=create&action=explode", "invalid_request", "querystring/action/1"],
      ["/api/runs?limit=0", "invalid_request", "querystring/limit"],
      ["/api/events/x/why", "invalid_request", "querystring/profile"],
    ];
    for (const [url, code, field] of cases) {
      const response = await api.get(url);
      expect([url, response.status, response.body.error.code, response.body.error.field]).toEqual([
        url,
        400,
        code,
        field,
      ]);
    }
  });

  it("refuses anonymous requests", async () => {
    for (const url of ["/api/runs", "/api/decisions", "/api/runs/x", "/api/events/x/why?profile=p"]) {
      const response = await app.inject({ method: "GET", url });
      expect([url, response.statusCode]).toEqual([url, 401]);
    }
  });
});

describe("history API on an only-new start", () => {
  let f: EngineFixture;
  let app: App;
  let api: Api;

  beforeAll(async () => {
    f = await startEngineFixture("only_new");
    ({ app, api } = await serviceOver(f));
  });
  afterAll(async () => {
    await app?.close();
    await f?.close();
  });

  it("explains a meeting that existed at start as the baseline", async () => {
    const existing = await person(f.emulator, MAILBOX.A).create(meeting("Standup", 1));
    await f.run({ trigger: "start" });
    const why = await api.get(`/api/events/${encodeURIComponent(existing.id)}/why?profile=${f.profileId}`);
    expect(why.status).toBe(200);
    expect(why.body).toMatchObject({
      role: "original",
      link: null,
      tombstone: { sourceSide: "A", sourceId: existing.id, reason: "baseline" },
    });
    expect(why.body.explanation).toMatch(/^not copied: baseline of an only-new start/);
    expect(why.body.decisions.map((d) => [d.action, d.reason])).toEqual([["baseline", "existed at start"]]);
  });

  it("asks which profile when a name is used in several syncs", async () => {
    const existing = await person(f.emulator, MAILBOX.A).create(meeting("Retro", 2));
    await f.run({ trigger: "schedule" });
    await insertProfile(
      f.db,
      {
        sync: "other-sync",
        name: "Adele Vance",
        mailboxA: "a@x.test",
        mailboxB: "a@y.test",
        startMode: "merge",
      },
      new Date(),
    );
    const url = `/api/events/${encodeURIComponent(existing.id)}/why?profile=Adele%20Vance`;
    const ambiguous = await api.get(url);
    expect([ambiguous.status, ambiguous.body.error.code, ambiguous.body.error.field]).toEqual([
      400,
      "ambiguous_profile",
      "querystring/profile",
    ]);
    const picked = await api.get(`${url}&sync=contoso-fabrikam`);
    expect([picked.status, picked.body.explanation]).toEqual([200, expect.stringMatching(/^copied to B /)]);
  });
});
