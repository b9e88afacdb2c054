import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Side } from "../../src/core/event.js";
import { DebouncedRuns } from "../../src/jobs/debounced-runs.js";
import type { MailboxChangeHint, WebhookBatch } from "../../src/notifications/webhooks.js";
import {
  type EngineFixture,
  MAILBOX,
  meeting,
  person,
  startEngineFixture,
  subscribeBoth,
} from "../engine/fixture.js";
import { Receiver } from "../helpers/webhook-receiver.js";

interface Posted {
  changeType: MailboxChangeHint["changeType"];
  resourceData: { id: string; "@odata.etag"?: string };
}

describe("notifications into debounced runs", () => {
  let fx: EngineFixture;
  let receiver: Receiver;
  let runs: Side[][];
  let errors: unknown[];
  let scheduler: DebouncedRuns;

  /** Every notification posted for `side` since the last call, as the webhook route's work. */
  const delivered = async (side: Side, count: number): Promise<WebhookBatch> => {
    const from = (r: { path: string }) => r.path === `/${side}`;
    for (let waited = 0; receiver.requests.filter(from).length < count; waited += 20) {
      if (waited > 5_000) throw new Error(`fewer than ${count} notification POSTs for ${side}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    const posts = receiver.requests.filter(from);
    receiver.requests.length = 0;
    const hints = posts
      .flatMap((r) => (JSON.parse(r.body) as { value: Posted[] }).value)
      .map((n) => ({
        eventId: n.resourceData.id,
        changeType: n.changeType,
        ...(n.resourceData["@odata.etag"] ? { version: n.resourceData["@odata.etag"] } : {}),
      }));
    const work = [{ kind: "changes" as const, connection: side, mailbox: MAILBOX[side], hints }];
    return { work, accepted: hints.length, forged: 0 };
  };

  beforeAll(async () => {
    fx = await startEngineFixture("merge");
    receiver = await Receiver.start(fx.emulator);
    await subscribeBoth(fx, receiver.url);
    expect((await fx.run()).outcome).toBe("ok");
  });

  beforeEach(() => {
    runs = [];
    errors = [];
    receiver.requests.length = 0;
    scheduler = new DebouncedRuns({
      db: fx.db,
      // Connections are named after the side in this test: each mailbox belongs to the one profile.
      profilesOf: async (connection) => [{ profileId: fx.profileId, side: connection as Side }],
      run: async (_profileId, sides) => {
        runs.push(sides);
        const report = await fx.run({ sides });
        if (report.outcome !== "ok") throw new Error(report.reason);
      },
      debounceMs: 100,
      onError: (error) => errors.push(error),
    });
  });

  afterAll(async () => {
    await receiver.close();
    await fx.close();
  });

  it("runs the notified mailbox once per burst, and crosscal's own writes cause no run", async () => {
    const outlook = person(fx.emulator, MAILBOX.A);
    await outlook.create(meeting("Kick-off", 2));
    await outlook.create(meeting("Review", 3));
    await scheduler.accept(await delivered("A", 1));
    await scheduler.idle();
    expect(runs).toEqual([["A"]]);
    expect(errors).toEqual([]);
    const copies = (await person(fx.emulator, MAILBOX.B).list()).map((e) => e.subject).sort();
    expect(copies).toEqual(["Kick-off", "Review"]);

    await scheduler.accept(await delivered("B", 1));
    await scheduler.idle();
    expect(runs).toEqual([["A"]]);
  });

  it("a notification of lost notifications (reconcile) runs both mailboxes", async () => {
    const work = [
      { kind: "reconcile" as const, connection: "B", mailbox: MAILBOX.B, reason: "missed" as const },
    ];
    await scheduler.accept({ work, accepted: 1, forged: 0 });
    await scheduler.idle();
    expect(runs).toEqual([["A", "B"]]);
  });

  it("a change arriving while the profile runs leads to one more run after it", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    scheduler = new DebouncedRuns({
      db: fx.db,
      profilesOf: async (connection) => [{ profileId: fx.profileId, side: connection as Side }],
      run: async (_profileId, sides) => {
        runs.push(sides);
        if (runs.length === 1) await gate; // the first run is slow: the next change comes in meanwhile
        await fx.run({ sides });
      },
      debounceMs: 100,
      onError: (error) => errors.push(error),
    });
    await person(fx.emulator, MAILBOX.A).create(meeting("First", 4));
    await scheduler.accept(await delivered("A", 1));
    while (runs.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await person(fx.emulator, MAILBOX.A).create(meeting("Second", 5));
    await scheduler.accept(await delivered("A", 1));
    release();
    await scheduler.idle();
    expect(runs).toEqual([["A"], ["A"]]);
    expect(errors).toEqual([]);
    const copies = (await person(fx.emulator, MAILBOX.B).list()).map((e) => e.subject);
    expect(copies).toEqual(expect.arrayContaining(["First", "Second"]));
  });
});
