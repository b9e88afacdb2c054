import { randomUUID } from "node:crypto";
import { applySeed, type RunningEmulator, type SeedGroup } from "m365-emulator";
import { credentialContext } from "../../src/connections/stored-connection.js";
import type { SyncSettings } from "../../src/engine/settings.js";
import type { SecretBox } from "../../src/secrets/secret-box.js";
import { type ConnectionRow, insertConnection } from "../../src/store/connections.js";
import type { Store } from "../../src/store/database.js";
import type { StartMode } from "../../src/store/schema.js";
import { insertSync, type Sync } from "../../src/store/syncs.js";
import { SETTINGS } from "../engine/fixture.js";
import { newConnection } from "../store/fixtures.js";

/**
 * Two tenants for tests of the service: contoso.test and fabrikam.test, each with crosscal's app (a
 * client secret, admin consent, the default roles) and the same people under the same local part, plus
 * optional groups. Tests of the API store the two connections and a sync with `storeServiceSync`.
 */

export const DOMAINS = { A: "contoso.test", B: "fabrikam.test" } as const;
export const DEFAULT_PEOPLE = ["adele", "megan", "lee", "nestor"];

export interface ServiceTenants {
  emulator: RunningEmulator;
  /** crosscal's app in each tenant. */
  apps: Record<"A" | "B", { tenant: string; clientId: string; secret: string }>;
}

export interface TenantSeedOptions {
  /** Local parts of the people in both tenants (default DEFAULT_PEOPLE). */
  people?: string[];
  /** Extra people per side (only in that tenant). */
  only?: Partial<Record<"A" | "B", string[]>>;
  groups?: Partial<Record<"A" | "B", SeedGroup[]>>;
  /** Display names per UPN; default: the local part capitalised. */
  displayNames?: Record<string, string>;
  /** Application roles of crosscal's app in each tenant (default: the emulator's default roles). */
  roles?: string[];
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export async function seedServiceTenants(
  emulator: RunningEmulator,
  options: TenantSeedOptions = {},
): Promise<ServiceTenants> {
  const people = options.people ?? DEFAULT_PEOPLE;
  await applySeed(emulator.ctx, {
    tenants: (["A", "B"] as const).map((side) => {
      const domain = DOMAINS[side];
      return {
        domain,
        users: [...people, ...(options.only?.[side] ?? [])].map((local) => {
          const upn = `${local}@${domain}`;
          return { userPrincipalName: upn, displayName: options.displayNames?.[upn] ?? capitalised(local) };
        }),
        groups: options.groups?.[side] ?? [],
        apps: [
          {
            displayName: "crosscal",
            clientSecret: `${domain}-secret`,
            ...(options.roles && { roles: options.roles }),
          },
        ],
      };
    }),
  });
  const appOf = (side: "A" | "B") => {
    const tenant = emulator.ctx.world.requireTenant(DOMAINS[side]);
    const app = [...emulator.ctx.world.apps.values()].find(
      (candidate) => candidate.homeTenantId === tenant.id,
    )!;
    return { tenant: DOMAINS[side], clientId: app.clientId, secret: `${DOMAINS[side]}-secret` };
  };
  return { emulator, apps: { A: appOf("A"), B: appOf("B") } };
}

/** A connection row to one of the tenants, its secret sealed with `box` as the API would. */
export async function storeConnection(
  db: Store,
  box: SecretBox,
  tenants: ServiceTenants,
  side: "A" | "B",
  name = side === "A" ? "contoso" : "fabrikam",
): Promise<ConnectionRow> {
  const app = tenants.apps[side];
  const id = randomUUID();
  const row = newConnection(id, name, {
    tenant: app.tenant,
    clientId: app.clientId,
    sealedCredential: box.seal(app.secret, credentialContext(id)),
    cloud: "custom",
    authorityHost: tenants.emulator.url,
    graphHost: tenants.emulator.url,
    graphScope: "https://graph.microsoft.com/.default",
  });
  return insertConnection(db, row, new Date());
}

/** The engine tests' settings: two-way, full details, the default guards. */
export const TEST_SYNC_SETTINGS: SyncSettings = SETTINGS;

/** Both connections and a sync between them, straight into the store. */
export async function storeServiceSync(
  db: Store,
  box: SecretBox,
  tenants: ServiceTenants,
  options: { name?: string; startMode?: StartMode; settings?: Partial<SyncSettings> } = {},
): Promise<{ a: ConnectionRow; b: ConnectionRow; sync: Sync }> {
  const a = await storeConnection(db, box, tenants, "A");
  const b = await storeConnection(db, box, tenants, "B");
  const sync = await insertSync(
    db,
    {
      id: randomUUID(),
      name: options.name ?? "contoso-fabrikam",
      connectionA: a.id,
      connectionB: b.id,
      startMode: options.startMode ?? "merge",
      settings: JSON.stringify({ ...TEST_SYNC_SETTINGS, ...options.settings }),
    },
    new Date(),
  );
  return { a, b, sync };
}
