import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { GraphRequester } from "../../src/graph/requester.js";
import { RENEWAL_PERIOD_MS } from "../../src/notifications/renewal-spread.js";
import {
  applySubscriptionPlan,
  hashClientState,
  planSubscriptions,
  reauthorize,
  type SubscriptionContext,
} from "../../src/notifications/subscriptions.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import {
  findSubscription,
  insertSubscription,
  listSubscriptions,
  type StoredSubscription,
} from "../../src/store/subscriptions.js";
import { type GraphTenant, seedGraphTenant, testClient } from "../graph/fixture.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { Receiver } from "../helpers/webhook-receiver.js";

const HOUR = 3600_000;
const NOW = new Date("2025-03-01T09:00:00.000Z");

function row(mailbox: string, expiresInMs: number, connection = "contoso"): StoredSubscription {
  return {
    connection,
    mailbox,
    subscriptionId: `sub-${connection}-${mailbox}`,
    clientStateHash: "0".repeat(64),
    expiresAt: new Date(NOW.getTime() + expiresInMs).toISOString(),
    createdAt: NOW.toISOString(),
    renewedAt: null,
  };
}

describe("planSubscriptions", () => {
  it("subscribes to wanted mailboxes that have none, once per mailbox of a connection", () => {
    const steps = planSubscriptions(
      [
        { connection: "contoso", mailbox: "Adele@Contoso.test" },
        { connection: "contoso", mailbox: "adele@contoso.test" },
        { connection: "fabrikam", mailbox: "adele@contoso.test" },
      ],
      [],
      NOW,
    );
    // Numbered on from the subscriptions already stored: the number places each one's renewals.
    expect(steps).toEqual([
      { action: "create", connection: "contoso", mailbox: "adele@contoso.test", ordinal: 0 },
      { action: "create", connection: "fabrikam", mailbox: "adele@contoso.test", ordinal: 1 },
    ]);
  });

  it("renews close to expiry, recreates past it, leaves the rest, and unsubscribes what is no longer wanted", () => {
    const fresh = row("fresh@contoso.test", 5 * 24 * HOUR);
    const closing = row("closing@contoso.test", 23 * HOUR);
    const expired = row("expired@contoso.test", -HOUR);
    const unwanted = row("gone@contoso.test", 5 * 24 * HOUR);
    const wanted = [fresh, closing, expired].map(({ connection, mailbox }) => ({
      connection,
      mailbox: mailbox.toUpperCase(),
    }));

    const steps = planSubscriptions(wanted, [fresh, closing, expired, unwanted], NOW);

    expect(steps).toEqual([
      { action: "renew", subscription: closing },
      { action: "recreate", subscription: expired },
      { action: "delete", subscription: unwanted },
    ]);
    expect(planSubscriptions(wanted, [fresh, closing, expired, unwanted], NOW, 12 * HOUR)).not.toContainEqual(
      {
        action: "renew",
        subscription: closing,
      },
    );
  });

  it("treats the same mailbox through another connection as another subscription", () => {
    const contoso = row("adele@contoso.test", 5 * 24 * HOUR, "contoso");
    expect(
      planSubscriptions([{ connection: "other", mailbox: "adele@contoso.test" }], [contoso], NOW),
    ).toEqual([
      { action: "delete", subscription: contoso },
      { action: "create", connection: "other", mailbox: "adele@contoso.test", ordinal: 1 },
    ]);
  });
});

describe("applySubscriptionPlan against the emulator", () => {
  let emulator: RunningEmulator;
  let tenant: GraphTenant;
  let receiver: Receiver;
  let dir: string;
  let db: Store;
  let context: SubscriptionContext;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    tenant = await seedGraphTenant(emulator);
    receiver = await Receiver.start(emulator);
    dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-subscriptions-"));
    db = openDatabase(path.join(dir, "crosscal.db"));
    await migrate(db);
    const requesters: Record<string, GraphRequester> = {
      contoso: testClient(emulator, tenant.crosscal).client,
      scoped: testClient(emulator, tenant.scoped, {
        credential: { kind: "secret", secret: "scoped-secret-5678" },
      }).client,
    };
    context = {
      db,
      requester: (connection) => requesters[connection]!,
      notificationUrl: `${receiver.url}/notify`,
      lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
      now: () => new Date(emulator.ctx.clock.now()),
    };
  });
  afterEach(async () => {
    emulator.ctx.subscriptions.reset();
    await db.deleteFrom("subscriptions").execute();
  });
  afterAll(async () => {
    await receiver.close();
    await emulator.close();
    await closeDatabase(db);
    await rm(dir, { recursive: true, force: true });
  });

  const graphHolds = () => emulator.ctx.subscriptions.list();
  const plan = async (wanted: { connection: string; mailbox: string }[]) =>
    applySubscriptionPlan(context, planSubscriptions(wanted, await listSubscriptions(db), context.now()));

  it("subscribes, recording the subscription with its clientState hashed", async () => {
    const report = await plan([{ connection: "contoso", mailbox: "adele@contoso.test" }]);

    expect(report).toEqual({
      done: [{ action: "created", connection: "contoso", mailbox: "adele@contoso.test" }],
      failed: [],
    });
    const [held] = graphHolds();
    const stored = await findSubscription(db, "contoso", "adele@contoso.test");
    expect(stored).toMatchObject({
      subscriptionId: held!.id,
      clientStateHash: hashClientState(held!.clientState!),
    });
    expect(stored!.clientStateHash).not.toContain(held!.clientState!);
    expect(Date.parse(stored!.expiresAt)).toBe(held!.expiresAt);
    // Planning again with plenty of time left does nothing.
    expect(await plan([{ connection: "contoso", mailbox: "adele@contoso.test" }])).toEqual({
      done: [],
      failed: [],
    });
  });

  it("renews a subscription near its expiry, in Graph and in the store", async () => {
    await plan([{ connection: "contoso", mailbox: "adele@contoso.test" }]);
    const stored = (await findSubscription(db, "contoso", "adele@contoso.test"))!;
    const closing = context.now().getTime() + HOUR;
    graphHolds()[0]!.expiresAt = closing;
    await db
      .updateTable("subscriptions")
      .set({ expiresAt: new Date(graphHolds()[0]!.expiresAt).toISOString() })
      .execute();

    const report = await plan([{ connection: "contoso", mailbox: "adele@contoso.test" }]);

    expect(report.done).toEqual([
      { action: "renewed", connection: "contoso", mailbox: "adele@contoso.test" },
    ]);
    const renewed = (await findSubscription(db, "contoso", "adele@contoso.test"))!;
    expect(renewed.subscriptionId).toBe(stored.subscriptionId);
    expect(renewed.renewedAt).not.toBeNull();
    expect(Date.parse(renewed.expiresAt)).toBe(graphHolds()[0]!.expiresAt);
    // One renewal period after the old expiry: its place among the others' renewals is kept.
    expect(graphHolds()[0]!.expiresAt).toBe(closing + RENEWAL_PERIOD_MS);
  });

  it("recreates a subscription Graph dropped, whether found at renewal or past its expiry", async () => {
    await plan([{ connection: "contoso", mailbox: "adele@contoso.test" }]);
    const first = (await findSubscription(db, "contoso", "adele@contoso.test"))!;
    emulator.ctx.subscriptions.reset();
    await db
      .updateTable("subscriptions")
      .set({ expiresAt: new Date(context.now().getTime() + HOUR).toISOString() })
      .execute();

    const atRenewal = await plan([{ connection: "contoso", mailbox: "adele@contoso.test" }]);

    expect(atRenewal.done).toEqual([
      { action: "recreated", connection: "contoso", mailbox: "adele@contoso.test" },
    ]);
    const second = (await findSubscription(db, "contoso", "adele@contoso.test"))!;
    expect(second.subscriptionId).not.toBe(first.subscriptionId);
    expect(graphHolds().map((s) => s.id)).toEqual([second.subscriptionId]);

    emulator.ctx.subscriptions.reset();
    await db
      .updateTable("subscriptions")
      .set({ expiresAt: new Date(context.now().getTime() - HOUR).toISOString() })
      .execute();
    const expired = await plan([{ connection: "contoso", mailbox: "adele@contoso.test" }]);

    expect(expired.done).toEqual([
      { action: "recreated", connection: "contoso", mailbox: "adele@contoso.test" },
    ]);
    const third = (await findSubscription(db, "contoso", "adele@contoso.test"))!;
    expect(graphHolds().map((s) => s.id)).toEqual([third.subscriptionId]);
    expect(third.clientStateHash).toBe(hashClientState(graphHolds()[0]!.clientState!));
  });

  it("unsubscribes mailboxes no longer wanted, including ones Graph already dropped", async () => {
    await plan([
      { connection: "contoso", mailbox: "adele@contoso.test" },
      { connection: "contoso", mailbox: "megan@contoso.test" },
    ]);
    const megan = (await findSubscription(db, "contoso", "megan@contoso.test"))!;
    emulator.ctx.subscriptions.triggerLifecycle(megan.subscriptionId, "subscriptionRemoved");

    const report = await plan([]);

    expect(report.failed).toEqual([]);
    expect(report.done.map((d) => d.action)).toEqual(["deleted", "deleted"]);
    expect(graphHolds()).toEqual([]);
    expect(await listSubscriptions(db)).toEqual([]);
  });

  it("deletes a subscription it cannot record, rather than leave it notifying unknown", async () => {
    const wanted = [{ connection: "contoso", mailbox: "adele@contoso.test" }];
    const steps = planSubscriptions(wanted, [], context.now());
    // Another process subscribed the mailbox between this plan and its execution.
    await insertSubscription(
      db,
      {
        connection: "contoso",
        mailbox: "adele@contoso.test",
        subscriptionId: "theirs",
        clientStateHash: "x",
        expiresAt: context.now(),
      },
      context.now(),
    );

    const report = await applySubscriptionPlan(context, steps);

    expect(report.done).toEqual([]);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]!.error.message).toContain("so it was deleted from Graph again");
    expect(report.failed[0]!.error.cause).toMatchObject({ name: "StoreConflictError" });
    expect(graphHolds()).toEqual([]);
    expect((await listSubscriptions(db)).map((s) => s.subscriptionId)).toEqual(["theirs"]);
  });

  it("reports a mailbox it may not subscribe to, and subscribes the others", async () => {
    const report = await plan([
      { connection: "scoped", mailbox: "megan@contoso.test" },
      { connection: "scoped", mailbox: "adele@contoso.test" },
    ]);

    expect(report.done).toEqual([{ action: "created", connection: "scoped", mailbox: "adele@contoso.test" }]);
    expect(report.failed).toMatchObject([
      {
        action: "create",
        connection: "scoped",
        mailbox: "megan@contoso.test",
        error: { kind: "permission" },
      },
    ]);
    expect(report.failed[0]!.error.message).toContain("megan@contoso.test");
    expect((await listSubscriptions(db)).map((s) => s.mailbox)).toEqual(["adele@contoso.test"]);
  });

  it("reauthorizes a paused subscription, and recreates one Graph has dropped", async () => {
    await plan([{ connection: "contoso", mailbox: "adele@contoso.test" }]);
    const stored = (await findSubscription(db, "contoso", "adele@contoso.test"))!;
    graphHolds()[0]!.reauthorizationPending = true;

    expect(await reauthorize(context, stored)).toBe("reauthorized");
    expect(graphHolds()[0]!.reauthorizationPending).toBe(false);

    emulator.ctx.subscriptions.reset();
    expect(await reauthorize(context, stored)).toBe("recreated");
    const recreated = (await findSubscription(db, "contoso", "adele@contoso.test"))!;
    expect(graphHolds().map((s) => s.id)).toEqual([recreated.subscriptionId]);
  });
});
