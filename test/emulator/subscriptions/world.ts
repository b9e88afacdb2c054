import { randomUUID } from "node:crypto";
import { applySeed, type RunningEmulator, type Tenant, type User } from "m365-emulator";
import { type AppHandle, appHandle } from "../../helpers/clients.js";

export interface SubscriptionWorld {
  contoso: Tenant;
  fabrikam: Tenant;
  adele: User;
  megan: User;
  fabrikamAdele: User;
  /** Calendars.ReadWrite on every contoso mailbox. */
  crosscal: AppHandle;
  /** A second contoso app with Calendars.Read. */
  other: AppHandle;
  /** A contoso app without any calendar role. */
  directoryOnly: AppHandle;
  /** A contoso app whose Exchange scope holds only Adele. */
  scoped: AppHandle;
  /** The fabrikam tenant's app. */
  fabrikamApp: AppHandle;
}

/** Two tenants, their users and apps with different grants, and a Graph client per app. */
export async function seedSubscriptionWorld(emulator: RunningEmulator): Promise<SubscriptionWorld> {
  const ids = Object.fromEntries(
    ["crosscal", "other", "directoryOnly", "scoped", "fabrikamApp"].map((name) => [name, randomUUID()]),
  );
  await applySeed(emulator.ctx, {
    tenants: [
      {
        domain: "contoso.test",
        users: [{ userPrincipalName: "adele@contoso.test" }, { userPrincipalName: "megan@contoso.test" }],
        apps: [
          { clientId: ids.crosscal!, displayName: "crosscal", clientSecret: "s1" },
          { clientId: ids.other!, displayName: "other", clientSecret: "s2", roles: ["Calendars.Read"] },
          { clientId: ids.directoryOnly!, displayName: "dir", clientSecret: "s3", roles: ["User.Read.All"] },
          {
            clientId: ids.scoped!,
            displayName: "scoped",
            clientSecret: "s4",
            mailboxScope: ["adele@contoso.test"],
          },
        ],
      },
      {
        domain: "fabrikam.test",
        users: [{ userPrincipalName: "adele@fabrikam.test" }],
        apps: [{ clientId: ids.fabrikamApp!, displayName: "crosscal", clientSecret: "s5" }],
      },
    ],
  });
  const world = emulator.ctx.world;
  const contoso = world.requireTenant("contoso.test");
  const fabrikam = world.requireTenant("fabrikam.test");
  const app = (tenant: Tenant, name: string, secret: string) =>
    appHandle(emulator, tenant.id, ids[name]!, secret);
  return {
    contoso,
    fabrikam,
    adele: world.userByIdOrUpn(contoso, "adele@contoso.test")!,
    megan: world.userByIdOrUpn(contoso, "megan@contoso.test")!,
    fabrikamAdele: world.userByIdOrUpn(fabrikam, "adele@fabrikam.test")!,
    crosscal: app(contoso, "crosscal", "s1"),
    other: app(contoso, "other", "s2"),
    directoryOnly: app(contoso, "directoryOnly", "s3"),
    scoped: app(contoso, "scoped", "s4"),
    fabrikamApp: app(fabrikam, "fabrikamApp", "s5"),
  };
}

/** An expirationDateTime `minutes` ahead of the emulator's clock. */
export function inMinutes(emulator: RunningEmulator, minutes: number): string {
  return new Date(emulator.ctx.clock.now() + minutes * 60_000).toISOString();
}
