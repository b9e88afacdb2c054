import { readFile, rm, writeFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { meeting, person } from "../engine/fixture.js";
import { type CliFixture, closedPort, SECRETS, startCliFixture } from "./fixture.js";

const ADELE = { name: "Adele Vance", a: "adele@contoso.test", b: "adele@fabrikam.test" };

describe("crosscal on bad input and failing tenants", () => {
  let f: CliFixture;
  beforeEach(async () => {
    f = await startCliFixture();
  });
  afterEach(() => f.close());

  const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);

  it("rejects a broken config file with exit code 2 and file:line messages", async () => {
    const good = await readFile(f.configFile, "utf8");
    await writeFile(
      f.configFile,
      good.replace("    a: contoso\n", "    a: contosso\n").replace("mapping:", "maping:"),
    );
    const result = await f.crosscal("sync");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`crosscal: 2 problems in config file ${f.configFile}:`);
    expect(result.stderr).toMatch(
      /crosscal\.yaml:\d+:\d+: sync "contoso-fabrikam": a: no connection named "contosso" \(did you mean "contoso"\?\)/,
    );
    expect(result.stderr).toMatch(
      /crosscal\.yaml:\d+:\d+: sync "contoso-fabrikam": unknown key "maping" \(did you mean "mapping"\?\)/,
    );
    noStackTrace(result.stderr);
    expect(result.stderr).not.toContain(SECRETS.CONTOSO_SECRET);
  });

  it("answers bad options and unknown profiles with exit code 2", async () => {
    const unknown = await f.crosscal("sync", "--profile", "Adele Vanse");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no profile named "Adele Vanse"');
    expect(unknown.stderr).toContain('(did you mean "Adele Vance"?)');
    const conflicting = await f.crosscal("sync", "--once", "--watch");
    expect(conflicting.code).toBe(2);
    expect(conflicting.stderr).toContain("option '--once' cannot be used with option '--watch'");
    const interval = await f.crosscal("sync", "--watch", "--interval", "soon");
    expect(interval.code).toBe(2);
    expect(interval.stderr).toContain("--interval is a whole number from 1 to 86400");
  });

  it("names the profile of an unknown mailbox, marks it in error and still syncs the others", async () => {
    await f.writeConfig([ADELE, { name: "Ghost", a: "megan@contoso.test", b: "nobody@fabrikam.test" }]);
    await person(f.emulator, "adele@contoso.test").create(meeting("Budget review", 2));
    const result = await f.crosscal("sync");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/profile "Adele Vance" \(sync contoso-fabrikam\): ok .*created 1/);
    expect(result.stderr).toMatch(
      /profile "Ghost" \(sync contoso-fabrikam\): failed: reading mailbox B \(nobody@fabrikam\.test\): .*404 ErrorInvalidUser/,
    );
    expect(result.stderr).toContain(
      'what to do: mailbox B (nobody@fabrikam.test) through connection "fabrikam" does not exist in that tenant',
    );
    expect(result.stderr).toContain("1 ok, 1 failed");
    noStackTrace(result.stderr);

    const status = JSON.parse((await f.crosscal("status", "--json")).stdout);
    const ghost = status.find((row: { profile: string }) => row.profile === "Ghost");
    expect(ghost).toMatchObject({
      status: "error",
      reason: expect.stringContaining("nobody@fabrikam.test"),
      lastRun: { outcome: "failed", error: expect.stringContaining("nobody@fabrikam.test") },
    });
    expect(await person(f.emulator, "megan@contoso.test").list()).toEqual([]);
  });

  it("explains revoked consent, naming the connection", async () => {
    await f.crosscal("sync");
    const revoked = await fetch(
      `${f.emulator.url}/_emulator/tenants/fabrikam.test/servicePrincipals/${f.clientIds.fabrikam}`,
      {
        method: "PUT",
        body: JSON.stringify({ consented: false }),
        headers: { "content-type": "application/json" },
      },
    );
    expect(revoked.ok).toBe(true);
    const result = await f.crosscal("sync");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /profile "Adele Vance" \(sync contoso-fabrikam\): failed: reading mailbox B \(adele@fabrikam\.test\): .*403/,
    );
    expect(result.stderr).toContain(
      'what to do: the app has no access to mailbox B (adele@fabrikam.test) through connection "fabrikam": grant it the application permission Calendars.ReadWrite with admin consent',
    );
    noStackTrace(result.stderr);
    const [row] = JSON.parse((await f.crosscal("status", "--json")).stdout);
    expect(row).toMatchObject({
      status: "error",
      lastRun: { outcome: "failed", error: expect.stringContaining("403") },
    });
  });

  it("explains an unreachable endpoint and leaves a failed first run in error, with nothing written", async () => {
    await f.writeConfig([ADELE], { endpoint: `https://127.0.0.1:${await closedPort()}` });
    const result = await f.crosscal("sync");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /profile "Adele Vance" \(sync contoso-fabrikam\): failed: reading mailbox [AB] \(adele@\w+\.test\): connection "(contoso|fabrikam)": cannot reach Entra ID at https:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
    expect(result.stderr).toContain("what to do: check the connection's cloud or endpoints");
    noStackTrace(result.stderr);
    const [row] = JSON.parse((await f.crosscal("status", "--json")).stdout);
    expect(row).toMatchObject({
      status: "error",
      reason: expect.stringContaining("cannot reach Entra ID"),
      lastRun: { outcome: "failed", counts: { created: 0, updated: 0, deleted: 0 } },
    });
  }, 90_000); // the Graph client retries a network failure with backoff (about 12 s) before giving up

  it("reports a database it cannot open without a stack trace", async () => {
    await rm(f.dbFile, { force: true });
    const result = await f.crosscal("sync", "--db", "postgres://crosscal:hunter2@127.0.0.1:1/crosscal");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^crosscal: database postgres:\/\/crosscal:\*\*\*@127\.0\.0\.1:1\/crosscal: /,
    );
    expect(result.stderr).not.toContain("hunter2");
    noStackTrace(result.stderr);
  });
});
