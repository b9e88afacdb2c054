import { PageIterator } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFor } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { graphGet } from "../../helpers/http.js";
import { seedDirectory, USER_COUNT } from "./fixture.js";

describe("Graph users", () => {
  let emulator: RunningEmulator;
  let fixture: Awaited<ReturnType<typeof seedDirectory>>;
  let token: string;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    fixture = await seedDirectory(emulator);
    token = await fixture.token();
  });
  afterAll(() => emulator.close());

  it("pages through every user with the Graph client's PageIterator (default page 100)", async () => {
    const client = fixture.client();
    const first = await client.api("/users").get();
    expect(first.value).toHaveLength(100);
    expect(first["@odata.nextLink"]).toMatch(new RegExp(`^${emulator.url}/v1.0/users\\?\\$skiptoken=`));
    const upns: string[] = [];
    const iterator = new PageIterator(client, first, (user: { userPrincipalName: string }) => {
      upns.push(user.userPrincipalName);
      return true;
    });
    await iterator.iterate();
    expect(upns).toHaveLength(USER_COUNT + 1);
    expect(new Set(upns).size).toBe(USER_COUNT + 1);
    expect(upns).toContain("user249@contoso.test");
  });

  it("keeps $top and $select across pages", async () => {
    const first = await graphGet(emulator, token, "/users?$top=120&$select=id,userPrincipalName");
    expect(first.body.value).toHaveLength(120);
    expect(Object.keys(first.body.value[0]).sort()).toEqual(["id", "userPrincipalName"]);
    expect(first.body["@odata.context"]).toBe(`${emulator.url}/v1.0/$metadata#users(id,userPrincipalName)`);
    const next = await graphGet(
      emulator,
      token,
      first.body["@odata.nextLink"].slice(`${emulator.url}/v1.0`.length),
    );
    expect(next.body.value).toHaveLength(120);
    expect(next.body.value[0].userPrincipalName).toBe("user120@contoso.test");
    const last = await graphGet(
      emulator,
      token,
      next.body["@odata.nextLink"].slice(`${emulator.url}/v1.0`.length),
    );
    expect(last.body.value).toHaveLength(USER_COUNT + 1 - 240);
    expect(last.body["@odata.nextLink"]).toBeUndefined();
  });

  it.each(["0", "1000"])("rejects $top=%s with Graph's message", async (top) => {
    const response = await graphGet(emulator, token, `/users?$top=${top}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`,
    );
  });

  it("filters on mail, userPrincipalName and displayName (eq, startswith, in)", async () => {
    const client = fixture.client();
    const byMail = await client.api("/users").filter("mail eq 'ADELE.VANCE@contoso.test'").get();
    expect(byMail.value.map((u: { displayName: string }) => u.displayName)).toEqual(["Adele Vance"]);
    const byUpn = await client.api("/users").filter("userPrincipalName eq 'user007@contoso.test'").get();
    expect(byUpn.value).toHaveLength(1);
    const prefix = await client.api("/users").filter("startswith(displayName,'User 24')").get();
    expect(prefix.value).toHaveLength(10);
    const list = await client
      .api("/users")
      .filter("mail in ('user001@contoso.test','user002@contoso.test')")
      .get();
    expect(list.value).toHaveLength(2);
    const proxy = await client
      .api("/users")
      .filter("proxyAddresses/any(x:x eq 'smtp:adele.vance@contoso.test')")
      .get();
    expect(proxy.value).toHaveLength(1);
  });

  it("rejects filters Graph does not support on users", async () => {
    const property = await graphGet(emulator, token, "/users?$filter=city eq 'Paris'");
    expect(property.status).toBe(400);
    expect(property.body.error.code).toBe("Request_UnsupportedQuery");
    expect(property.body.error.message).toBe(
      "Unsupported or invalid query filter clause specified for property 'city' of resource 'User'.",
    );
    const syntax = await graphGet(emulator, token, "/users?$filter=mail eq");
    expect(syntax.status).toBe(400);
    expect(syntax.body.error.message).toMatch(/^Invalid filter clause: Syntax error at position 7/);
    const advanced = await graphGet(emulator, token, "/users?$filter=endswith(mail,'@contoso.test')");
    expect(advanced.status).toBe(400);
  });

  it("needs ConsistencyLevel: eventual for $count and $search", async () => {
    const noHeader = await graphGet(emulator, token, "/users?$count=true&$top=1");
    expect(noHeader.status).toBe(200);
    expect(noHeader.body["@odata.count"]).toBeUndefined();
    const eventual = { consistencylevel: "eventual" };
    const counted = await graphGet(emulator, token, "/users?$count=true&$top=1", eventual);
    expect(counted.body["@odata.count"]).toBe(USER_COUNT + 1);
    const ends = await graphGet(
      emulator,
      token,
      "/users?$count=true&$filter=endswith(mail,'vance@contoso.test')",
      eventual,
    );
    expect(ends.body["@odata.count"]).toBe(1);
    const bareCount = await graphGet(emulator, token, "/users/$count");
    expect(bareCount.status).toBe(400);
    expect(bareCount.body.error).toMatchObject({
      code: "Request_BadRequest",
      message: "$count is not currently supported.",
    });
    const count = await graphGet(emulator, token, "/users/$count", eventual);
    expect(count.body).toBe(USER_COUNT + 1);
    const search = await graphGet(emulator, token, '/users?$search="displayName:vance"');
    expect(search.status).toBe(400);
    expect(search.body.error.message).toContain("ConsistencyLevel: eventual");
    const found = await graphGet(emulator, token, '/users?$search="displayName:vance"', eventual);
    expect(found.body.value.map((u: { displayName: string }) => u.displayName)).toEqual(["Adele Vance"]);
  });

  it("gets one user by id or UPN, with Graph's default properties", async () => {
    const client = fixture.client();
    const byUpn = await client.api("/users/Adele@Contoso.test").get();
    expect(byUpn).toMatchObject({
      "@odata.context": `${emulator.url}/v1.0/$metadata#users/$entity`,
      displayName: "Adele Vance",
      mail: "adele.vance@contoso.test",
      userPrincipalName: "adele@contoso.test",
      businessPhones: [],
      jobTitle: null,
    });
    const byId = await client.api(`/users/${byUpn.id}`).select("displayName").get();
    expect(byId).toEqual({
      "@odata.context": `${emulator.url}/v1.0/$metadata#users(displayName)/$entity`,
      displayName: "Adele Vance",
    });
    const bad = await graphGet(emulator, token, "/users?$select=nothing");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      "Could not find a property named 'nothing' on type 'microsoft.graph.user'.",
    );
  });

  it("keeps the casing of UPN and mail, matches them case-insensitively, and takes URL-encoded UPNs", async () => {
    const world = emulator.ctx.world;
    world.createUser(fixture.contoso, {
      userPrincipalName: "Nestor.Wilke+ops@Contoso.test",
      mail: "Nestor.Wilke@Contoso.test",
    });
    world.createUser(fixture.contoso, { userPrincipalName: "lee_fabrikam.test#EXT#@Contoso.test" });
    const client = fixture.client();
    const nestor = await client.api(`/users/${encodeURIComponent("nestor.wilke+ops@contoso.test")}`).get();
    expect(nestor).toMatchObject({
      userPrincipalName: "Nestor.Wilke+ops@Contoso.test",
      mail: "Nestor.Wilke@Contoso.test",
    });
    const byMail = await client.api("/users").filter("mail eq 'nestor.wilke@contoso.test'").get();
    expect(byMail.value.map((u: { id: string }) => u.id)).toEqual([nestor.id]);
    const guest = await graphGet(
      emulator,
      token,
      `/users/${encodeURIComponent("lee_fabrikam.test#EXT#@contoso.test")}`,
    );
    expect(guest.status).toBe(200);
    expect(guest.body.userPrincipalName).toBe("lee_fabrikam.test#EXT#@Contoso.test");
    const events = await graphGet(
      emulator,
      token,
      `/users/${encodeURIComponent("NESTOR.WILKE+OPS@contoso.test")}/events`,
    );
    expect(events.status).not.toBe(404);
  });

  it("answers 404 Request_ResourceNotFound for unknown users and for another tenant's users", async () => {
    const megan = emulator.ctx.world.userByIdOrUpn(fixture.fabrikam, "megan@fabrikam.test")!;
    for (const id of ["nobody@contoso.test", megan.id, "megan@fabrikam.test"]) {
      const response = await graphGet(emulator, token, `/users/${id}`);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("Request_ResourceNotFound");
      expect(response.body.error.message).toBe(
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    const list = await graphGet(emulator, token, "/users?$filter=mail eq 'megan@fabrikam.test'");
    expect(list.body.value).toEqual([]);
  });

  it("requires a user-reading role (403 Authorization_RequestDenied)", async () => {
    const calendarOnly = await tokenFor(
      emulator,
      fixture.contoso.id,
      fixture.calendarOnlyClientId,
      "cal-secret",
    );
    const response = await graphGet(emulator, calendarOnly, "/users");
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({
      code: "Authorization_RequestDenied",
      message: "Insufficient privileges to complete the operation.",
    });
  });

  it("refuses /me with an app token", async () => {
    for (const path of ["/me", "/me/events"]) {
      const response = await graphGet(emulator, token, path);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: "BadRequest",
        message: "/me request is only valid with delegated authentication flow.",
      });
    }
  });
});
