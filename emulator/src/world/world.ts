import { newGuid } from "../ids.js";
import type {
  AppCertificate,
  AppRegistration,
  ExchangeRoleAssignment,
  Group,
  ServicePrincipal,
  Tenant,
  User,
} from "./types.js";

export class WorldError extends Error {}

/**
 * Every emulated tenant with its directory and app registrations. Tenants are isolated: lookups take a
 * tenant, and only `findUserByAddress` crosses tenants (mail delivery does, like Exchange).
 */
/**
 * A tenant's users by lower-case UPN, and by lower-case mail or UPN (the first user in order holding the
 * address, as a scan would find), so that lookups stay constant-time in tenants of tens of thousands.
 */
interface UserIndex {
  /** The tenant's user count it was built at: users are removed (control API) and restored (snapshots)
   * outside the world, and either changes the count, after which it is built again. */
  size: number;
  byUpn: Map<string, User>;
  byAddress: Map<string, User>;
}

export class World {
  readonly tenants = new Map<string, Tenant>();
  readonly apps = new Map<string, AppRegistration>();
  private readonly userIndexes = new WeakMap<Map<string, User>, UserIndex>();

  createTenant(input: { id?: string; domain: string; displayName?: string }): Tenant {
    const domain = input.domain.toLowerCase();
    if (this.tenantByIdOrDomain(domain)) throw new WorldError(`tenant ${domain} already exists`);
    const tenant: Tenant = {
      id: input.id ?? newGuid(),
      domain,
      displayName: input.displayName ?? domain,
      users: new Map(),
      groups: new Map(),
      servicePrincipals: new Map(),
    };
    this.tenants.set(tenant.id, tenant);
    return tenant;
  }

  /** A tenant by GUID or by (case-insensitive) verified domain, as Entra accepts either in URLs. */
  tenantByIdOrDomain(idOrDomain: string): Tenant | undefined {
    const key = idOrDomain.toLowerCase();
    const byId = this.tenants.get(key);
    if (byId) return byId;
    for (const tenant of this.tenants.values()) if (tenant.domain === key) return tenant;
    return undefined;
  }

  requireTenant(idOrDomain: string): Tenant {
    const tenant = this.tenantByIdOrDomain(idOrDomain);
    if (!tenant) throw new WorldError(`unknown tenant ${idOrDomain}`);
    return tenant;
  }

  createUser(
    tenant: Tenant,
    input: Omit<User, "id" | "tenantId" | "mail" | "displayName"> & {
      id?: string;
      mail?: string;
      displayName?: string;
    },
  ): User {
    // Entra keeps UPN and mail as written and compares them case-insensitively; so does the emulator, so
    // clients meet mixed-case addresses ("AdeleV@Contoso.com") here as they will in a real tenant.
    const upn = input.userPrincipalName;
    if (!upn.includes("@")) throw new WorldError(`userPrincipalName ${upn} has no domain`);
    if (this.userByIdOrUpn(tenant, upn)) throw new WorldError(`user ${upn} already exists`);
    const mail = input.mail ?? upn;
    const displayName = input.displayName ?? upn.split("@")[0]!;
    const user: User = {
      ...input,
      id: input.id ?? newGuid(),
      tenantId: tenant.id,
      userPrincipalName: upn,
      mail,
      displayName,
    };
    const index = this.userIndexes.get(tenant.users);
    tenant.users.set(user.id, user);
    if (index?.size === tenant.users.size - 1) {
      indexUser(index, user);
      index.size++;
    } else this.userIndexes.delete(tenant.users);
    return user;
  }

  private userIndex(tenant: Tenant): UserIndex {
    const current = this.userIndexes.get(tenant.users);
    if (current?.size === tenant.users.size) return current;
    const index: UserIndex = { size: tenant.users.size, byUpn: new Map(), byAddress: new Map() };
    for (const user of tenant.users.values()) indexUser(index, user);
    this.userIndexes.set(tenant.users, index);
    return index;
  }

  /** `found` if it is still the tenant's (removed and another added meanwhile leaves the count alone). */
  private stillThere(tenant: Tenant, found: User | undefined): User | undefined {
    return found && tenant.users.get(found.id) === found ? found : undefined;
  }

  /** A user of one tenant by object id or UPN (UPNs compare case-insensitively). */
  userByIdOrUpn(tenant: Tenant, idOrUpn: string): User | undefined {
    const byId = tenant.users.get(idOrUpn) ?? tenant.users.get(idOrUpn.toLowerCase());
    if (byId) return byId;
    return this.stillThere(tenant, this.userIndex(tenant).byUpn.get(idOrUpn.toLowerCase()));
  }

  /** The user whose mail or UPN is this SMTP address, in any tenant (for meeting delivery). */
  findUserByAddress(address: string): User | undefined {
    const key = address.toLowerCase();
    for (const tenant of this.tenants.values()) {
      const user = this.stillThere(tenant, this.userIndex(tenant).byAddress.get(key));
      if (user) return user;
    }
    return undefined;
  }

  userById(userId: string): User | undefined {
    for (const tenant of this.tenants.values()) {
      const user = tenant.users.get(userId);
      if (user) return user;
    }
    return undefined;
  }

  createGroup(
    tenant: Tenant,
    input: { id?: string; displayName: string; mailNickname?: string; memberIds?: string[] },
  ) {
    const group: Group = {
      id: input.id ?? newGuid(),
      tenantId: tenant.id,
      displayName: input.displayName,
      mailNickname: input.mailNickname ?? input.displayName.replace(/[^A-Za-z0-9]/g, "").toLowerCase(),
      memberIds: [...(input.memberIds ?? [])],
    };
    group.mail = `${group.mailNickname}@${tenant.domain}`;
    tenant.groups.set(group.id, group);
    return group;
  }

  createApp(
    homeTenant: Tenant,
    input: Partial<Omit<AppRegistration, "homeTenantId">> & {
      consented?: boolean;
      roles?: string[];
      mailboxScope?: string[];
      exchangeRoleAssignments?: ExchangeRoleAssignment[];
    },
  ): AppRegistration {
    const app: AppRegistration = {
      clientId: input.clientId ?? newGuid(),
      homeTenantId: homeTenant.id,
      displayName: input.displayName ?? "crosscal",
      multiTenant: input.multiTenant ?? false,
      secrets: [...(input.secrets ?? [])],
      certificates: [...(input.certificates ?? [])],
      requiredRoles: [...(input.requiredRoles ?? input.roles ?? [])],
      redirectUris: [...(input.redirectUris ?? [])],
    };
    if (this.apps.has(app.clientId)) throw new WorldError(`app ${app.clientId} already exists`);
    this.apps.set(app.clientId, app);
    const sp = this.ensureServicePrincipal(homeTenant, app);
    sp.consented = input.consented ?? true;
    sp.roles = sp.consented ? [...(input.roles ?? app.requiredRoles)] : [];
    if (input.mailboxScope) sp.mailboxScope = [...input.mailboxScope];
    if (input.exchangeRoleAssignments?.length) {
      sp.exchangeRoleAssignments = input.exchangeRoleAssignments.map((assignment) => ({ ...assignment }));
    }
    return app;
  }

  addCertificate(app: AppRegistration, certificate: AppCertificate): void {
    app.certificates.push(certificate);
  }

  /** The app's service principal in a tenant, created (without consent) if missing. */
  ensureServicePrincipal(tenant: Tenant, app: AppRegistration): ServicePrincipal {
    let sp = tenant.servicePrincipals.get(app.clientId);
    if (!sp) {
      sp = { id: newGuid(), tenantId: tenant.id, clientId: app.clientId, consented: false, roles: [] };
      tenant.servicePrincipals.set(app.clientId, sp);
    }
    return sp;
  }

  /** Records an admin's consent in `tenant`: every role the registration requests is granted. */
  grantConsent(tenant: Tenant, app: AppRegistration): ServicePrincipal {
    const sp = this.ensureServicePrincipal(tenant, app);
    sp.consented = true;
    sp.roles = [...app.requiredRoles];
    return sp;
  }

  revokeConsent(tenant: Tenant, clientId: string): void {
    const sp = tenant.servicePrincipals.get(clientId);
    if (sp) {
      sp.consented = false;
      sp.roles = [];
    }
  }
}

function indexUser(index: UserIndex, user: User): void {
  const upn = user.userPrincipalName.toLowerCase();
  if (!index.byUpn.has(upn)) index.byUpn.set(upn, user);
  for (const address of [user.mail.toLowerCase(), upn])
    if (!index.byAddress.has(address)) index.byAddress.set(address, user);
}
