import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CalendarPort } from "../../src/core/calendar-port.js";
import { listCursors } from "../../src/store/cursors.js";
import { listDecisions } from "../../src/store/decisions.js";
import { acquireLease } from "../../src/store/leases.js";
import { listLinks } from "../../src/store/links.js";
import { findProfileById, updateProfileStatus } from "../../src/store/profiles.js";
import { type EngineFixture, MAILBOX, meeting, person, startEngineFixture } from "./fixture.js";

const copiesIn = async (f: EngineFixture, side: "A" | "B") =>
  (await person(f.emulator, MAILBOX[side]).list()).filter((event) =>
    JSON.stringify(event).includes("crosscal.source"),
  );

/** Every emulated Graph request takes this long from now on. */
const latency = (f: EngineFixture, ms: number) =>
  fetch(`${f.emulator.url}/_emulator/latency`, {
    method: "PUT",
    body: JSON.stringify({ ms }),
    headers: { "content-type": "application/json" },
  });

describe("one profile run against the emulator (merge start)", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await startEngineFixture("merge");
  });
  afterEach(() => f.close());

  it("mirrors a meeting both ways without inviting anyone, and a second run writes nothing", async () => {
    await person(f.emulator, MAILBOX.A).create(
      meeting("Budget review", 2, {
        attendees: [{ type: "required", emailAddress: { address: "megan@contoso.test" } }],
      }),
    );
    await person(f.emulator, MAILBOX.B).create(meeting("Dentist", 3, { sensitivity: "private" }));
    f.emulator.ctx.stats.reset();
    const first = await f.run();
    expect(first.outcome).toBe("ok");
    expect(first.counts.created).toBe(2);
    const [inB] = await copiesIn(f, "B");
    expect(inB).toMatchObject({ subject: "Budget review", attendees: [], isReminderOn: false });
    expect(inB!.body.content).toContain("megan@contoso.test");
    expect((await copiesIn(f, "A"))[0]).toMatchObject({ subject: "Dentist", sensitivity: "private" });
    const messages = f.emulator.ctx.stats.snapshot().messages;
    expect(messages).toMatchObject({ invitations: 0, updates: 0, cancellations: 0 });

    const before = f.requests();
    const second = await f.run();
    expect(second.counts).toEqual({
      created: 0,
      updated: 0,
      deleted: 0,
      skipped: 0,
      linked: 0,
      tombstoned: 0,
    });
    expect(second.actions.filter((action) => action.type !== "skip")).toEqual([]);
    expect(f.requests() - before).toBeLessThanOrEqual(4);
  });

  it("follows updates and deletions, restores an edited copy and respects a deleted one", async () => {
    const original = await person(f.emulator, MAILBOX.A).create(meeting("Planning", 2));
    const doomed = await person(f.emulator, MAILBOX.A).create(meeting("Offsite", 4));
    await f.run();
    await person(f.emulator, MAILBOX.A).update(original.id, { subject: "Planning (room 4)" });
    await person(f.emulator, MAILBOX.A).remove(doomed.id);
    const changes = await f.run();
    expect(changes.counts).toMatchObject({ updated: 1, deleted: 1 });
    const [copy] = await copiesIn(f, "B");
    expect(copy!.subject).toBe("Planning (room 4)");

    await person(f.emulator, MAILBOX.B).update(copy!.id, { subject: "scribbled over" });
    const restored = await f.run();
    expect(restored.actions).toMatchObject([{ type: "update", reason: "copy-edited" }]);
    expect((await copiesIn(f, "B"))[0]!.subject).toBe("Planning (room 4)");

    await person(f.emulator, MAILBOX.B).remove(copy!.id);
    expect((await f.run()).counts.tombstoned).toBe(1);
    await person(f.emulator, MAILBOX.A).update(original.id, { subject: "Planning (moved again)" });
    await f.run();
    expect(await copiesIn(f, "B")).toEqual([]);
    const decisions = await listDecisions(f.db, { profileId: f.profileId });
    expect(decisions.map((d) => d.action)).toEqual(
      expect.arrayContaining(["create", "update", "delete", "restore", "tombstone", "skip"]),
    );
  });

  it("does not duplicate one invitation sent to both of a person's mailboxes", async () => {
    await person(f.emulator, "megan@contoso.test").create(
      meeting("Joint steering", 5, {
        attendees: [MAILBOX.A, MAILBOX.B].map((address) => ({ type: "required", emailAddress: { address } })),
      }),
    );
    const report = await f.run();
    expect(report.counts).toMatchObject({ created: 0, linked: 1 });
    expect(await copiesIn(f, "A")).toEqual([]);
    expect(await copiesIn(f, "B")).toEqual([]);
  });

  it("links a meeting already in the other mailbox by subject and time on a merge start", async () => {
    await person(f.emulator, MAILBOX.A).create(meeting("Standup", 1));
    await person(f.emulator, MAILBOX.B).create(meeting("Standup", 1));
    const report = await f.run();
    expect(report.counts).toMatchObject({ created: 0, linked: 1 });
  });

  it("leaves no duplicate after a crash between the Graph write and the store commit", async () => {
    await person(f.emulator, MAILBOX.A).create(meeting("Crash test", 2));
    const crashing: CalendarPort = Object.create(f.ports.B);
    crashing.create = async (...args) => {
      await f.ports.B.create(...args);
      throw new Error("process killed after the write");
    };
    const crashed = await f.run({ ports: { A: f.ports.A, B: crashing } });
    expect(crashed.outcome).toBe("failed");
    expect(await listLinks(f.db, f.profileId)).toEqual([]);
    const recovered = await f.run();
    expect(recovered.outcome).toBe("ok");
    expect(await copiesIn(f, "B")).toHaveLength(1);
    expect((await listLinks(f.db, f.profileId))[0]).toMatchObject({ owned: true });
    expect((await findProfileById(f.db, f.profileId))!.status).toBe("active");
  });

  it("adopts a copy a crash left without a link even when a person moved it out of the window and the original changed", async () => {
    const original = await person(f.emulator, MAILBOX.A).create(meeting("Planning", 2));
    const crashing: CalendarPort = Object.create(f.ports.B);
    crashing.create = async (...args) => {
      await f.ports.B.create(...args);
      throw new Error("process killed after the write");
    };
    expect((await f.run({ ports: { A: f.ports.A, B: crashing } })).outcome).toBe("failed");
    const [orphan] = await copiesIn(f, "B");
    // Out of the window (30 days back), so no listing shows it; and the edit gives the original a new
    // version, so a create would carry a new transactionId that Graph does not know.
    const { start, end } = meeting("Planning", -38);
    await person(f.emulator, MAILBOX.B).update(orphan!.id as string, { start, end });
    await person(f.emulator, MAILBOX.A).update(original.id as string, { subject: "Planning (room 4)" });

    const recovered = await f.run();

    expect(recovered.outcome).toBe("ok");
    expect(recovered.counts).toMatchObject({ created: 0, linked: 1, updated: 1 });
    const copies = await copiesIn(f, "B");
    expect(copies.map((copy) => [copy.id, copy.subject])).toEqual([[orphan!.id, "Planning (room 4)"]]);
    expect((copies[0]!.start as { dateTime: string }).dateTime.slice(0, 10)).toBe(
      (original.start as { dateTime: string }).dateTime.slice(0, 10),
    );
    expect(await listLinks(f.db, f.profileId)).toEqual([
      expect.objectContaining({ sourceId: original.id, copyId: orphan!.id, owned: true }),
    ]);
  });

  it("recovers from an expired delta token without duplicates or lost events", async () => {
    await person(f.emulator, MAILBOX.A).create(meeting("Before expiry", 2));
    await f.run();
    await fetch(`${f.emulator.url}/_emulator/delta/expire`, { method: "POST" });
    await person(f.emulator, MAILBOX.A).create(meeting("During expiry", 3));
    const report = await f.run();
    expect(report.outcome).toBe("ok");
    expect((await copiesIn(f, "B")).map((e) => e.subject).sort()).toEqual(["Before expiry", "During expiry"]);
  });

  it("keeps its lease while a long run lasts, so no other worker runs the profile meanwhile", async () => {
    for (let day = 1; day <= 3; day++)
      await person(f.emulator, MAILBOX.A).create(meeting(`Long ${day}`, day));
    await latency(f, 500);
    const long = f.run({ leaseMs: 600 });
    // Past the lease's first length: only renewals keep it.
    await new Promise((resolve) => setTimeout(resolve, 900));
    const meanwhile = await f.run({ leaseMs: 600 });
    await latency(f, 0);
    expect(meanwhile).toMatchObject({ outcome: "skipped", reason: "another worker is running this profile" });
    expect((await long).counts.created).toBe(3);
  });

  it("stops writing and commits no cursor once its lease was taken during the run (a stalled worker)", async () => {
    await person(f.emulator, MAILBOX.A).create(meeting("Stalled", 1));
    await latency(f, 500);
    const stalled = f.run({ leaseMs: 600 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Another worker whose clock says the lease ran out takes it over, while this run still reads.
    const later = new Date(Date.now() + 3_600_000);
    expect(
      await acquireLease(f.db, { profileId: f.profileId, owner: "other", ttlMs: 60_000 }, later),
    ).toBeDefined();
    const report = await stalled;
    await latency(f, 0);
    expect(report.outcome).toBe("failed");
    expect(report.reason).toMatch(/another worker took over the profile's lease/);
    expect(await copiesIn(f, "B")).toEqual([]);
    expect(await listCursors(f.db, f.profileId)).toEqual([]);
    expect((await findProfileById(f.db, f.profileId))!.status).toBe("error");
  });

  it("stops and asks for confirmation before deleting most copies at once", async () => {
    const created = [];
    for (let day = 1; day <= 12; day++)
      created.push(await person(f.emulator, MAILBOX.A).create(meeting(`Item ${day}`, day)));
    await f.run();
    for (const event of created) await person(f.emulator, MAILBOX.A).remove(event.id);
    const stopped = await f.run();
    expect(stopped.outcome).toBe("needs_confirmation");
    expect(stopped.reason).toBe("the run would delete 12 of 12 copies");
    expect(await copiesIn(f, "B")).toHaveLength(12);
    expect((await findProfileById(f.db, f.profileId))!.status).toBe("needs_confirmation");
    const confirmed = await f.run({ confirmed: true });
    expect(confirmed.counts.deleted).toBe(12);
    expect(await copiesIn(f, "B")).toEqual([]);
  });

  it("keeps a pause made while it ran: a run that read the profile in error does not make it active", async () => {
    await person(f.emulator, MAILBOX.A).create(meeting("Paused meanwhile", 1));
    const read = (await findProfileById(f.db, f.profileId))!;
    // The run read the profile (in error, so runnable) just before an admin paused it.
    await updateProfileStatus(f.db, f.profileId, "paused", "paused by admin:alice", new Date());
    const report = await f.run({ profile: { ...read, status: "error", statusReason: "a Graph outage" } });
    expect(report.outcome).toBe("ok");
    expect(await findProfileById(f.db, f.profileId)).toMatchObject({
      status: "paused",
      statusReason: "paused by admin:alice",
    });
  });

  it("keeps a pause made while it ran when the guards stop the run", async () => {
    const created = [];
    for (let day = 1; day <= 12; day++)
      created.push(await person(f.emulator, MAILBOX.A).create(meeting(`Item ${day}`, day)));
    await f.run();
    for (const event of created) await person(f.emulator, MAILBOX.A).remove(event.id);
    const read = (await findProfileById(f.db, f.profileId))!;
    await updateProfileStatus(f.db, f.profileId, "paused", "paused by admin:alice", new Date());
    const stopped = await f.run({ profile: read });
    expect(stopped.outcome).toBe("needs_confirmation");
    // A paused profile in needs_confirmation (or error) would be runnable again and get its subscriptions back.
    expect((await findProfileById(f.db, f.profileId))!.status).toBe("paused");
  });
});

describe("only-new start", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await startEngineFixture("only_new");
  });
  afterEach(() => f.close());

  it("records what exists as baseline and copies only later meetings", async () => {
    await person(f.emulator, MAILBOX.A).create(meeting("Already there", 2));
    const first = await f.run();
    expect(first.counts).toMatchObject({ created: 0, skipped: 1 });
    await person(f.emulator, MAILBOX.A).create(meeting("Brand new", 3));
    await f.run();
    expect((await copiesIn(f, "B")).map((e) => e.subject)).toEqual(["Brand new"]);
  });

  it("a dry run plans without writing anything", async () => {
    await f.run();
    await person(f.emulator, MAILBOX.A).create(meeting("Previewed", 2));
    const preview = await f.run({ dryRun: true });
    expect(preview.actions.map((a) => a.type)).toEqual(["create"]);
    expect(await copiesIn(f, "B")).toEqual([]);
    expect((await f.run()).counts.created).toBe(1);
  });
});
