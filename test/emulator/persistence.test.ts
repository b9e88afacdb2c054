import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RunningEmulator, TenantSummary } from "m365-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tokenFor } from "../helpers/clients.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { controlCall } from "../helpers/http.js";
import { isNotificationTo, Receiver } from "../helpers/webhook-receiver.js";

// biome-ignore lint/suspicious/noExplicitAny: Graph bodies are read ad hoc
type Json = Record<string, any>;

const ADELE = "adele.vance@contoso.onmicrosoft.com";
const DAY = 24 * 3600_000;

/** A Graph request with a bearer token; `pathOrLink` may be a link an earlier emulator on another port gave. */
async function graph(emulator: RunningEmulator, token: string, pathOrLink: string, init: RequestInit = {}) {
  const link = pathOrLink.startsWith("https://") ? new URL(pathOrLink) : undefined;
  const url = link ? `${emulator.url}${link.pathname}${link.search}` : `${emulator.url}/v1.0/${pathOrLink}`;
  const response = await fetch(url, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      ...(init.headers as Record<string, string>),
    },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Json };
}

/** Every page of a calendarView/delta round from `link`; the items and the round's deltaLink. */
async function deltaRound(emulator: RunningEmulator, token: string, link: string) {
  const items: Json[] = [];
  for (let next = link; ; ) {
    const page = await graph(emulator, token, next, { headers: { prefer: "odata.maxpagesize=5" } });
    expect(page.status).toBe(200);
    items.push(...page.body.value);
    if (page.body["@odata.deltaLink"]) return { items, deltaLink: page.body["@odata.deltaLink"] as string };
    next = page.body["@odata.nextLink"];
  }
}

const windowQuery = () => {
  const start = new Date(Date.now() - 14 * DAY).toISOString();
  const end = new Date(Date.now() + 120 * DAY).toISOString();
  return `startDateTime=${start}&endDateTime=${end}`;
};

/** Ids and changeKeys, with the emulator's address taken out of the links it writes into bodies. */
const portable = (emulator: RunningEmulator, value: unknown) =>
  JSON.parse(JSON.stringify(value).replaceAll(emulator.url, "EMULATOR"));

async function contosoApp(emulator: RunningEmulator) {
  const tenants = (await controlCall(emulator, "GET", "/tenants")).body as TenantSummary[];
  const contoso = tenants.find((tenant) => tenant.domain === "contoso.onmicrosoft.com")!;
  return {
    tenants,
    contoso,
    token: await tokenFor(emulator, contoso.id, contoso.clientId!, contoso.clientSecret!),
  };
}

describe("a world kept in a file (worldFile, --persist)", () => {
  let dir: string;
  let worldFile: string;
  const running: RunningEmulator[] = [];
  const start = async () => {
    const emulator = await startTestEmulator({ seed: "demo", worldFile });
    running.push(emulator);
    return emulator;
  };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "emulator-world-"));
    worldFile = path.join(dir, "world.json");
  });
  afterEach(async () => {
    for (const emulator of running.splice(0)) await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("restarts as the same Microsoft 365: directory, credentials, events with their ids and changeKeys", async () => {
    const first = await start();
    expect(first.restored).toBe(false);
    const { tenants, token } = await contosoApp(first);
    await controlCall(first, "POST", `/mailboxes/${ADELE}/events`, {
      subject: "Kept across restarts",
      start: { dateTime: new Date(Date.now() + DAY).toISOString().slice(0, 19), timeZone: "UTC" },
      end: { dateTime: new Date(Date.now() + DAY + 3600_000).toISOString().slice(0, 19), timeZone: "UTC" },
    });
    const events = await graph(first, token, `users/${ADELE}/events?$top=100`);
    const view = await graph(first, token, `users/${ADELE}/calendarView?${windowQuery()}&$top=100`);
    await first.close();

    const second = await start();
    expect(second.restored).toBe(true);
    expect((await controlCall(second, "GET", "/tenants")).body).toEqual(tenants);
    // A token issued before the restart is still good: same signing key, same tenant.
    const eventsAgain = await graph(second, token, `users/${ADELE}/events?$top=100`);
    expect(eventsAgain.status).toBe(200);
    expect(portable(second, eventsAgain.body.value)).toEqual(portable(first, events.body.value));
    expect(eventsAgain.body.value.map((event: Json) => event.subject)).toContain("Kept across restarts");
    const viewAgain = await graph(second, token, `users/${ADELE}/calendarView?${windowQuery()}&$top=100`);
    expect(portable(second, viewAgain.body.value)).toEqual(portable(first, view.body.value));
  });

  it("keeps delta tokens valid: a round continues after a restart with what changed meanwhile", async () => {
    const first = await start();
    const { token } = await contosoApp(first);
    const initial = await deltaRound(first, token, `users/${ADELE}/calendarView/delta?${windowQuery()}`);
    const firstPage = await graph(first, token, `users/${ADELE}/calendarView/delta?${windowQuery()}`, {
      headers: { prefer: "odata.maxpagesize=2" },
    });
    const [patched] = initial.items.filter((item) => item.type === "singleInstance");
    const updated = await graph(first, token, `users/${ADELE}/events/${patched!.id}`, {
      method: "PATCH",
      body: JSON.stringify({ subject: "Moved before the restart" }),
    });
    await first.close();

    const second = await start();
    const changes = await deltaRound(second, token, initial.deltaLink);
    expect(changes.items).toHaveLength(1);
    expect(changes.items[0]).toMatchObject({
      id: patched!.id,
      subject: "Moved before the restart",
      changeKey: updated.body.changeKey,
    });
    // A nextLink handed out mid-round answers the same page as it would have before.
    const secondPage = await graph(second, token, firstPage.body["@odata.nextLink"], {
      headers: { prefer: "odata.maxpagesize=2" },
    });
    expect(secondPage.status).toBe(200);
    expect(secondPage.body.value.length).toBeGreaterThan(0);
    // And the round after it sees changes made after the restart, and only those.
    const created = await controlCall(second, "POST", `/mailboxes/${ADELE}/events`, {
      subject: "After the restart",
      start: { dateTime: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 19), timeZone: "UTC" },
      end: {
        dateTime: new Date(Date.now() + 2 * DAY + 3600_000).toISOString().slice(0, 19),
        timeZone: "UTC",
      },
    });
    const later = await deltaRound(second, token, changes.deltaLink);
    expect(later.items.map((item) => item.id)).toEqual([created.body.id]);
  });

  it("drops the pages of rounds read long ago (410 after a restart) but keeps every deltaLink", async () => {
    const first = await start();
    const { token } = await contosoApp(first);
    const paged = await graph(first, token, `users/${ADELE}/calendarView/delta?${windowQuery()}`, {
      headers: { prefer: "odata.maxpagesize=2" },
    });
    const round = await deltaRound(first, token, `users/${ADELE}/calendarView/delta?${windowQuery()}`);
    await controlCall(first, "POST", "/clock/advance", { seconds: 6 * 60 });
    await first.close();

    const second = await start();
    const stale = await graph(second, token, paged.body["@odata.nextLink"]);
    expect(stale.status).toBe(410);
    expect(stale.body.error.code).toBe("SyncStateNotFound");
    expect((await deltaRound(second, token, round.deltaLink)).items).toEqual([]);
  });

  it("keeps subscriptions: a change after the restart is notified to the URL given before it", async () => {
    const first = await start();
    const { token } = await contosoApp(first);
    const receiver = await Receiver.start(first);
    try {
      const created = await graph(first, token, "subscriptions", {
        method: "POST",
        body: JSON.stringify({
          changeType: "created,updated,deleted",
          notificationUrl: `${receiver.url}/notify`,
          resource: `users/${ADELE}/events`,
          expirationDateTime: new Date(Date.now() + DAY).toISOString(),
          clientState: "kept",
        }),
      });
      expect(created.status).toBe(201);
      await first.close();

      const second = await start();
      expect((await graph(second, token, `subscriptions/${created.body.id}`)).body).toMatchObject({
        id: created.body.id,
        notificationUrl: `${receiver.url}/notify`,
      });
      const event = await controlCall(second, "POST", `/mailboxes/${ADELE}/events`, {
        subject: "Notified",
        start: { dateTime: new Date(Date.now() + DAY).toISOString().slice(0, 19), timeZone: "UTC" },
        end: { dateTime: new Date(Date.now() + DAY + 3600_000).toISOString().slice(0, 19), timeZone: "UTC" },
      });
      const post = await receiver.next(isNotificationTo("/notify"));
      expect(JSON.parse(post.body).value[0]).toMatchObject({
        subscriptionId: created.body.id,
        clientState: "kept",
        changeType: "created",
        resourceData: { id: event.body.id },
      });
    } finally {
      await receiver.close();
    }
  });

  it("writes changes shortly after they happen, without waiting to be stopped", async () => {
    const first = await start();
    await controlCall(first, "POST", `/mailboxes/${ADELE}/events`, {
      subject: "Saved while running",
      start: { dateTime: new Date(Date.now() + DAY).toISOString().slice(0, 19), timeZone: "UTC" },
      end: { dateTime: new Date(Date.now() + DAY + 3600_000).toISOString().slice(0, 19), timeZone: "UTC" },
    });
    for (let waited = 0; !(await readFile(worldFile, "utf8")).includes("Saved while running"); waited += 50) {
      if (waited > 5_000) throw new Error("the world file was not rewritten within 5 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // First is still running: a second emulator reads what a kill at this moment would leave.
    const second = await start();
    const { body } = await controlCall(second, "GET", `/mailboxes/${ADELE}/events`);
    expect(body.value.map((event: Json) => event.subject)).toContain("Saved while running");
    // Written whole (temporary file renamed over it) and readable by its owner only: it holds client secrets.
    expect(await readdir(dir)).toEqual(["world.json"]);
    expect((await stat(worldFile)).mode & 0o777).toBe(0o600);
  });

  it("refuses a file that is not a saved world rather than replacing it", async () => {
    await writeFile(worldFile, JSON.stringify({ tenants: [] }));
    await expect(start()).rejects.toThrow(/world file .* is not an emulator world/);
    expect(await readFile(worldFile, "utf8")).toBe(JSON.stringify({ tenants: [] }));
  });
});
