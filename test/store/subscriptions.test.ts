import { beforeEach, expect, it } from "vitest";
import { StoreConflictError } from "../../src/store/errors.js";
import {
  deleteSubscriptionRow,
  findSubscription,
  findSubscriptionById,
  insertSubscription,
  listSubscriptions,
  type NewStoredSubscription,
  recordRenewal,
  replaceSubscription,
} from "../../src/store/subscriptions.js";
import { at, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

const adele = (overrides: Partial<NewStoredSubscription> = {}): NewStoredSubscription => ({
  connection: "contoso",
  mailbox: "adele@contoso.example",
  subscriptionId: "sub-1",
  clientStateHash: "a".repeat(64),
  expiresAt: at(7 * 24 * 60),
  ...overrides,
});

describeStores("subscriptions", ({ db }) => {
  // Subscriptions belong to connections, not profiles: the shared reset does not reach them.
  beforeEach(async () => {
    await db().deleteFrom("subscriptions").execute();
  });

  it("records a subscription and finds it by its Graph id and by its mailbox", async () => {
    const row = await insertSubscription(db(), adele(), T0);

    expect(row).toEqual({
      connection: "contoso",
      mailbox: "adele@contoso.example",
      subscriptionId: "sub-1",
      clientStateHash: "a".repeat(64),
      expiresAt: "2025-03-08T09:00:00.000Z",
      createdAt: "2025-03-01T09:00:00.000Z",
      renewedAt: null,
    });
    expect(await findSubscriptionById(db(), "sub-1")).toEqual(row);
    expect(await findSubscription(db(), "contoso", "adele@contoso.example")).toEqual(row);
    expect(await findSubscriptionById(db(), "sub-unknown")).toBeUndefined();
    expect(await findSubscription(db(), "fabrikam", "adele@contoso.example")).toBeUndefined();
  });

  it("holds one subscription per mailbox of a connection, and a Graph id only once", async () => {
    await insertSubscription(db(), adele(), T0);

    await expect(insertSubscription(db(), adele({ subscriptionId: "sub-2" }), T0)).rejects.toThrow(
      StoreConflictError,
    );
    await expect(
      insertSubscription(db(), adele({ connection: "other", mailbox: "megan@contoso.example" }), T0),
    ).rejects.toThrow(StoreConflictError);
    // The same mailbox through another connection is another subscription.
    await insertSubscription(db(), adele({ connection: "contoso-2", subscriptionId: "sub-3" }), T0);
    expect((await listSubscriptions(db())).map((s) => s.subscriptionId)).toEqual(["sub-1", "sub-3"]);
  });

  it("records a renewal of the subscription it names only", async () => {
    await insertSubscription(db(), adele(), T0);

    const renewed = await recordRenewal(db(), "sub-1", at(8 * 24 * 60), at(24 * 60));

    expect(renewed).toMatchObject({
      expiresAt: "2025-03-09T09:00:00.000Z",
      renewedAt: "2025-03-02T09:00:00.000Z",
      createdAt: "2025-03-01T09:00:00.000Z",
    });
    expect(await recordRenewal(db(), "sub-gone", at(8 * 24 * 60), at(24 * 60))).toBeUndefined();
  });

  it("replaces a subscription only while the row still names the old one", async () => {
    await insertSubscription(db(), adele(), T0);
    await recordRenewal(db(), "sub-1", at(8 * 24 * 60), at(60));
    const next = { subscriptionId: "sub-2", clientStateHash: "b".repeat(64), expiresAt: at(9 * 24 * 60) };

    const replaced = await replaceSubscription(db(), "sub-1", next, at(120));

    expect(replaced).toEqual({
      connection: "contoso",
      mailbox: "adele@contoso.example",
      subscriptionId: "sub-2",
      clientStateHash: "b".repeat(64),
      expiresAt: "2025-03-10T09:00:00.000Z",
      createdAt: "2025-03-01T11:00:00.000Z",
      renewedAt: null,
    });
    // A second replacement of sub-1 (say, by another process handling the same lifecycle event) finds nothing.
    expect(
      await replaceSubscription(db(), "sub-1", { ...next, subscriptionId: "sub-3" }, at(121)),
    ).toBeUndefined();
    expect(await findSubscriptionById(db(), "sub-1")).toBeUndefined();
    expect((await listSubscriptions(db())).map((s) => s.subscriptionId)).toEqual(["sub-2"]);
  });

  it("forgets a subscription, saying whether it held it", async () => {
    await insertSubscription(db(), adele(), T0);

    expect(await deleteSubscriptionRow(db(), "sub-1")).toBe(true);
    expect(await deleteSubscriptionRow(db(), "sub-1")).toBe(false);
    expect(await listSubscriptions(db())).toEqual([]);
  });

  it("lists subscriptions by connection, then mailbox", async () => {
    await insertSubscription(db(), adele({ connection: "fabrikam", subscriptionId: "s1" }), T0);
    await insertSubscription(db(), adele({ mailbox: "megan@contoso.example", subscriptionId: "s2" }), T0);
    await insertSubscription(db(), adele({ subscriptionId: "s3" }), T0);

    const listed = await listSubscriptions(db());

    expect(listed.map((s) => [s.connection, s.mailbox])).toEqual([
      ["contoso", "adele@contoso.example"],
      ["contoso", "megan@contoso.example"],
      ["fabrikam", "adele@contoso.example"],
    ]);
  });
});
