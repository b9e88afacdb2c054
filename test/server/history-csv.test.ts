import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, it } from "vitest";
import { CSV_PAGE } from "../../src/server/routes/history-csv.js";
import { insertConnection } from "../../src/store/connections.js";
import { type NewDecision, recordDecisions } from "../../src/store/decisions.js";
import { allPages, type DecisionPosition, listDecisionPage } from "../../src/store/history.js";
import { finishRun, startRun, zeroCounts } from "../../src/store/runs.js";
import { insertSync } from "../../src/store/syncs.js";
import { SETTINGS } from "../engine/fixture.js";
import { at, newConnection, someProfile } from "../store/fixtures.js";
import { adminSession, type SignedIn, useServer } from "./fixture.js";

/** The security review's profile name: a spreadsheet would run it as a formula. */
const EVIL = "=cmd|' /C calc'!A0";

for (const dialect of ["sqlite", "postgres"] as const) {
  describe(`history as CSV (${dialect})`, () => {
    const ctx = useServer(dialect);
    let admin: SignedIn;
    let evil: string;
    let adele: string;

    beforeEach(async () => {
      const db = ctx.db();
      for (const table of ["decisions", "runs", "profiles", "syncs", "connections"] as const)
        await db.deleteFrom(table).execute();
      const [a, b] = await Promise.all(
        ["contoso", "fabrikam"].map((name) => insertConnection(db, newConnection(randomUUID(), name), at(0))),
      );
      const sync = await insertSync(
        db,
        {
          id: randomUUID(),
          name: "contoso-fabrikam",
          connectionA: a!.id,
          connectionB: b!.id,
          startMode: "merge",
          settings: JSON.stringify(SETTINGS),
        },
        at(0),
      );
      evil = (await someProfile(db, { sync: sync.id, name: EVIL })).id;
      adele = (await someProfile(db, { sync: sync.id, name: "Adele Vance" })).id;
      const first = await startRun(db, { profileId: evil, trigger: "schedule" }, at(1));
      await finishRun(db, first.id, { outcome: "ok", counts: { ...zeroCounts(), created: 2 } }, at(2));
      await recordDecisions(
        db,
        { runId: first.id, profileId: evil },
        [
          {
            side: "A",
            sourceId: "a1",
            copyId: "b1",
            action: "create",
            reason: "new original",
            subjectHint: "+SUM(A1:A9)",
          },
          { side: "A", sourceId: "a2", action: "skip", reason: "rules: Lunch", subjectHint: "@lunch" },
        ],
        at(2),
      );
      const failed = await startRun(db, { profileId: evil, trigger: "notification" }, at(3));
      await finishRun(
        db,
        failed.id,
        { outcome: "failed", counts: zeroCounts(), error: "-1 of 1 actions" },
        at(4),
      );
      const other = await startRun(db, { profileId: adele, trigger: "notification" }, at(5));
      await finishRun(db, other.id, { outcome: "ok", counts: { ...zeroCounts(), updated: 1 } }, at(6));
      await recordDecisions(
        db,
        { runId: other.id, profileId: adele },
        [
          {
            side: "B",
            sourceId: "b9",
            copyId: "a9",
            action: "update",
            reason: "original-changed",
            subjectHint: "\tTab",
          },
        ],
        at(6),
      );
      admin = await adminSession(ctx);
    });

    const download = async (url: string) => {
      const response = await ctx.app().inject({ method: "GET", url, headers: admin.headers });
      const rows =
        response.statusCode === 200
          ? (parse(response.body, { bom: true, columns: true }) as Record<string, string>[])
          : [];
      return { response, rows };
    };

    it("exports runs as an attachment, UTF-8 with a BOM, every cell safe for a spreadsheet", async () => {
      const { response, rows } = await download("/api/runs.csv");
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(response.headers["content-disposition"]).toBe(
        'attachment; filename="crosscal-runs-2025-03-01.csv"',
      );
      expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(response.body.split("\r\n")[0]).toBe(
        '\uFEFF"run_id","started_at","finished_at","outcome","trigger","sync_id","sync_name","profile_id","profile_name","created","updated","deleted","skipped","linked","tombstoned","error"',
      );
      expect(rows.map((row) => [row.profile_name, row.outcome, row.trigger, row.error])).toEqual([
        ["Adele Vance", "ok", "notification", ""],
        [`'${EVIL}`, "failed", "notification", "'-1 of 1 actions"],
        [`'${EVIL}`, "ok", "schedule", ""],
      ]);
      expect(rows[2]).toMatchObject({
        sync_name: "contoso-fabrikam",
        created: "2",
        started_at: at(1).toISOString(),
      });
    });

    it("exports decisions with the same filters as the JSON route", async () => {
      const all = await download("/api/decisions.csv");
      expect(all.response.headers["content-disposition"]).toBe(
        'attachment; filename="crosscal-decisions-2025-03-01.csv"',
      );
      expect(all.rows.map((row) => [row.profile_name, row.action, row.subject_hint])).toEqual([
        ["Adele Vance", "update", "'\tTab"],
        [`'${EVIL}`, "skip", "'@lunch"],
        [`'${EVIL}`, "create", "'+SUM(A1:A9)"],
      ]);
      const skips = await download(`/api/decisions.csv?profile=${evil}&action=skip&action=update`);
      expect(skips.rows.map((row) => row.reason)).toEqual(["rules: Lunch"]);
      const since = await download(`/api/decisions.csv?since=${at(5).toISOString()}`);
      expect(since.rows.map((row) => row.source_id)).toEqual(["b9"]);
      const failed = await download("/api/runs.csv?outcome=failed&sync=contoso-fabrikam");
      expect(failed.rows.map((row) => row.outcome)).toEqual(["failed"]);
      const byName = await download("/api/runs.csv?profile=Adele%20Vance");
      expect(byName.rows).toHaveLength(1);
      const none = await download("/api/runs.csv?trigger=manual");
      expect(none.response.body.split("\r\n").filter(Boolean)).toHaveLength(1);
    });

    it("refuses what the JSON routes refuse, before any byte of CSV", async () => {
      const backwards = await download(
        `/api/runs.csv?since=${at(5).toISOString()}&until=${at(1).toISOString()}`,
      );
      expect([backwards.response.statusCode, backwards.response.json().error.field]).toEqual([
        400,
        "querystring/until",
      ]);
      const unknown = await download("/api/decisions.csv?action=explode");
      expect(unknown.response.statusCode).toBe(400);
      const paged = await download("/api/runs.csv?limit=5");
      expect([paged.response.statusCode, paged.response.json().error.field]).toEqual([
        400,
        "querystring/limit",
      ]);
    });

    it("streams thousands of decisions, read page by page", async () => {
      const db = ctx.db();
      const run = await startRun(db, { profileId: adele, trigger: "schedule" }, at(10));
      const many: NewDecision[] = Array.from({ length: 2_600 }, (_, index) => ({
        side: "A",
        sourceId: `event-${index}`,
        action: "skip",
        reason: "outside-window",
      }));
      await recordDecisions(db, { runId: run.id, profileId: adele }, many, at(10));
      const { rows } = await download(`/api/decisions.csv?profile=${adele}`);
      expect(rows).toHaveLength(2_601);
      expect(rows.slice(0, 2).map((row) => row.source_id)).toEqual(["event-2599", "event-2598"]);
      expect(rows.at(-1)?.source_id).toBe("b9");
      // What the route reads them with: one statement per page, never the whole list at once.
      const sizes: number[] = [];
      const pages = allPages((after: DecisionPosition | undefined) =>
        listDecisionPage(db, { profileId: adele, limit: CSV_PAGE, ...(after && { after }) }),
      );
      for await (const page of pages) sizes.push(page.length);
      expect(sizes).toEqual([500, 500, 500, 500, 500, 101]);
    });
  });
}
