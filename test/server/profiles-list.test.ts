import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { insertConnection } from "../../src/store/connections.js";
import { insertProfile } from "../../src/store/profiles.js";
import { finishRun, startRun, zeroCounts } from "../../src/store/runs.js";
import type { ProfileStatus } from "../../src/store/schema.js";
import { insertSync } from "../../src/store/syncs.js";
import { SETTINGS } from "../engine/fixture.js";
import { at, newConnection } from "../store/fixtures.js";
import { adminSession, type SignedIn, useServer } from "./fixture.js";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field
type Body = any;

/** name, sync, status, minutes after T0 it was added, minutes after T0 of its last run (none: never run). */
const PEOPLE: Array<[string, "alpha" | "beta", ProfileStatus, number, number | null]> = [
  ["Adele Vance", "alpha", "active", 5, 40],
  ["Alex Wilber", "beta", "error", 1, 10],
  ["Lee Gu", "alpha", "draft", 3, null],
  ["Megan Bowen", "beta", "active", 2, 30],
  ["Nestor Wilke", "alpha", "paused", 6, 20],
  ["Adele Vance", "beta", "active", 4, null],
  ["Joni Sherman", "alpha", "error", 7, 50],
];

const SORTS = ["name", "status", "sync", "lastRun", "createdAt"] as const;

for (const dialect of ["sqlite", "postgres"] as const) {
  describe(`the profiles list (${dialect})`, () => {
    const ctx = useServer(dialect);
    let admin: SignedIn;
    const syncs: Record<string, string> = {};

    let seeded = false;

    // After useServer's own beforeEach, which makes the store (the rows, once) and empties the admin tables.
    beforeEach(async () => {
      if (!seeded) await seed();
      seeded = true;
      admin = await adminSession(ctx);
    });

    async function seed() {
      const db = ctx.db();
      const [a, b] = await Promise.all(
        ["contoso", "fabrikam"].map((name) => insertConnection(db, newConnection(randomUUID(), name), at(0))),
      );
      for (const name of ["beta", "alpha"]) {
        const sync = {
          id: randomUUID(),
          name,
          connectionA: a!.id,
          connectionB: b!.id,
          startMode: "merge" as const,
        };
        syncs[name] = (await insertSync(db, { ...sync, settings: JSON.stringify(SETTINGS) }, at(0))).id;
      }
      for (const [name, sync, status, added, ran] of PEOPLE) {
        const local = `${name.split(" ")[0]!.toLowerCase()}.${sync}`;
        const profile = await insertProfile(
          db,
          {
            sync: syncs[sync]!,
            name,
            mailboxA: `${local}@contoso.test`,
            mailboxB: `${local}@fabrikam.test`,
            startMode: "merge",
            status,
            source: sync === "beta" ? "import" : "manual",
          },
          at(added),
        );
        if (ran === null) continue;
        // An older run first: the last run is the latest, whatever else is in the history.
        await startRun(db, { profileId: profile.id, trigger: "schedule" }, at(ran - 5));
        const run = await startRun(db, { profileId: profile.id, trigger: "notification" }, at(ran));
        await finishRun(db, run.id, { outcome: "ok", counts: zeroCounts() }, at(ran + 1));
      }
    }

    const get = async (url: string) => {
      const response = await ctx.app().inject({ method: "GET", url, headers: admin.headers });
      return { status: response.statusCode, body: response.json() as Body };
    };
    const names = (body: Body) => body.profiles.map((p: Body) => p.name);
    const label = (p: Body) => `${p.name}/${Object.entries(syncs).find(([, id]) => id === p.sync)![0]}`;

    /** Every page of a list, following nextCursor, and the totals each page said. */
    async function walk(url: string) {
      const seen: Body[] = [];
      const totals = new Set<number>();
      let next: string | null = `${url}`;
      while (next) {
        const page = await get(next);
        expect(page.status, page.body.error?.message).toBe(200);
        seen.push(...page.body.profiles);
        totals.add(page.body.total);
        next = page.body.nextCursor ? `${url}&cursor=${page.body.nextCursor}` : null;
      }
      return { seen, totals: [...totals] };
    }

    it("lists every sync's profiles by name with the total, or one sync's", async () => {
      const all = await get("/api/profiles");
      expect(all.body.total).toBe(7);
      expect(all.body.nextCursor).toBeNull();
      // Two people share a name (in two syncs): ties go by id.
      expect(names(all.body)).toEqual([
        "Adele Vance",
        "Adele Vance",
        "Alex Wilber",
        "Joni Sherman",
        "Lee Gu",
        "Megan Bowen",
        "Nestor Wilke",
      ]);
      const adele = all.body.profiles.find((p: Body) => label(p) === "Adele Vance/alpha");
      expect(adele.counts.lastRun).toMatchObject({ outcome: "ok", startedAt: at(40).toISOString() });
      const beta = await get(`/api/profiles?sync=${syncs.beta}`);
      expect([names(beta.body), beta.body.total]).toEqual([["Adele Vance", "Alex Wilber", "Megan Bowen"], 3]);
      const inSync = await get(`/api/syncs/${syncs.alpha}/profiles?limit=2`);
      expect([names(inSync.body), inSync.body.total]).toEqual([["Adele Vance", "Joni Sherman"], 4]);
    });

    it("filters by search (name or either address), status, source and mailbox check, and counts the filter", async () => {
      const adel = await get("/api/profiles?search=adel");
      expect([names(adel.body), adel.body.total]).toEqual([["Adele Vance", "Adele Vance"], 2]);
      const byAddress = await get("/api/profiles?search=NESTOR.ALPHA%40CONTOSO");
      expect(names(byAddress.body)).toEqual(["Nestor Wilke"]);
      const errors = await get("/api/profiles?status=error&limit=1");
      expect([names(errors.body), errors.body.total, typeof errors.body.nextCursor]).toEqual([
        ["Alex Wilber"],
        2,
        "string",
      ]);
      const imported = await get("/api/profiles?source=import&status=active");
      expect([names(imported.body), imported.body.total]).toEqual([["Adele Vance", "Megan Bowen"], 2]);
      const unverified = await get("/api/profiles?mailboxCheck=verified");
      expect([unverified.body.profiles, unverified.body.total]).toEqual([[], 0]);
    });

    it("sorts by status, sync, last run and creation, ties by name, either way", async () => {
      const sorted = async (query: string) => (await get(`/api/profiles?${query}`)).body.profiles.map(label);
      const sortedNames = async (query: string) => names((await get(`/api/profiles?${query}`)).body);
      expect(await sortedNames("sort=status")).toEqual([
        "Adele Vance",
        "Adele Vance",
        "Megan Bowen",
        "Lee Gu",
        "Alex Wilber",
        "Joni Sherman",
        "Nestor Wilke",
      ]);
      expect(await sortedNames("sort=status&order=desc")).toEqual([
        "Nestor Wilke",
        "Alex Wilber",
        "Joni Sherman",
        "Lee Gu",
        "Adele Vance",
        "Adele Vance",
        "Megan Bowen",
      ]);
      expect((await sorted("sort=sync")).slice(0, 4)).toEqual([
        "Adele Vance/alpha",
        "Joni Sherman/alpha",
        "Lee Gu/alpha",
        "Nestor Wilke/alpha",
      ]);
      // Most recent run first; never run last.
      expect(await sorted("sort=lastRun&order=desc")).toEqual([
        "Joni Sherman/alpha",
        "Adele Vance/alpha",
        "Megan Bowen/beta",
        "Nestor Wilke/alpha",
        "Alex Wilber/beta",
        "Adele Vance/beta",
        "Lee Gu/alpha",
      ]);
      expect(await sorted("sort=createdAt")).toEqual([
        "Alex Wilber/beta",
        "Megan Bowen/beta",
        "Lee Gu/alpha",
        "Adele Vance/beta",
        "Adele Vance/alpha",
        "Nestor Wilke/alpha",
        "Joni Sherman/alpha",
      ]);
      expect(await sortedNames("sort=name&order=desc")).toEqual([
        "Nestor Wilke",
        "Megan Bowen",
        "Lee Gu",
        "Joni Sherman",
        "Alex Wilber",
        "Adele Vance",
        "Adele Vance",
      ]);
    });

    it("pages through every sort and order with cursors that hold the sort key, as one long page would", async () => {
      for (const sort of SORTS) {
        for (const order of ["asc", "desc"]) {
          const url = `/api/profiles?sort=${sort}&order=${order}`;
          const whole = (await get(`${url}&limit=500`)).body.profiles.map((p: Body) => p.id);
          const { seen, totals } = await walk(`${url}&limit=2`);
          expect(
            seen.map((p) => p.id),
            `${sort} ${order}`,
          ).toEqual(whole);
          expect(totals).toEqual([7]);
        }
      }
      const filtered = await walk(`/api/profiles?status=active&sort=lastRun&order=desc&limit=1`);
      expect([filtered.seen.map(label), filtered.totals]).toEqual([
        ["Adele Vance/alpha", "Megan Bowen/beta", "Adele Vance/beta"],
        [3],
      ]);
    });

    it("refuses a cursor made for another sort or order, and an unknown sort", async () => {
      const first = await get("/api/profiles?sort=lastRun&limit=2");
      const cursor = first.body.nextCursor as string;
      for (const query of ["sort=name", "sort=lastRun&order=desc", "sort=status"]) {
        const refused = await get(`/api/profiles?${query}&cursor=${cursor}`);
        expect([query, refused.status, refused.body.error.code]).toEqual([query, 400, "invalid_cursor"]);
      }
      expect((await get(`/api/profiles?sort=lastRun&cursor=${cursor}`)).status).toBe(200);
      const unknown = await get("/api/profiles?sort=mailbox");
      expect([unknown.status, unknown.body.error.field]).toEqual([400, "querystring/sort"]);
    });
  });
}
