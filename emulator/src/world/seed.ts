import { createHash, randomBytes, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { EmulatorContext } from "../context.js";
import { buildDemoSeed } from "./demo-seed.js";
import { resolveRoleAssignments } from "./exchange-roles.js";
import type { Seed, SeedApp, SeedTenant } from "./seed-types.js";
import type { AppCertificate, Tenant } from "./types.js";
import { type World, WorldError } from "./world.js";

export const DEFAULT_ROLES = ["Calendars.ReadWrite", "User.Read.All", "GroupMember.Read.All"];

/** "demo" or a path to a JSON seed file. */
export async function loadSeed(source: string): Promise<Seed> {
  if (source === "demo") return buildDemoSeed(new Date());
  let text: string;
  try {
    text = await readFile(source, "utf8");
  } catch (error) {
    throw new WorldError(`cannot read seed file ${source}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as Seed;
  } catch (error) {
    throw new WorldError(`seed file ${source} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The two thumbprints Entra matches client assertions against, from a PEM certificate. */
export function certificateFromPem(certPem: string): AppCertificate {
  const der = new X509Certificate(certPem).raw;
  return {
    certPem,
    x5t: createHash("sha1").update(der).digest("base64url"),
    x5tS256: createHash("sha256").update(der).digest("base64url"),
  };
}

export function newClientSecret(): string {
  // Entra secrets are 40 characters with a "~" in them; the shape does not matter to clients.
  return `${randomBytes(3).toString("base64url")}8Q~${randomBytes(27).toString("base64url")}`;
}

export function applyApp(world: World, tenant: Tenant, input: SeedApp) {
  const mailboxScope = input.mailboxScope?.map((upn) => {
    const user = world.userByIdOrUpn(tenant, upn);
    if (!user) throw new WorldError(`mailboxScope names unknown user ${upn} in ${tenant.domain}`);
    return user.id;
  });
  const exchangeRoleAssignments =
    input.exchangeRoleAssignments === undefined
      ? undefined
      : resolveRoleAssignments(world, tenant, input.exchangeRoleAssignments);
  return world.createApp(tenant, {
    clientId: input.clientId,
    displayName: input.displayName,
    multiTenant: input.multiTenant,
    secrets: [input.clientSecret ?? newClientSecret()],
    certificates: input.certificatePem ? [certificateFromPem(input.certificatePem)] : [],
    consented: input.consented ?? true,
    roles: input.roles ?? DEFAULT_ROLES,
    requiredRoles: input.roles ?? DEFAULT_ROLES,
    redirectUris: input.redirectUris,
    mailboxScope,
    exchangeRoleAssignments,
  });
}

function applyGroups(world: World, tenant: Tenant, input: SeedTenant): void {
  const groups = (input.groups ?? []).map((g) => world.createGroup(tenant, g));
  (input.groups ?? []).forEach((g, index) => {
    if (!Array.isArray(g.members)) throw new WorldError(`group ${g.displayName} needs a members array`);
    groups[index]!.memberIds = g.members.map((member) => {
      if (member.startsWith("group:")) {
        const nested = groups.find((candidate) => candidate.displayName === member.slice(6));
        if (!nested) throw new WorldError(`group ${g.displayName} names unknown group ${member}`);
        return nested.id;
      }
      const user = world.userByIdOrUpn(tenant, member);
      if (!user) throw new WorldError(`group ${g.displayName} names unknown user ${member}`);
      return user.id;
    });
  });
}

/** Creates a seed's tenants with their users, groups and apps in `world`; returns them with their input. */
function applyDirectory(world: World, seed: Seed): Array<[Tenant, SeedTenant]> {
  if (!seed || !Array.isArray(seed.tenants)) throw new WorldError("a seed needs a tenants array");
  return seed.tenants.map((input) => {
    if (!input?.domain) throw new WorldError("every seed tenant needs a domain");
    const tenant = world.createTenant(input);
    for (const user of input.users ?? []) world.createUser(tenant, user);
    applyGroups(world, tenant, input);
    for (const app of input.apps ?? []) applyApp(world, tenant, app);
    return [tenant, input];
  });
}

/**
 * Rejects a seed before anything is written, so a bad seed never leaves half a tenant behind: the
 * directory part is rehearsed in a scratch world that also holds the existing tenants' domains.
 */
function rehearse(ctx: EmulatorContext, seed: Seed): void {
  const scratch = new EmulatorContext(ctx.tls, ctx.settings);
  for (const tenant of ctx.world.tenants.values())
    scratch.world.createTenant({ id: tenant.id, domain: tenant.domain });
  for (const [tenant, input] of applyDirectory(scratch.world, seed)) {
    for (const event of input.events ?? []) {
      if (!event?.mailbox || !scratch.world.userByIdOrUpn(tenant, event.mailbox)) {
        throw new WorldError(`event names unknown mailbox ${event?.mailbox} in ${tenant.domain}`);
      }
    }
  }
  try {
    applySeedEvents(scratch, seed);
  } catch (error) {
    throw new WorldError(`seed event rejected: ${(error as Error).message}`);
  }
}

/**
 * Creates the seed's events, each as its mailbox owner would in Outlook (attendees get the meeting), without
 * counting the messages: seeding is preparation. Mailboxes removed since the seed was loaded are passed over.
 */
export function applySeedEvents(ctx: EmulatorContext, seed: Seed): void {
  ctx.stats.silently(() => {
    for (const input of seed.tenants) {
      const tenant = ctx.world.tenantByIdOrDomain(input.domain);
      for (const { mailbox, ...event } of input.events ?? []) {
        const owner = tenant && ctx.world.userByIdOrUpn(tenant, mailbox);
        if (owner) ctx.mailboxes.createEventAsOwner(owner, event);
      }
    }
  });
}

/** Adds a seed's tenants, users, groups, apps and events. Events are created as the mailbox owner. */
export async function applySeed(ctx: EmulatorContext, seed: Seed): Promise<void> {
  rehearse(ctx, seed);
  applyDirectory(ctx.world, seed);
  // Events go last: a meeting in one tenant may invite people of a tenant created after it.
  applySeedEvents(ctx, seed);
}
