import { expect, it } from "vitest";
import type { Store } from "../../src/store/database.js";
import { acquireLease, findLease, releaseLease, renewLease } from "../../src/store/leases.js";
import { at, someProfile, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

const TTL = 60_000;

describeStores("leases", ({ db, openAnother }) => {
  it("grants a free lease, stamped with the given time", async () => {
    const profile = await someProfile(db());

    const lease = await acquireLease(db(), { profileId: profile.id, owner: "worker-1", ttlMs: TTL }, T0);

    expect(lease).toEqual({
      profileId: profile.id,
      owner: "worker-1",
      acquiredAt: "2025-03-01T09:00:00.000Z",
      expiresAt: "2025-03-01T09:01:00.000Z",
    });
    expect(await findLease(db(), profile.id)).toEqual(lease);
  });

  it("refuses a held lease to another owner, and extends it for its owner", async () => {
    const profile = await someProfile(db());
    await acquireLease(db(), { profileId: profile.id, owner: "worker-1", ttlMs: TTL }, T0);

    expect(
      await acquireLease(db(), { profileId: profile.id, owner: "worker-2", ttlMs: TTL }, at(0.5)),
    ).toBeUndefined();
    const again = await acquireLease(db(), { profileId: profile.id, owner: "worker-1", ttlMs: TTL }, at(0.5));

    expect(again).toMatchObject({
      owner: "worker-1",
      acquiredAt: "2025-03-01T09:00:00.000Z",
      expiresAt: "2025-03-01T09:01:30.000Z",
    });
  });

  it("lets another owner take over an expired lease", async () => {
    const profile = await someProfile(db());
    await acquireLease(db(), { profileId: profile.id, owner: "worker-1", ttlMs: TTL }, T0);

    const takeover = await acquireLease(
      db(),
      { profileId: profile.id, owner: "worker-2", ttlMs: TTL },
      at(1),
    );

    expect(takeover).toEqual({
      profileId: profile.id,
      owner: "worker-2",
      acquiredAt: "2025-03-01T09:01:00.000Z",
      expiresAt: "2025-03-01T09:02:00.000Z",
    });
    // The old holder can neither renew nor release what it lost.
    expect(
      await renewLease(db(), { profileId: profile.id, owner: "worker-1", ttlMs: TTL }, at(1)),
    ).toBeUndefined();
    expect(await releaseLease(db(), profile.id, "worker-1")).toBe(false);
    expect((await findLease(db(), profile.id))?.owner).toBe("worker-2");
  });

  it("renews only a lease that is still held", async () => {
    const profile = await someProfile(db());
    await acquireLease(db(), { profileId: profile.id, owner: "worker-1", ttlMs: TTL }, T0);

    const renewed = await renewLease(
      db(),
      { profileId: profile.id, owner: "worker-1", ttlMs: TTL },
      at(0.75),
    );
    expect(renewed?.expiresAt).toBe("2025-03-01T09:01:45.000Z");
    // Past expiry the holder has lost its guarantee, even if nobody took the lease yet.
    expect(
      await renewLease(db(), { profileId: profile.id, owner: "worker-1", ttlMs: TTL }, at(2)),
    ).toBeUndefined();
    expect(
      await renewLease(db(), { profileId: "nobody", owner: "worker-1", ttlMs: TTL }, at(0)),
    ).toBeUndefined();
  });

  it("frees the lease on release", async () => {
    const profile = await someProfile(db());
    await acquireLease(db(), { profileId: profile.id, owner: "worker-1", ttlMs: TTL }, T0);

    expect(await releaseLease(db(), profile.id, "worker-2")).toBe(false);
    expect(await releaseLease(db(), profile.id, "worker-1")).toBe(true);

    expect(await findLease(db(), profile.id)).toBeUndefined();
    expect(
      await acquireLease(db(), { profileId: profile.id, owner: "worker-2", ttlMs: TTL }, at(0.1)),
    ).toBeDefined();
  });

  it("grants exactly one of many owners racing on separate connections", async () => {
    const connections: Store[] = [openAnother(), openAnother()];
    for (let round = 0; round < 10; round++) {
      const profile = await someProfile(db());
      // A previous holder whose lease has expired: every contender sees it as free to take over.
      await acquireLease(db(), { profileId: profile.id, owner: "crashed", ttlMs: TTL }, T0);
      const contenders = Array.from({ length: 8 }, (_, i) =>
        acquireLease(connections[i % 2]!, { profileId: profile.id, owner: `worker-${i}`, ttlMs: TTL }, at(5)),
      );

      const winners = (await Promise.all(contenders)).filter((lease) => lease !== undefined);

      expect(winners).toHaveLength(1);
      expect((await findLease(db(), profile.id))?.owner).toBe(winners[0]?.owner);
    }
  });
});
