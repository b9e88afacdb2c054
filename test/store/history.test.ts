import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { recordDecisions } from "../../src/store/decisions.js";
import {
  type DecisionEntry,
  type DecisionPosition,
  findLinksOfEvent,
  findProfileRefs,
  findRunEntry,
  findTombstonesOf,
  listDecisionPage,
  listRunDecisionPage,
  listRunPage,
  type Page,
  type RunEntry,
  type RunPosition,
} from "../../src/store/history.js";
import { insertLink } from "../../src/store/links.js";
import { finishRun, startRun, zeroCounts } from "../../src/store/runs.js";
import { recordTombstone } from "../../src/store/tombstones.js";
import { at, someProfile, T0 } from "./fixtures.js";
import { type BlankDatabase, createBlankDatabase, describeStores } from "./targets.js";

/** Every page of a listing, following `next` until it is absent. */
async function allPages<T, P>(read: (after?: P) => Promise<Page<T, P>>): Promise<T[][]> {
  const pages: T[][] = [];
  let after: P | undefined;
  do {
    const page = await read(after);
    pages.push(page.entries);
    after = page.next;
  } while (after !== undefined);
  return pages;
}

describeStores("history", ({ db }) => {
  /** Two syncs; "Ann" exists in both. Runs r1..r4 (r2 and r3 start at the same instant; r4 still running). */
  async function world() {
    const ann = await someProfile(db(), { name: "Ann", sync: "north" });
    const bob = await someProfile(db(), { name: "Bob", sync: "north" });
    const ann2 = await someProfile(db(), { name: "Ann", sync: "south" });
    const start = (id: string, profileId: string, trigger: string, minute: number) =>
      startRun(db(), { id, profileId, trigger }, at(minute));
    await start("r1", ann.id, "schedule", 0);
    await start("r2", ann.id, "notification", 10);
    await start("r3", bob.id, "notification", 10);
    await start("r4", ann2.id, "manual", 20);
    await finishRun(db(), "r1", { outcome: "ok", counts: { ...zeroCounts(), created: 2 } }, at(1));
    await finishRun(db(), "r2", { outcome: "failed", counts: zeroCounts(), error: "boom" }, at(11));
    await finishRun(db(), "r3", { outcome: "ok", counts: zeroCounts() }, at(11));
    const decide = (
      runId: string,
      profileId: string,
      minute: number,
      ...items: [string, string | null, "create" | "skip" | "update"][]
    ) =>
      recordDecisions(
        db(),
        { runId, profileId },
        items.map(([sourceId, copyId, action]) => ({ side: "A", sourceId, copyId, action, reason: action })),
        at(minute),
      );
    await decide("r1", ann.id, 1, ["e1", "c1", "create"], ["e2", null, "skip"], ["e3", "c3", "create"]);
    await decide("r2", ann.id, 10, ["e1", "c1", "update"]);
    await decide("r3", bob.id, 10, ["e1", "x1", "create"], ["e9", null, "skip"]);
    return { ann, bob, ann2 };
  }

  const runIds = (page: { entries: { id: string }[] }) => page.entries.map((run) => run.id);

  it("lists runs newest first, ties broken by id, with their profile and counts", async () => {
    const { ann } = await world();
    const page = await listRunPage(db(), { limit: 10 });
    expect(runIds(page)).toEqual(["r4", "r3", "r2", "r1"]);
    expect(page.next).toBeUndefined();
    expect(page.entries[3]).toEqual({
      id: "r1",
      profile: { id: ann.id, name: "Ann", sync: "north", syncName: "north" },
      trigger: "schedule",
      startedAt: at(0).toISOString(),
      finishedAt: at(1).toISOString(),
      outcome: "ok",
      counts: { ...zeroCounts(), created: 2 },
      error: null,
    });
    expect(page.entries[0]).toMatchObject({ outcome: null, finishedAt: null });
  });

  it("pages runs exactly: a full last page has no next, ties are never split or repeated", async () => {
    await world();
    for (const limit of [1, 2, 3, 4]) {
      const pages = await allPages<RunEntry, RunPosition>((after) =>
        listRunPage(db(), { limit, ...(after ? { after } : {}) }),
      );
      expect(pages.flat().map((run) => run.id)).toEqual(["r4", "r3", "r2", "r1"]);
      expect(pages.length).toBe(Math.ceil(4 / limit));
    }
    const afterTie = await listRunPage(db(), {
      limit: 10,
      after: { startedAt: at(10).toISOString(), id: "r3" },
    });
    expect(runIds(afterTie)).toEqual(["r2", "r1"]);
  });

  it("filters runs by sync, profile id or name, outcome, trigger and time range", async () => {
    const { ann, ann2 } = await world();
    const ids = async (query: Omit<Parameters<typeof listRunPage>[1], "limit">) =>
      runIds(await listRunPage(db(), { limit: 10, ...query }));
    expect(await ids({ sync: "north" })).toEqual(["r3", "r2", "r1"]);
    expect(await ids({ profile: "Ann" })).toEqual(["r4", "r2", "r1"]);
    expect(await ids({ profile: "Ann", sync: "south" })).toEqual(["r4"]);
    expect(await ids({ profile: ann.id })).toEqual(["r2", "r1"]);
    expect(await ids({ profile: ann2.id, sync: "north" })).toEqual([]);
    expect(await ids({ outcome: "ok" })).toEqual(["r3", "r1"]);
    expect(await ids({ outcome: "failed" })).toEqual(["r2"]);
    expect(await ids({ outcome: "running" })).toEqual(["r4"]);
    expect(await ids({ trigger: "notification" })).toEqual(["r3", "r2"]);
    expect(await ids({ since: at(10) })).toEqual(["r4", "r3", "r2"]);
    expect(await ids({ until: at(10) })).toEqual(["r1"]);
    expect(await ids({ since: at(10), until: at(20) })).toEqual(["r3", "r2"]);
    expect(await findRunEntry(db(), "r2")).toMatchObject({ error: "boom", profile: { name: "Ann" } });
    expect(await findRunEntry(db(), "nope")).toBeUndefined();
  });

  const summary = (page: Page<{ runId: string; sourceId: string; action: string }, unknown>) =>
    page.entries.map((d) => `${d.runId}:${d.sourceId}:${d.action}`);

  it("lists decisions newest first and filters them by profile, event on either side, action and time", async () => {
    const { ann, bob } = await world();
    const list = (query: Omit<Parameters<typeof listDecisionPage>[1], "limit">) =>
      listDecisionPage(db(), { limit: 50, ...query }).then(summary);
    expect(await list({})).toEqual([
      "r3:e9:skip",
      "r3:e1:create",
      "r2:e1:update",
      "r1:e3:create",
      "r1:e2:skip",
      "r1:e1:create",
    ]);
    expect(await list({ profile: "Ann" })).toEqual([
      "r2:e1:update",
      "r1:e3:create",
      "r1:e2:skip",
      "r1:e1:create",
    ]);
    expect(await list({ profileId: bob.id })).toEqual(["r3:e9:skip", "r3:e1:create"]);
    expect(await list({ event: "e1", profile: ann.id })).toEqual(["r2:e1:update", "r1:e1:create"]);
    expect(await list({ event: "c1" })).toEqual(["r2:e1:update", "r1:e1:create"]);
    expect(await list({ event: "x1", sync: "north" })).toEqual(["r3:e1:create"]);
    expect(await list({ event: "x1", sync: "south" })).toEqual([]);
    expect(await list({ actions: ["skip"] })).toEqual(["r3:e9:skip", "r1:e2:skip"]);
    expect(await list({ actions: ["update", "skip"], profile: "Ann" })).toEqual([
      "r2:e1:update",
      "r1:e2:skip",
    ]);
    expect(await list({ since: at(10) })).toEqual(["r3:e9:skip", "r3:e1:create", "r2:e1:update"]);
    expect(await list({ until: at(10) })).toEqual(["r1:e3:create", "r1:e2:skip", "r1:e1:create"]);
  });

  it("pages decisions exactly across runs that decided at the same instant", async () => {
    await world();
    const whole = summary(await listDecisionPage(db(), { limit: 50 }));
    for (const limit of [1, 2, 3, 5, 6]) {
      const pages = await allPages<DecisionEntry, DecisionPosition>((after) =>
        listDecisionPage(db(), { limit, ...(after ? { after } : {}) }),
      );
      expect(pages.flat().map((d) => `${d.runId}:${d.sourceId}:${d.action}`)).toEqual(whole);
      expect(pages.length).toBe(Math.ceil(6 / limit));
    }
  });

  it("reads a run's decisions in the order it made them, in pages", async () => {
    await world();
    const pages = await allPages<{ sourceId: string; seq: number }, number>((afterSeq) =>
      listRunDecisionPage(db(), "r1", { limit: 2, ...(afterSeq === undefined ? {} : { afterSeq }) }),
    );
    expect(pages.map((page) => page.map((d) => `${d.seq}:${d.sourceId}`))).toEqual([
      ["0:e1", "1:e2"],
      ["2:e3"],
    ]);
    expect((await listRunDecisionPage(db(), "r1", { limit: 3 })).next).toBeUndefined();
    expect((await listRunDecisionPage(db(), "nope", { limit: 3 })).entries).toEqual([]);
  });

  it("finds profiles by id or name, links by either event id, and tombstones of originals", async () => {
    const { ann, ann2 } = await world();
    expect((await findProfileRefs(db(), "Ann")).map((p) => p.sync)).toEqual(["north", "south"]);
    expect(await findProfileRefs(db(), "Ann", "south")).toEqual([
      { id: ann2.id, name: "Ann", sync: "south", syncName: "south" },
    ]);
    expect(await findProfileRefs(db(), ann.id)).toEqual([
      { id: ann.id, name: "Ann", sync: "north", syncName: "north" },
    ]);
    expect(await findProfileRefs(db(), "Nobody")).toEqual([]);

    const link = {
      profileId: ann.id,
      sourceSide: "B" as const,
      sourceId: "e1",
      copyId: "c1",
      owned: true,
      kind: "single" as const,
      sourceVersion: "v1",
      copyVersion: "cv1",
      contentHash: "h",
    };
    await insertLink(db(), link, T0);
    await insertLink(db(), { ...link, profileId: ann2.id }, T0);
    for (const id of ["e1", "c1"]) {
      expect(await findLinksOfEvent(db(), ann.id, id)).toEqual([
        expect.objectContaining({
          profileId: ann.id,
          sourceSide: "B",
          sourceId: "e1",
          copyId: "c1",
          owned: true,
        }),
      ]);
    }
    expect(await findLinksOfEvent(db(), ann.id, "e2")).toEqual([]);

    await recordTombstone(
      db(),
      { profileId: ann.id, sourceSide: "A", sourceId: "e3", reason: "copy-deleted" },
      at(5),
    );
    await recordTombstone(
      db(),
      { profileId: ann2.id, sourceSide: "A", sourceId: "e3", reason: "baseline" },
      at(5),
    );
    expect(await findTombstonesOf(db(), ann.id, ["c3", "e3"])).toEqual([
      expect.objectContaining({ sourceId: "e3", reason: "copy-deleted", createdAt: at(5).toISOString() }),
    ]);
    expect(await findTombstonesOf(db(), ann.id, [])).toEqual([]);
  });
});

describe("history indexes [sqlite]", () => {
  let blank: BlankDatabase | undefined;
  let store: Store | undefined;
  const db = () => store!;
  beforeAll(async () => {
    blank = await createBlankDatabase("sqlite");
    store = openDatabase(blank.target);
    await migrate(store);
  });
  afterAll(async () => {
    if (store) await closeDatabase(store);
    await blank?.drop();
  });

  it("looks events up and pages everything through indexes, not table scans", async () => {
    const plan = async (query: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const { sql: text, parameters } = query.compile();
      const rows = await sql
        .raw<{ detail: string }>(`explain query plan ${inline(text, parameters)}`)
        .execute(db());
      return rows.rows.map((row) => row.detail).join("\n");
    };
    const byEvent = db()
      .selectFrom("decisions")
      .selectAll()
      .where((eb) => eb.or([eb("sourceId", "=", "e1"), eb("copyId", "=", "e1")]));
    expect(await plan(byEvent)).not.toMatch(/SCAN decisions/);
    const newest = db()
      .selectFrom("runs")
      .selectAll()
      .orderBy("startedAt", "desc")
      .orderBy("id", "desc")
      .limit(3);
    expect(await plan(newest)).toMatch(/runs_started_idx/);
  });
});

/** SQLite's EXPLAIN cannot bind parameters: inline them as literals (test data only, never user input). */
function inline(text: string, parameters: readonly unknown[]): string {
  let index = 0;
  return text.replace(/\?/g, () => {
    const value = parameters[index++];
    return typeof value === "number" ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
  });
}
