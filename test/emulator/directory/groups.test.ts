import { PageIterator } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFor } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { graphGet } from "../../helpers/http.js";
import { seedDirectory } from "./fixture.js";

interface Member {
  "@odata.type": string;
  id: string;
  displayName: string;
  userPrincipalName?: string;
}

describe("Graph groups and membership", () => {
  let emulator: RunningEmulator;
  let fixture: Awaited<ReturnType<typeof seedDirectory>>;
  let token: string;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    fixture = await seedDirectory(emulator);
    token = await fixture.token();
  });
  afterAll(() => emulator.close());

  it("lists groups, filters by displayName and gets one by id", async () => {
    const client = fixture.client();
    const all = await client.api("/groups").get();
    expect(all["@odata.context"]).toBe(`${emulator.url}/v1.0/$metadata#groups`);
    expect(all.value.map((g: { displayName: string }) => g.displayName).sort()).toEqual([
      "Empty",
      "Engineering",
      "Infra",
      "Platform",
    ]);
    const filtered = await client.api("/groups").filter("displayName eq 'engineering'").get();
    expect(filtered.value).toHaveLength(1);
    const one = await client.api(`/groups/${filtered.value[0].id}`).get();
    expect(one).toMatchObject({
      displayName: "Engineering",
      mailNickname: "engineering",
      securityEnabled: true,
    });
    const missing = await graphGet(emulator, token, "/groups/00000000-0000-0000-0000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("Request_ResourceNotFound");
  });

  it("lists direct members with @odata.type, users and groups alike", async () => {
    const engineering = fixture.group("contoso.test", "Engineering");
    const page = await fixture.client().api(`/groups/${engineering.id}/members`).get();
    expect(page["@odata.context"]).toBe(`${emulator.url}/v1.0/$metadata#directoryObjects`);
    expect(page.value.map((m: Member) => [m["@odata.type"], m.displayName])).toEqual([
      ["#microsoft.graph.user", "User 001"],
      ["#microsoft.graph.group", "Platform"],
      ["#microsoft.graph.user", "Adele Vance"],
    ]);
  });

  it("flattens nested groups in transitiveMembers without duplicates, even through a cycle", async () => {
    const engineering = fixture.group("contoso.test", "Engineering");
    const page = await fixture.client().api(`/groups/${engineering.id}/transitiveMembers`).get();
    const names = page.value.map((m: Member) => m.displayName);
    expect(names).toEqual([
      "User 001",
      "Platform",
      "User 002",
      "User 003",
      "Infra",
      "User 010",
      "Adele Vance",
    ]);
    const users = await fixture
      .client()
      .api(`/groups/${engineering.id}/transitiveMembers/microsoft.graph.user`)
      .get();
    expect(users["@odata.context"]).toBe(`${emulator.url}/v1.0/$metadata#users`);
    expect(users.value.every((m: Member) => m["@odata.type"] === "#microsoft.graph.user")).toBe(true);
    expect(users.value.map((m: Member) => m.userPrincipalName)).toEqual([
      "user001@contoso.test",
      "user002@contoso.test",
      "user003@contoso.test",
      "user010@contoso.test",
      "adele@contoso.test",
    ]);
  });

  it("casts transitiveMembers to users with $select and $top=999, as group binding reads them", async () => {
    const engineering = fixture.group("contoso.test", "Engineering");
    const page = await graphGet(
      emulator,
      token,
      `/groups/${engineering.id}/transitiveMembers/microsoft.graph.user?$select=id,mail,userPrincipalName&$top=999`,
    );
    expect(page.status).toBe(200);
    expect(page.body["@odata.nextLink"]).toBeUndefined();
    expect(page.body["@odata.context"]).toBe(
      `${emulator.url}/v1.0/$metadata#users(id,mail,userPrincipalName)`,
    );
    expect(page.body.value).toHaveLength(5);
    for (const member of page.body.value) {
      expect(
        Object.keys(member)
          .filter((key) => !key.startsWith("@"))
          .sort(),
      ).toEqual(["id", "mail", "userPrincipalName"]);
    }
  });

  it("pages members with $top and the PageIterator", async () => {
    const engineering = fixture.group("contoso.test", "Engineering");
    const client = fixture.client();
    const first = await client
      .api(`/groups/${engineering.id}/transitiveMembers/microsoft.graph.user`)
      .top(2)
      .get();
    expect(first.value).toHaveLength(2);
    expect(first["@odata.nextLink"]).toContain("$top=2");
    const seen: string[] = [];
    await new PageIterator(client, first, (m: Member) => {
      seen.push(m.userPrincipalName!);
      return true;
    }).iterate();
    expect(seen).toHaveLength(5);
    const empty = await client.api(`/groups/${fixture.group("contoso.test", "Empty").id}/members`).get();
    expect(empty.value).toEqual([]);
    expect(empty["@odata.nextLink"]).toBeUndefined();
  });

  it("keeps tenants apart: another tenant's group is not found", async () => {
    const foreign = fixture.group("fabrikam.test", "Fabrikam staff");
    for (const path of [
      `/groups/${foreign.id}`,
      `/groups/${foreign.id}/members`,
      `/groups/${foreign.id}/transitiveMembers`,
    ]) {
      const response = await graphGet(emulator, token, path);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("Request_ResourceNotFound");
    }
  });

  it("requires a group-reading role (403 Authorization_RequestDenied)", async () => {
    const calendarOnly = await tokenFor(
      emulator,
      fixture.contoso.id,
      fixture.calendarOnlyClientId,
      "cal-secret",
    );
    const engineering = fixture.group("contoso.test", "Engineering");
    for (const path of ["/groups", `/groups/${engineering.id}/transitiveMembers`]) {
      const response = await graphGet(emulator, calendarOnly, path);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe("Authorization_RequestDenied");
    }
  });

  it("counts members only with ConsistencyLevel: eventual", async () => {
    const engineering = fixture.group("contoso.test", "Engineering");
    const path = `/groups/${engineering.id}/transitiveMembers/microsoft.graph.user/$count`;
    expect((await graphGet(emulator, token, path)).status).toBe(400);
    const counted = await graphGet(emulator, token, path, { consistencylevel: "eventual" });
    expect(counted.body).toBe(5);
  });
});
