import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AmbiguousGroupError, findGroup, getGroup, readGroupMembers } from "../../src/graph/directory.js";
import { GraphRequestError } from "../../src/graph/errors.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { type ServiceTenants, seedServiceTenants } from "../helpers/service-tenants.js";
import { testClient } from "./fixture.js";

const WHERE = { connection: "contoso" };
const BIG = Array.from({ length: 1005 }, (_, index) => `person${index}`);

describe("Graph directory reads", () => {
  let emulator: RunningEmulator;
  let tenants: ServiceTenants;
  const groupId = (name: string) =>
    [...emulator.ctx.world.requireTenant("contoso.test").groups.values()].find((g) => g.displayName === name)!
      .id;
  const client = () =>
    testClient(emulator, tenants.apps.A.clientId, {
      credential: { kind: "secret", secret: tenants.apps.A.secret },
    }).client;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    tenants = await seedServiceTenants(emulator, {
      only: { A: BIG },
      groups: {
        A: [
          { displayName: "Consultants", members: ["lee@contoso.test", "adele@contoso.test"] },
          { displayName: "Staff", members: ["adele@contoso.test", "group:Consultants"] },
          { displayName: "O'Brien team", members: ["megan@contoso.test"] },
          { displayName: "Twins", members: [] },
          { displayName: "Twins", members: [] },
          { displayName: "Everyone", members: BIG.map((local) => `${local}@contoso.test`) },
        ],
      },
    });
    const contoso = emulator.ctx.world.requireTenant("contoso.test");
    const adele = emulator.ctx.world.userByIdOrUpn(contoso, "adele@contoso.test")!;
    adele.department = "E-100";
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it("reads the users of a group, nested groups' members included, each once", async () => {
    const members = await readGroupMembers(client(), groupId("Staff"), WHERE);
    expect(members.map((m) => m.userPrincipalName).sort()).toEqual([
      "adele@contoso.test",
      "lee@contoso.test",
    ]);
    expect(members[0]).toEqual({
      id: expect.any(String),
      displayName: "Adele",
      mail: "adele@contoso.test",
      userPrincipalName: "adele@contoso.test",
    });
  });

  it("follows the pages of a group larger than one page", async () => {
    const members = await readGroupMembers(client(), groupId("Everyone"), WHERE);
    expect(members).toHaveLength(BIG.length);
    expect(new Set(members.map((m) => m.id)).size).toBe(BIG.length);
  });

  it("reads an attribute along, null where a user has none", async () => {
    const members = await readGroupMembers(client(), groupId("Staff"), { ...WHERE, attribute: "department" });
    const byUpn = Object.fromEntries(members.map((m) => [m.userPrincipalName, m.attribute]));
    expect(byUpn).toEqual({ "adele@contoso.test": "E-100", "lee@contoso.test": null });
  });

  it("names the group and the connection when Graph refuses the read", async () => {
    const failure = await readGroupMembers(client(), groupId("Staff"), {
      ...WHERE,
      attribute: "noSuchThing",
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphRequestError);
    expect((failure as GraphRequestError).kind).toBe("invalid");
    expect((failure as Error).message).toContain(
      `read members of group ${groupId("Staff")} through connection contoso`,
    );
    await expect(readGroupMembers(client(), "x", { ...WHERE, attribute: "a,b" })).rejects.toThrow(RangeError);
  });

  it("finds a group by id or by display name, quotes included", async () => {
    const staff = { id: groupId("Staff"), displayName: "Staff" };
    expect(await findGroup(client(), staff.id, WHERE)).toEqual(staff);
    expect(await findGroup(client(), "Staff", WHERE)).toEqual(staff);
    expect(await getGroup(client(), staff.id, WHERE)).toEqual(staff);
    expect(await findGroup(client(), "O'Brien team", WHERE)).toEqual({
      id: groupId("O'Brien team"),
      displayName: "O'Brien team",
    });
  });

  it("finds nothing for an unknown name or id, and refuses to guess between namesakes", async () => {
    expect(await findGroup(client(), "Nobody's group", WHERE)).toBeUndefined();
    expect(await findGroup(client(), "00000000-0000-4000-8000-000000000000", WHERE)).toBeUndefined();
    await expect(findGroup(client(), "Twins", WHERE)).rejects.toBeInstanceOf(AmbiguousGroupError);
    const missing = await getGroup(client(), "00000000-0000-4000-8000-000000000000", WHERE).catch(
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(GraphRequestError);
    expect((missing as GraphRequestError).kind).toBe("not-found");
    expect((missing as Error).message).toContain("through connection contoso");
  });
});
