import { randomUUID } from "node:crypto";
import type { GraphError as ClientGraphError } from "@microsoft/microsoft-graph-client";
import { applySeed, type RunningEmulator, type Tenant } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppHandle, appHandle } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { controlCall, graphGet } from "../../helpers/http.js";
import { isNotificationTo, Receiver } from "../../helpers/webhook-receiver.js";
import { decodeClaims } from "./fixture.js";

const DENIED = { code: "ErrorAccessDenied", message: "Access is denied. Check credentials and try again." };

const EVENT = {
  subject: "Planning",
  start: { dateTime: "2030-03-04T10:00:00", timeZone: "UTC" },
  end: { dateTime: "2030-03-04T11:00:00", timeZone: "UTC" },
};

/** What Microsoft's Graph client rejected with: its status and Graph's error code and message. */
async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    const { statusCode, code, message } = error as ClientGraphError;
    return { statusCode, code, message };
  }
  throw new Error("the call succeeded");
}

/**
 * RBAC for Applications: calendar access granted by an Exchange management role assignment, with no
 * calendar permission in Entra ID. Tokens come from MSAL and Graph calls go through Microsoft's Graph client.
 */
describe("Exchange RBAC for Applications", () => {
  let emulator: RunningEmulator;
  let tenant: Tenant;
  let receiver: Receiver;
  const ids = Object.fromEntries(
    ["rbac", "reader", "bare", "union", "policy", "grouped"].map((name) => [name, randomUUID()]),
  );
  const app = (name: string) => appHandle(emulator, tenant.id, ids[name]!, `${name}-secret`);
  let rbac: AppHandle;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    emulator.ctx.subscriptions.configure({ deliveryDelayMs: 0 });
    receiver = await Receiver.start(emulator);
    await applySeed(emulator.ctx, {
      tenants: [
        {
          domain: "rbac.test",
          users: ["inside", "outside", "direct", "nested"].map((name) => ({
            userPrincipalName: `${name}@rbac.test`,
          })),
          groups: [
            { displayName: "Synced", members: ["direct@rbac.test", "group:Consultants"] },
            { displayName: "Consultants", members: ["nested@rbac.test"] },
          ],
          apps: [
            {
              clientId: ids.rbac,
              displayName: "rbac",
              clientSecret: "rbac-secret",
              roles: ["User.Read.All"],
              exchangeRoleAssignments: [
                { role: "Application Calendars.ReadWrite", mailboxes: ["inside@rbac.test"] },
              ],
            },
            {
              clientId: ids.reader,
              displayName: "reader",
              clientSecret: "reader-secret",
              roles: ["User.Read.All"],
              exchangeRoleAssignments: [
                { role: "Application Calendars.Read", mailboxes: ["inside@rbac.test"] },
              ],
            },
            {
              clientId: ids.bare,
              displayName: "bare",
              clientSecret: "bare-secret",
              roles: [],
              exchangeRoleAssignments: [
                { role: "application calendars.readwrite", mailboxes: ["inside@rbac.test"] },
              ],
            },
            {
              clientId: ids.union,
              displayName: "union",
              clientSecret: "union-secret",
              roles: ["Calendars.ReadWrite", "User.Read.All"],
              exchangeRoleAssignments: [
                { role: "Application Calendars.ReadWrite", mailboxes: ["inside@rbac.test"] },
              ],
            },
            {
              clientId: ids.policy,
              displayName: "policy",
              clientSecret: "policy-secret",
              roles: ["Calendars.ReadWrite"],
              mailboxScope: ["inside@rbac.test"],
              exchangeRoleAssignments: [
                { role: "Application Calendars.ReadWrite", mailboxes: ["outside@rbac.test"] },
              ],
            },
            {
              clientId: ids.grouped,
              displayName: "grouped",
              clientSecret: "grouped-secret",
              roles: ["User.Read.All"],
              exchangeRoleAssignments: [{ role: "Application Calendars.ReadWrite", group: "Synced" }],
            },
          ],
        },
      ],
    });
    tenant = emulator.ctx.world.requireTenant("rbac.test");
    rbac = app("rbac");
  });
  afterAll(async () => {
    await receiver.close();
    await emulator.close();
  });

  it("issues a token without any calendar role: the grant is Exchange's, not Entra ID's", async () => {
    expect(decodeClaims(await rbac.token()).roles).toEqual(["User.Read.All"]);
    expect(decodeClaims(await app("bare").token()).roles).toBeUndefined();
  });

  it("reads and writes an in-scope calendar, and refuses an out-of-scope one with ErrorAccessDenied", async () => {
    await expect(rbac.graph.api("/users/inside@rbac.test/calendar").get()).resolves.toMatchObject({
      id: expect.any(String),
    });
    const created = (await rbac.graph.api("/users/inside@rbac.test/events").post(EVENT)) as { id: string };
    await expect(
      rbac.graph.api(`/users/inside@rbac.test/events/${created.id}`).patch({ subject: "Moved" }),
    ).resolves.toMatchObject({ subject: "Moved" });

    expect(await refusal(rbac.graph.api("/users/outside@rbac.test/calendar").get())).toEqual({
      statusCode: 403,
      ...DENIED,
    });
    expect(await refusal(rbac.graph.api("/users/outside@rbac.test/events").post(EVENT))).toMatchObject({
      statusCode: 403,
      code: "ErrorAccessDenied",
    });
    // The scope is Exchange's: the directory still answers for the mailbox outside it.
    await expect(rbac.graph.api("/users/outside@rbac.test").get()).resolves.toMatchObject({
      userPrincipalName: "outside@rbac.test",
    });
  });

  it("works with a token that carries no roles at all (role names matched case-insensitively)", async () => {
    const bare = app("bare");
    await expect(bare.graph.api("/users/inside@rbac.test/calendar").get()).resolves.toBeTruthy();
    expect(await refusal(bare.graph.api("/users/outside@rbac.test/calendar").get())).toEqual({
      statusCode: 403,
      ...DENIED,
    });
    // Without User.Read.All in Entra ID the directory is closed, whatever Exchange grants.
    expect(await refusal(bare.graph.api("/users/inside@rbac.test").get())).toMatchObject({
      statusCode: 403,
      code: "Authorization_RequestDenied",
    });
  });

  it("lets Application Calendars.Read read but not write", async () => {
    const reader = app("reader");
    await expect(reader.graph.api("/users/inside@rbac.test/events").get()).resolves.toMatchObject({
      value: expect.any(Array),
    });
    expect(await refusal(reader.graph.api("/users/inside@rbac.test/events").post(EVENT))).toEqual({
      statusCode: 403,
      ...DENIED,
    });
  });

  it("adds up with an Entra ID grant, which the RBAC scope does not narrow", async () => {
    const union = app("union");
    await expect(union.graph.api("/users/outside@rbac.test/calendar").get()).resolves.toBeTruthy();
  });

  it("adds up with an access policy: the policy narrows Entra ID's role only", async () => {
    const policy = app("policy");
    await expect(policy.graph.api("/users/inside@rbac.test/calendar").get()).resolves.toBeTruthy();
    await expect(policy.graph.api("/users/outside@rbac.test/calendar").get()).resolves.toBeTruthy();
    expect(await refusal(policy.graph.api("/users/direct@rbac.test/calendar").get())).toEqual({
      statusCode: 403,
      code: "ErrorAccessDenied",
      message: "Access to OData is disabled.",
    });
  });

  it("scopes to a group's direct members: nested members are out", async () => {
    const grouped = app("grouped");
    await expect(grouped.graph.api("/users/direct@rbac.test/calendar").get()).resolves.toBeTruthy();
    expect(await refusal(grouped.graph.api("/users/nested@rbac.test/calendar").get())).toMatchObject({
      statusCode: 403,
      code: "ErrorAccessDenied",
    });
  });

  it("takes new role assignments from the control API at the next request, the token unchanged", async () => {
    const path = `/tenants/rbac.test/servicePrincipals/${ids.reader}/exchangeRoleAssignments`;
    const reader = app("reader");
    const minted = await reader.token();
    expect((await graphGet(emulator, minted, "/users/outside@rbac.test/calendar")).status).toBe(403);
    const changed = await controlCall(emulator, "PUT", path, {
      assignments: [
        { role: "Application Calendars.ReadWrite", mailboxes: ["inside@rbac.test", "outside@rbac.test"] },
      ],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      roles: ["User.Read.All"],
      exchangeRoleAssignments: [{ role: "Application Calendars.ReadWrite", mailboxIds: expect.any(Array) }],
    });
    // The token minted before the change now reaches the new mailbox: Exchange reads its grants per request.
    expect((await graphGet(emulator, minted, "/users/outside@rbac.test/calendar")).status).toBe(200);
    await expect(reader.graph.api("/users/outside@rbac.test/events").post(EVENT)).resolves.toBeTruthy();

    const removed = await controlCall(emulator, "PUT", path, { assignments: [] });
    expect(removed.body.exchangeRoleAssignments).toBeUndefined();
    expect(await refusal(reader.graph.api("/users/inside@rbac.test/calendar").get())).toMatchObject({
      statusCode: 403,
    });

    for (const assignments of [
      [{ role: "Application Calendars.Everything" }],
      [{ role: "Application Calendars.Read", mailboxes: ["nobody@rbac.test"] }],
      [{ role: "Application Calendars.Read", group: "No such group" }],
      "Application Calendars.Read",
    ]) {
      expect((await controlCall(emulator, "PUT", path, { assignments })).status).toBe(400);
    }
  });

  it("lets an in-scope mailbox be subscribed to, and refuses an out-of-scope one", async () => {
    const subscribe = (mailbox: string) =>
      rbac.graph.api("/subscriptions").post({
        changeType: "created,updated,deleted",
        notificationUrl: `${receiver.url}/notify`,
        resource: `users/${mailbox}/events`,
        expirationDateTime: new Date(emulator.ctx.clock.now() + 3_600_000).toISOString(),
        clientState: "state",
      });
    await expect(subscribe("inside@rbac.test")).resolves.toMatchObject({ id: expect.any(String) });
    expect(await refusal(subscribe("outside@rbac.test"))).toMatchObject({
      statusCode: 403,
      code: "ExtensionError",
      message: expect.stringContaining("Access is denied"),
    });
    await rbac.graph.api("/users/inside@rbac.test/events").post(EVENT);
    await receiver.next(isNotificationTo("/notify"));
  });
});
