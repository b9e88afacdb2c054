import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Json, meeting, person } from "../engine/fixture.js";
import { type CliFixture, startCliFixture } from "./fixture.js";

const A = "adele@contoso.test";
const B = "adele@fabrikam.test";

const copiesIn = async (f: CliFixture, upn: string) =>
  (await person(f.emulator, upn).list()).filter((event) => JSON.stringify(event).includes("crosscal.source"));

const subjects = (events: Json[]) => events.map((event) => event.subject).sort();

/** A weekly series of four, starting `day` days from now, on that day's weekday. */
function weekly(subject: string, day: number): Json {
  const base = meeting(subject, day);
  const date = base.start.dateTime.slice(0, 10);
  const weekday = new Date(`${date}T12:00:00Z`).toLocaleDateString("en-US", {
    weekday: "long",
    timeZone: "UTC",
  });
  return {
    ...base,
    recurrence: {
      pattern: { type: "weekly", interval: 1, daysOfWeek: [weekday.toLowerCase()] },
      range: { type: "numbered", startDate: date, numberOfOccurrences: 4 },
    },
  };
}

describe("crosscal cleanup", () => {
  let f: CliFixture;
  beforeEach(async () => {
    f = await startCliFixture();
    await person(f.emulator, A).create(meeting("Budget review", 2));
    await person(f.emulator, A).create(weekly("Weekly sync", 3));
    await person(f.emulator, B).create(meeting("Dentist", 4));
    expect((await f.crosscal("sync")).code).toBe(0);
    expect(subjects(await copiesIn(f, B))).toEqual(["Budget review", "Weekly sync"]);
    expect(subjects(await copiesIn(f, A))).toEqual(["Dentist"]);
  });
  afterEach(() => f.close());

  it("refuses without --yes when there is no terminal to ask on", async () => {
    const result = await f.crosscal("cleanup", "--profile", "Adele Vance");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("confirm with --yes");
    expect(await copiesIn(f, B)).toHaveLength(2);
  });

  it("needs a profile or a sync", async () => {
    const result = await f.crosscal("cleanup", "--yes");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--profile NAME or --sync NAME");
  });

  it("removes every copy and pauses the profile until --resume", async () => {
    const result = await f.crosscal("cleanup", "--profile", "Adele Vance", "--yes");
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `profile "Adele Vance" (sync contoso-fabrikam): removed 1 copy from mailbox A (${A}) and 2 from mailbox B (${B}); the profile is paused`,
    );
    expect(await copiesIn(f, A)).toEqual([]);
    expect(await copiesIn(f, B)).toEqual([]);
    expect(subjects(await person(f.emulator, A).list())).toEqual(["Budget review", "Weekly sync"]);
    expect(subjects(await person(f.emulator, B).list())).toEqual(["Dentist"]);

    const [row] = JSON.parse((await f.crosscal("status", "--json")).stdout);
    expect(row).toMatchObject({ status: "paused", reason: expect.stringContaining("3 copies removed") });
    const skipped = await f.crosscal("sync");
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toMatch(
      /Adele Vance.*: paused \(cleaned up .*\): skipped; --resume starts it again/,
    );
    expect(await copiesIn(f, B)).toEqual([]);

    const resumed = await f.crosscal("sync", "--resume");
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/ok in [\d.]+ s: created 3/);
    expect(subjects(await copiesIn(f, B))).toEqual(["Budget review", "Weekly sync"]);
  });

  it("finds the copies by their tag after the database is lost", async () => {
    await Promise.all(["", "-wal", "-shm"].map((suffix) => rm(`${f.dbFile}${suffix}`, { force: true })));
    const result = await f.crosscal("cleanup", "--sync", "contoso-fabrikam", "--yes");
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("no database at");
    expect(result.stderr).toContain(`removed 1 copy from mailbox A (${A}) and 2 from mailbox B (${B})`);
    expect(await copiesIn(f, A)).toEqual([]);
    expect(await copiesIn(f, B)).toEqual([]);
    expect(existsSync(f.dbFile)).toBe(false);
  });

  it("cleans up a profile that was removed from the config", async () => {
    await f.writeConfig([{ name: "Megan Bowen", a: "megan@contoso.test", b: "megan@fabrikam.test" }]);
    const sync = await f.crosscal("sync");
    expect(sync.stderr).toContain(
      'profile "Adele Vance" (sync contoso-fabrikam): in the database but no longer in the config: left alone',
    );
    expect(await copiesIn(f, B)).toHaveLength(2);
    const result = await f.crosscal("cleanup", "--profile", "Adele Vance", "--yes");
    expect(result.code).toBe(0);
    expect(await copiesIn(f, B)).toEqual([]);
  });
});
