import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../../helpers/emulator.js";
import { graphGet } from "../../helpers/http.js";
import { seedDirectory, USER_COUNT } from "./fixture.js";

interface Item {
  id: string;
  displayName?: string;
  "@removed"?: { reason: string };
  "members@delta"?: Array<{ "@odata.type": string; id: string; "@removed"?: { reason: string } }>;
}

describe("directory delta", () => {
  let emulator: RunningEmulator;
  let fixture: Awaited<ReturnType<typeof seedDirectory>>;
  let token: string;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    fixture = await seedDirectory(emulator);
    token = await fixture.token();
  });
  afterAll(() => emulator.close());

  const relative = (link: string) => link.slice(`${emulator.url}/v1.0`.length);

  /** Follows nextLinks to the deltaLink; returns every item and the deltaLink. */
  async function round(path: string): Promise<{ items: Item[]; deltaLink: string; pages: number }> {
    const items: Item[] = [];
    let next: string | undefined = path;
    let pages = 0;
    for (;;) {
      const page = await graphGet(emulator, token, next!);
      expect(page.status).toBe(200);
      pages++;
      items.push(...page.body.value);
      if (page.body["@odata.deltaLink"])
        return { items, deltaLink: relative(page.body["@odata.deltaLink"]), pages };
      next = relative(page.body["@odata.nextLink"]);
    }
  }

  it("users: a full first round in pages, then only changes (added, changed, removed)", async () => {
    const first = await round("/users/delta?$select=displayName,mail");
    expect(first.items).toHaveLength(USER_COUNT + 1);
    expect(first.pages).toBe(3);
    expect(Object.keys(first.items[0]!).sort()).toEqual(["displayName", "id", "mail"]);
    const quiet = await round(first.deltaLink);
    expect(quiet.items).toEqual([]);

    const world = emulator.ctx.world;
    const added = world.createUser(fixture.contoso, {
      userPrincipalName: "newcomer@contoso.test",
      displayName: "Newcomer",
    });
    world.userByIdOrUpn(fixture.contoso, "user005@contoso.test")!.displayName = "Renamed Five";
    world.userByIdOrUpn(fixture.contoso, "user006@contoso.test")!.jobTitle = "not selected, not reported";
    const gone = world.userByIdOrUpn(fixture.contoso, "user007@contoso.test")!;
    fixture.contoso.users.delete(gone.id);
    const changes = await round(quiet.deltaLink);
    expect(changes.items).toEqual([
      expect.objectContaining({ displayName: "Renamed Five" }),
      expect.objectContaining({ id: added.id, displayName: "Newcomer" }),
      { id: gone.id, "@removed": { reason: "changed" } },
    ]);
  });

  it("groups: members@delta lists all members first, then additions and removals", async () => {
    const platform = fixture.group("contoso.test", "Platform");
    const filter = encodeURIComponent(`id eq '${platform.id}'`);
    const first = await round(`/groups/delta?$select=displayName,members&$filter=${filter}`);
    expect(first.items).toHaveLength(1);
    expect(first.items[0]!["members@delta"]!.map((m) => m["@odata.type"])).toEqual([
      "#microsoft.graph.user",
      "#microsoft.graph.user",
      "#microsoft.graph.group",
    ]);
    const removed = platform.memberIds.shift()!;
    const adele = emulator.ctx.world.userByIdOrUpn(fixture.contoso, "adele@contoso.test")!;
    platform.memberIds.push(adele.id);
    const next = await round(first.deltaLink);
    expect(next.items).toEqual([
      {
        id: platform.id,
        displayName: "Platform",
        "members@delta": [
          { "@odata.type": "#microsoft.graph.user", id: adele.id },
          { "@odata.type": "#microsoft.graph.user", id: removed, "@removed": { reason: "deleted" } },
        ],
      },
    ]);
  });

  it("$deltatoken=latest starts from now", async () => {
    const latest = await round("/groups/delta?$deltatoken=latest");
    expect(latest.items).toEqual([]);
    emulator.ctx.world.createGroup(fixture.contoso, { displayName: "Fresh" });
    const next = await round(latest.deltaLink);
    expect(next.items.map((g) => g.displayName)).toEqual(["Fresh"]);
  });

  it("expires delta tokens after 7 days and rejects unsupported options", async () => {
    const { deltaLink } = await round("/users/delta?$deltatoken=latest");
    emulator.ctx.clock.advance(7 * 24 * 3600 * 1000 + 1000);
    try {
      // The access token expired too: ask the token endpoint directly (MSAL would serve its cached one).
      const form = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: fixture.clientId,
        client_secret: "contoso-secret",
        scope: "https://graph.microsoft.com/.default",
      });
      const answer = await fetch(`${emulator.url}/${fixture.contoso.id}/oauth2/v2.0/token`, {
        method: "POST",
        body: form,
      });
      const fresh = ((await answer.json()) as { access_token: string }).access_token;
      const expired = await graphGet(emulator, fresh, deltaLink);
      expect(expired.status).toBe(400);
      expect(expired.body.error.code).toBe("syncStateNotFound");
    } finally {
      emulator.ctx.clock.advance(-(7 * 24 * 3600 * 1000 + 1000));
    }
    expect((await graphGet(emulator, token, "/users/delta?$orderby=displayName")).status).toBe(400);
    expect((await graphGet(emulator, token, "/users/delta?$filter=mail eq 'a@b'")).status).toBe(400);
  });
});
