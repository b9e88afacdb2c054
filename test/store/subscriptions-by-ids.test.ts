import { beforeEach, expect, it } from "vitest";
import { findSubscriptionsByIds, insertSubscription } from "../../src/store/subscriptions.js";
import { at, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

const subscription = (mailbox: string, subscriptionId: string) => ({
  connection: "contoso",
  mailbox,
  subscriptionId,
  clientStateHash: "a".repeat(64),
  expiresAt: at(7 * 24 * 60),
});

describeStores("subscriptions of a webhook POST", ({ db }) => {
  beforeEach(async () => {
    await db().deleteFrom("subscriptions").execute();
  });

  it("finds the known subscriptions among many ids, each once", async () => {
    const adele = await insertSubscription(db(), subscription("adele@contoso.example", "sub-a"), T0);
    const megan = await insertSubscription(db(), subscription("megan@contoso.example", "sub-m"), T0);
    const unknown = Array.from({ length: 500 }, (_, i) => `unknown-${i}`);

    const found = await findSubscriptionsByIds(db(), [...unknown, "sub-m", "sub-a", "sub-m"]);

    expect(found.sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId))).toEqual([adele, megan]);
    expect(await findSubscriptionsByIds(db(), unknown)).toEqual([]);
    expect(await findSubscriptionsByIds(db(), [])).toEqual([]);
  });
});
