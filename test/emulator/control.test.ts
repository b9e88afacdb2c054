import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/src/server.js";
import { startTestEmulator } from "../helpers/emulator.js";

describe("control API: directory", () => {
  let emulator: RunningEmulator;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

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
    expect(user.body).toMatchObject({
      userPrincipalName: "nancy@northwind.test",
      mail: "nancy@northwind.test",
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
        users: ["nancy@northwind.test"],
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
});
