import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { controlCall, controlFetch } from "../helpers/http.js";

describe("control API: directory", () => {
  let emulator: RunningEmulator;
  const call = (method: string, path: string, body?: unknown) => controlCall(emulator, method, path, body);

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  it("creates a tenant with users, a group and an app", async () => {
    const tenant = await call("POST", "/tenants", { domain: "Northwind.test" });
    expect(tenant.status).toBe(201);
    expect(tenant.body.domain).toBe("northwind.test");
    const user = await call("POST", "/tenants/northwind.test/users", {
      userPrincipalName: "Nancy@northwind.test",
    });
    expect(user.status).toBe(201);
    // Entra keeps the UPN as written; lookups (the group's members below) ignore case.
    expect(user.body).toMatchObject({
      userPrincipalName: "Nancy@northwind.test",
      mail: "Nancy@northwind.test",
    });
    const group = await call("POST", `/tenants/${tenant.body.id}/groups`, {
      displayName: "Sales",
      members: ["nancy@northwind.test"],
    });
    expect(group.body.memberIds).toEqual([user.body.id]);
    const app = await call("POST", "/tenants/northwind.test/apps", { displayName: "sync" });
    expect(app.status).toBe(201);
    expect(app.body.clientSecret.length).toBeGreaterThan(20);
    const tenants = await call("GET", "/tenants");
    expect(tenants.body).toContainEqual(
      expect.objectContaining({
        domain: "northwind.test",
        clientId: app.body.clientId,
        users: ["Nancy@northwind.test"],
      }),
    );
  });

  it("rejects bad input with a clear 400 and changes nothing", async () => {
    const before = (await call("GET", "/tenants")).body;
    const duplicate = await call("POST", "/tenants", { domain: "northwind.test" });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.message).toBe("tenant northwind.test already exists");
    const badGroup = await call("POST", "/seed", {
      tenants: [
        {
          domain: "halfway.test",
          users: [{ userPrincipalName: "a@halfway.test" }],
          groups: [{ displayName: "G", members: ["ghost@halfway.test"] }],
        },
      ],
    });
    expect(badGroup.status).toBe(400);
    expect(badGroup.body.error.message).toBe("group G names unknown user ghost@halfway.test");
    const badEvent = await call("POST", "/seed", {
      tenants: [{ domain: "halfway.test", events: [{ mailbox: "nobody@halfway.test", subject: "x" }] }],
    });
    expect(badEvent.body.error.message).toBe(
      "event names unknown mailbox nobody@halfway.test in halfway.test",
    );
    const badEventBody = await call("POST", "/seed", {
      tenants: [
        {
          domain: "halfway.test",
          users: [{ userPrincipalName: "a@halfway.test" }],
          events: [
            {
              mailbox: "a@halfway.test",
              subject: "x",
              start: { dateTime: "2030-01-01T09:00:00", timeZone: "Mars/Olympus" },
              end: { dateTime: "2030-01-01T10:00:00", timeZone: "UTC" },
            },
          ],
        },
      ],
    });
    expect(badEventBody.status).toBe(400);
    expect(badEventBody.body.error.message).toMatch(/^seed event rejected: .*Mars\/Olympus/);
    const notJson = await fetch(`${emulator.url}/_emulator/tenants`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
    expect((await call("GET", "/tenants")).body).toEqual(before);
  });

  it("answers unknown tenants with 404", async () => {
    const response = await call("POST", "/tenants/nowhere.test/users", {
      userPrincipalName: "a@nowhere.test",
    });
    expect(response.status).toBe(404);
  });

  it("advances the clock and resets counters", async () => {
    const before = emulator.ctx.clock.now();
    const advanced = await call("POST", "/clock/advance", { seconds: 3600 });
    expect(Date.parse(advanced.body.now) - before).toBeGreaterThanOrEqual(3600_000);
    expect((await call("POST", "/clock/advance", { ms: -5 })).status).toBe(400);
    emulator.ctx.stats.countMessages("invitations", "a@x.test", "app", 2);
    expect((await call("GET", "/stats")).body.messages.invitations).toBe(2);
    await call("POST", "/stats/reset");
    expect((await call("GET", "/stats")).body.messages.invitations).toBe(0);
  });

  it("stamps every answer's Date header with its clock, as Microsoft's servers do with theirs", async () => {
    emulator.ctx.clock.advance(2 * 3600_000);
    try {
      for (const url of [
        `${emulator.url}/common/v2.0/.well-known/openid-configuration`,
        `${emulator.url}/v1.0/me`,
      ]) {
        const answer = await fetch(url);
        const stamped = Date.parse(answer.headers.get("date") ?? "");
        // The header has whole seconds.
        expect(Math.abs(stamped - emulator.ctx.clock.now())).toBeLessThan(2_000);
      }
    } finally {
      emulator.ctx.clock.advance(-2 * 3600_000);
    }
  });
});

describe("control API: reset", () => {
  let emulator: RunningEmulator;
  const seed = {
    tenants: [
      {
        domain: "reset.test",
        users: [{ userPrincipalName: "ann@reset.test" }, { userPrincipalName: "bob@reset.test" }],
        apps: [{ clientSecret: "reset-secret" }],
        events: [
          {
            mailbox: "ann@reset.test",
            subject: "From the seed",
            attendees: [{ type: "required", emailAddress: { address: "bob@reset.test" } }],
            start: { dateTime: "2030-01-07T09:00:00", timeZone: "UTC" },
            end: { dateTime: "2030-01-07T10:00:00", timeZone: "UTC" },
          },
        ],
      },
    ],
  };
  const subjects = async (mailbox = "ann@reset.test") => {
    const response = await fetch(`${emulator.url}/_emulator/mailboxes/${mailbox}/events`);
    const body = (await response.json()) as { value: Array<{ subject: string }> };
    return body.value.map((event) => event.subject).sort();
  };

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "reset-seed-"));
    await writeFile(path.join(dir, "seed.json"), JSON.stringify(seed));
    try {
      emulator = await startTestEmulator({ seed: path.join(dir, "seed.json") });
    } finally {
      // The emulator reads its seed once, at start.
      await rm(dir, { recursive: true, force: true });
    }
  });
  afterAll(() => emulator.close());

  it("starts with zeroed counters although the seed created events", async () => {
    expect(await subjects()).toEqual(["From the seed"]);
    expect(await subjects("bob@reset.test")).toEqual(["From the seed"]);
    expect(emulator.ctx.stats.snapshot().messages.invitations).toBe(0);
  });

  it("restores the seed's calendars and keeps the directory", async () => {
    const tenantsBefore = emulator.ctx.world.tenants.size;
    const created = await controlFetch(emulator, "POST", "/mailboxes/ann@reset.test/events", {
      subject: "Added later",
      start: { dateTime: "2030-01-08T09:00:00", timeZone: "UTC" },
      end: { dateTime: "2030-01-08T10:00:00", timeZone: "UTC" },
    });
    expect(created.status).toBe(201);
    expect(await subjects()).toEqual(["Added later", "From the seed"]);
    emulator.ctx.clock.advance(60_000);
    const reset = await controlFetch(emulator, "POST", "/reset");
    expect(reset.status).toBe(200);
    expect(await subjects()).toEqual(["From the seed"]);
    expect(await subjects("bob@reset.test")).toEqual(["From the seed"]);
    expect(emulator.ctx.stats.snapshot().messages.invitations).toBe(0);
    expect(emulator.ctx.world.tenants.size).toBe(tenantsBefore);
    expect(Math.abs(emulator.ctx.clock.now() - Date.now())).toBeLessThan(5_000);
  });

  it("resets although a seeded mailbox was deleted since", async () => {
    const deleted = await controlFetch(emulator, "DELETE", "/tenants/reset.test/users/bob@reset.test");
    expect(deleted.status).toBe(204);
    const reset = await controlFetch(emulator, "POST", "/reset");
    expect(reset.status).toBe(200);
    expect(await subjects()).toEqual(["From the seed"]);
  });

  it("clears everything on request", async () => {
    const reset = await controlFetch(emulator, "POST", "/reset", { everything: true });
    expect(((await reset.json()) as { tenants: unknown[] }).tenants).toEqual([]);
  });
});

describe("control API: seeding counts no traffic", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ seed: "demo" });
  });
  afterAll(() => emulator.close());

  it("delivers the demo's invitations without counting them, at start-up and through POST /seed", async () => {
    expect(emulator.ctx.stats.snapshot().messages).toMatchObject({
      invitations: 0,
      updates: 0,
      cancellations: 0,
    });
    const response = await controlFetch(emulator, "POST", "/seed", {
      tenants: [
        {
          domain: "extra.test",
          users: [{ userPrincipalName: "host@extra.test" }, { userPrincipalName: "guest@extra.test" }],
          events: [
            {
              mailbox: "host@extra.test",
              subject: "Kick-off",
              start: { dateTime: "2030-01-07T09:00:00", timeZone: "UTC" },
              end: { dateTime: "2030-01-07T10:00:00", timeZone: "UTC" },
              attendees: [{ type: "required", emailAddress: { address: "guest@extra.test" } }],
            },
          ],
        },
      ],
    });
    expect(response.status).toBe(201);
    const guest = await fetch(`${emulator.url}/_emulator/mailboxes/guest@extra.test/events`);
    expect(
      ((await guest.json()) as { value: Array<{ subject: string }> }).value.map((e) => e.subject),
    ).toEqual(["Kick-off"]);
    expect(emulator.ctx.stats.snapshot().messages.invitations).toBe(0);
  });

  it("titles each tenant's moved occurrence after its own series", async () => {
    for (const [upn, series] of [
      ["adele.vance@contoso.onmicrosoft.com", "Weekly team sync"],
      ["megan.bowen@fabrikam.onmicrosoft.com", "Daily stand-up"],
    ] as const) {
      const listing = await fetch(`${emulator.url}/_emulator/mailboxes/${upn}/events`);
      const events = (
        (await listing.json()) as {
          value: Array<{ subject: string; exceptions?: Array<{ subject?: string }> }>;
        }
      ).value;
      const master = events.find((event) => event.subject === series);
      expect(JSON.stringify(master?.exceptions)).toContain(`${series} (moved)`);
    }
  });
});
