import { existsSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { meeting, person } from "../engine/fixture.js";
import { type CliFixture, startCliFixture } from "./fixture.js";

const copiesIn = async (f: CliFixture, upn: string) =>
  (await person(f.emulator, upn).list()).filter((event) => JSON.stringify(event).includes("crosscal.source"));

describe("crosscal sync, preview and status", () => {
  let f: CliFixture;
  beforeEach(async () => {
    f = await startCliFixture();
  });
  afterEach(() => f.close());

  it("mirrors a meeting, reports its counts, then has nothing to do", async () => {
    await person(f.emulator, "adele@contoso.test").create(meeting("Budget review", 2));
    f.emulator.ctx.stats.reset();

    const first = await f.crosscal("sync", "--once");
    // The file is applied first (as crosscal apply does), then its new profile is started and run.
    expect(first.stderr).toContain(
      'profile "Adele Vance" (sync contoso-fabrikam, adele@contoso.test / adele@fabrikam.test): created',
    );
    expect(first.stderr).toContain(
      'profile "Adele Vance" (sync contoso-fabrikam): started (merging existing meetings)',
    );
    expect(first.stderr).toMatch(
      /\[1\/1\] profile "Adele Vance" \(sync contoso-fabrikam\): ok in [\d.]+ s: created 1, updated 0, deleted 0, linked 0, tombstoned 0, skipped 0/,
    );
    expect(first.stderr).toContain("sync: 1 profile: 1 ok, 0 failed, 0 need confirmation, 0 skipped");
    expect(first.code).toBe(0);
    expect(existsSync(f.dbFile)).toBe(true);
    expect((await copiesIn(f, "adele@fabrikam.test")).map((e) => e.subject)).toEqual(["Budget review"]);
    expect(f.emulator.ctx.stats.snapshot().messages).toMatchObject({
      invitations: 0,
      updates: 0,
      cancellations: 0,
    });

    const second = await f.crosscal("sync");
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/ok in [\d.]+ s, nothing to do/);
    expect(second.stderr).not.toMatch(/created$|started/m);
    expect(await copiesIn(f, "adele@fabrikam.test")).toHaveLength(1);

    const status = await f.crosscal("status");
    expect(status.code).toBe(0);
    const [header, , row] = status.stdout.trim().split("\n");
    expect(header).toMatch(/^SYNC\s+PROFILE\s+MAILBOXES \(A \/ B\)\s+STATUS\s+LAST RUN$/);
    expect(row).toMatch(
      /^contoso-fabrikam\s+Adele Vance\s+adele@contoso\.test \/ adele@fabrikam\.test\s+active\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ ok: created 0, updated 0/,
    );
    const json = JSON.parse((await f.crosscal("status", "--json")).stdout);
    expect(json).toMatchObject([{ profile: "Adele Vance", status: "active", lastRun: { outcome: "ok" } }]);
  });

  it("applies the config's rules: a skip rule keeps matching meetings out, another mapping hides details", async () => {
    await f.writeConfig(undefined, {
      syncLines: [
        "    rules:",
        "      - { name: no socials, when: { subject: { contains: party } }, then: skip }",
        "      - { name: private as busy, when: { sensitivity: [private] }, then: { mapping: busy } }",
      ],
    });
    const adele = person(f.emulator, "adele@contoso.test");
    await adele.create(meeting("Summer party", 2));
    await adele.create(meeting("Therapy", 3, { sensitivity: "private" }));
    await adele.create(meeting("Roadmap", 4));
    const result = await f.crosscal("sync");
    expect(result.code).toBe(0);
    const copies = await copiesIn(f, "adele@fabrikam.test");
    expect(copies.map((e) => e.subject).sort()).toEqual(["Busy", "Roadmap"]);
    expect(result.stderr).toMatch(/created 2, .*skipped 1/);
  });

  it("previews a planned create without writing to the mailboxes or the database", async () => {
    await person(f.emulator, "adele@fabrikam.test").create(meeting("Dentist", 3));
    const preview = await f.crosscal("preview");
    expect(preview.code).toBe(0);
    const lines = preview.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^SYNC\s+PROFILE\s+ACTION\s+SIDE\s+SUBJECT \/ EVENT\s+REASON$/);
    expect(lines.slice(2)).toEqual([
      expect.stringMatching(/^contoso-fabrikam\s+Adele Vance\s+create\s+B→A\s+Dentist\s+new original$/),
    ]);
    expect(preview.stderr).toContain("preview: 1 profile, 1 planned change (dry run: nothing was written)");
    expect(await copiesIn(f, "adele@contoso.test")).toEqual([]);
    expect(existsSync(f.dbFile)).toBe(false);

    expect((await f.crosscal("status")).stdout).toMatch(/Adele Vance\s+.*\s+not applied yet\s+never/);

    await f.crosscal("sync");
    await person(f.emulator, "adele@contoso.test").create(meeting("Offsite", 4));
    const json = JSON.parse((await f.crosscal("preview", "--json")).stdout);
    expect(json).toEqual([
      {
        sync: "contoso-fabrikam",
        profile: "Adele Vance",
        action: "create",
        side: "A→B",
        subject: "Offsite",
        reason: "new original",
      },
    ]);
    expect((await copiesIn(f, "adele@fabrikam.test")).map((e) => e.subject)).toEqual([]);
    expect(JSON.parse((await f.crosscal("status", "--json")).stdout)[0].lastRun.counts.created).toBe(1);
  });

  it("keeps syncing in --watch mode and stops cleanly on SIGTERM", async () => {
    const watch = f.start("sync", "--config", f.configFile, "--db", f.dbFile, "--watch", "--interval", "1");
    await watch.waitFor(/round 1: 1 profile: 1 ok/);
    await person(f.emulator, "adele@contoso.test").create(meeting("Late addition", 5));
    await watch.waitFor(/ok in [\d.]+ s: created 1/);
    watch.child.kill("SIGTERM");
    expect(await watch.exited).toBe(0);
    expect(watch.stderr()).toMatch(/SIGTERM: stopping after the runs in progress/);
    expect(watch.stderr().trimEnd().endsWith("stopped")).toBe(true);
    expect((await copiesIn(f, "adele@fabrikam.test")).map((e) => e.subject)).toEqual(["Late addition"]);
  });

  it("stops a run that would delete most copies until --confirm", async () => {
    const events = [];
    for (let day = 1; day <= 10; day++)
      events.push(await person(f.emulator, "adele@contoso.test").create(meeting(`Item ${day}`, day)));
    expect((await f.crosscal("sync")).code).toBe(0);
    for (const event of events) await person(f.emulator, "adele@contoso.test").remove(event.id);

    const stopped = await f.crosscal("sync");
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain("stopped, needs confirmation: the run would delete 10 of 10 copies");
    expect(stopped.stderr).toContain(
      `run: crosscal sync --config ${f.configFile} --sync contoso-fabrikam --profile "Adele Vance" --confirm`,
    );
    expect(await copiesIn(f, "adele@fabrikam.test")).toHaveLength(10);

    const confirmed = await f.crosscal("sync", "--profile", "Adele Vance", "--confirm");
    expect(confirmed.code).toBe(0);
    expect(confirmed.stderr).toMatch(/deleted 10/);
    expect(await copiesIn(f, "adele@fabrikam.test")).toEqual([]);
  });
});
