import type { Client } from "@microsoft/microsoft-graph-client";
import { applySeed, type RunningEmulator } from "m365-emulator";
import { graphClientFor, tokenFor } from "../../helpers/clients.js";

export const USER_COUNT = 250;

/**
 * Two tenants: "contoso.test" with 250 users (user000..user249), nested groups Engineering ⊃ Platform ⊃
 * Infra (Infra also holds a user already in Engineering, and Platform), and "fabrikam.test" with one user.
 */
export async function seedDirectory(emulator: RunningEmulator) {
  const users = Array.from({ length: USER_COUNT }, (_, i) => {
    const n = String(i).padStart(3, "0");
    return { userPrincipalName: `user${n}@contoso.test`, displayName: `User ${n}`, givenName: `Given${n}` };
  });
  await applySeed(emulator.ctx, {
    tenants: [
      {
        domain: "contoso.test",
        users: [
          ...users,
          {
            userPrincipalName: "adele@contoso.test",
            displayName: "Adele Vance",
            mail: "adele.vance@contoso.test",
          },
        ],
        groups: [
          {
            displayName: "Infra",
            members: ["user010@contoso.test", "user001@contoso.test", "group:Platform"],
          },
          {
            displayName: "Platform",
            members: ["user002@contoso.test", "user003@contoso.test", "group:Infra"],
          },
          {
            displayName: "Engineering",
            members: ["user001@contoso.test", "group:Platform", "adele@contoso.test"],
          },
          { displayName: "Empty", members: [] },
        ],
        apps: [
          { displayName: "crosscal", clientSecret: "contoso-secret" },
          { displayName: "calendar-only", clientSecret: "cal-secret", roles: ["Calendars.ReadWrite"] },
        ],
      },
      {
        domain: "fabrikam.test",
        users: [{ userPrincipalName: "megan@fabrikam.test", displayName: "Megan Bowen" }],
        groups: [{ displayName: "Fabrikam staff", members: ["megan@fabrikam.test"] }],
        apps: [{ displayName: "crosscal", clientSecret: "fabrikam-secret" }],
      },
    ],
  });
  const world = emulator.ctx.world;
  const contoso = world.requireTenant("contoso.test");
  const fabrikam = world.requireTenant("fabrikam.test");
  const app = (tenantId: string, name: string) =>
    [...world.apps.values()].find((a) => a.homeTenantId === tenantId && a.displayName === name)!.clientId;
  const group = (tenantName: string, name: string) =>
    [...world.requireTenant(tenantName).groups.values()].find((g) => g.displayName === name)!;
  const clientId = app(contoso.id, "crosscal");
  return {
    contoso,
    fabrikam,
    clientId,
    calendarOnlyClientId: app(contoso.id, "calendar-only"),
    group,
    client: (): Client => graphClientFor(emulator, contoso.id, clientId, "contoso-secret"),
    token: () => tokenFor(emulator, contoso.id, clientId, "contoso-secret"),
  };
}
