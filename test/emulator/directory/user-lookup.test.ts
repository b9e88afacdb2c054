import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../../helpers/emulator.js";

/**
 * The world finds users by UPN and by address through an index (tenants of tens of thousands); what it
 * finds must stay what a scan would find when users are removed through the control API and added again.
 */
describe("user look-ups by UPN and address", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  const removeUser = async (tenant: string, user: string) => {
    const response = await fetch(`${emulator.url}/_emulator/tenants/${tenant}/users/${user}`, {
      method: "DELETE",
    });
    expect(response.status).toBe(204);
  };

  it("finds a user by UPN or address in any case, and no longer once removed", async () => {
    const world = emulator.ctx.world;
    const tenant = world.createTenant({ domain: "lookup-one.test" });
    for (let i = 0; i < 50; i++) world.createUser(tenant, { userPrincipalName: `user${i}@lookup-one.test` });
    const adele = world.createUser(tenant, {
      userPrincipalName: "AdeleV@Lookup-One.test",
      mail: "Adele.Vance@lookup-one.test",
    });
    expect(world.userByIdOrUpn(tenant, "adelev@LOOKUP-ONE.test")).toBe(adele);
    expect(world.findUserByAddress("ADELE.VANCE@lookup-one.test")).toBe(adele);
    expect(world.findUserByAddress("adelev@lookup-one.test")).toBe(adele);
    expect(world.userByIdOrUpn(tenant, "user7@lookup-one.test")?.userPrincipalName).toBe(
      "user7@lookup-one.test",
    );

    await removeUser(tenant.id, adele.id);
    expect(world.userByIdOrUpn(tenant, "adelev@lookup-one.test")).toBeUndefined();
    expect(world.findUserByAddress("adele.vance@lookup-one.test")).toBeUndefined();
  });

  it("finds the user added again under a removed user's UPN, even when the count is back where it was", async () => {
    const world = emulator.ctx.world;
    const tenant = world.createTenant({ domain: "lookup-two.test" });
    const megan = world.createUser(tenant, { userPrincipalName: "megan@lookup-two.test" });
    world.createUser(tenant, { userPrincipalName: "nestor@lookup-two.test" });
    expect(world.userByIdOrUpn(tenant, "megan@lookup-two.test")).toBe(megan);

    await removeUser(tenant.id, "megan@lookup-two.test");
    const again = world.createUser(tenant, { userPrincipalName: "Megan@lookup-two.test" });
    expect(again.id).not.toBe(megan.id);
    expect(world.userByIdOrUpn(tenant, "megan@lookup-two.test")).toBe(again);
    expect(world.findUserByAddress("megan@lookup-two.test")).toBe(again);
    expect(world.userByIdOrUpn(tenant, "nestor@lookup-two.test")?.userPrincipalName).toBe(
      "nestor@lookup-two.test",
    );
  });

  it("keeps the first user holding an address, as Exchange delivery would find it", async () => {
    const world = emulator.ctx.world;
    const tenant = world.createTenant({ domain: "lookup-three.test" });
    const first = world.createUser(tenant, {
      userPrincipalName: "first@lookup-three.test",
      mail: "shared@lookup-three.test",
    });
    world.createUser(tenant, { userPrincipalName: "shared@lookup-three.test" });
    expect(world.findUserByAddress("shared@lookup-three.test")).toBe(first);
  });
});
