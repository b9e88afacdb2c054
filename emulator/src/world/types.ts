/** Directory objects of one emulated tenant, shaped after Entra ID's (only what the emulator needs). */

export interface User {
  id: string;
  tenantId: string;
  userPrincipalName: string;
  mail: string;
  displayName: string;
  givenName?: string;
  surname?: string;
  jobTitle?: string;
  department?: string;
}

export interface Group {
  id: string;
  tenantId: string;
  displayName: string;
  mailNickname: string;
  mail?: string;
  /** Direct members: user or group ids of the same tenant. */
  memberIds: string[];
}

export interface AppCertificate {
  /** PEM of the public certificate, as uploaded to the app registration. */
  certPem: string;
  /** base64url SHA-1 thumbprint of the DER certificate (the `x5t` header). */
  x5t: string;
  /** base64url SHA-256 thumbprint of the DER certificate (the `x5t#S256` header). */
  x5tS256: string;
}

/** An app registration. It lives in its home tenant; a multi-tenant app can be consented elsewhere. */
export interface AppRegistration {
  clientId: string;
  homeTenantId: string;
  displayName: string;
  multiTenant: boolean;
  secrets: string[];
  certificates: AppCertificate[];
  /** Application permissions the registration asks for (granted on admin consent). */
  requiredRoles: string[];
  redirectUris: string[];
}

/**
 * One Exchange management role assignment to an app (RBAC for Applications): an application role such as
 * "Application Calendars.ReadWrite", limited to a resource scope. Without `mailboxIds` and `groupId` the
 * assignment covers the whole organization; with both, a mailbox in either is in scope.
 */
export interface ExchangeRoleAssignment {
  role: string;
  /** Mailboxes (user ids) a management scope names. */
  mailboxIds?: string[];
  /** A group whose direct members are in scope (a `MemberOfGroup` filter; nested members are not). */
  groupId?: string;
}

/**
 * The app's service principal in one tenant: Entra ID's side (whether an admin consented, which roles
 * were granted: they go in tokens) and Exchange Online's (an application access policy narrowing those
 * roles' reach in mailboxes, and role assignments granting mailbox access of their own).
 */
export interface ServicePrincipal {
  id: string;
  tenantId: string;
  clientId: string;
  consented: boolean;
  roles: string[];
  /**
   * An application access policy (RestrictAccess): the user ids the Entra ID roles reach in Exchange;
   * undefined means every mailbox of the tenant. It does not narrow `exchangeRoleAssignments`.
   */
  mailboxScope?: string[];
  /** RBAC for Applications: grants from Exchange, independent of (and added to) the Entra ID roles. */
  exchangeRoleAssignments?: ExchangeRoleAssignment[];
}

export interface Tenant {
  id: string;
  domain: string;
  displayName: string;
  users: Map<string, User>;
  groups: Map<string, Group>;
  /** Service principals by client id. */
  servicePrincipals: Map<string, ServicePrincipal>;
}

/** Who is calling Graph: an app in a tenant (from a token), or a person acting in Outlook. */
export type Actor =
  | { kind: "app"; tenantId: string; clientId: string; roles: string[] }
  | { kind: "person"; tenantId: string; userId: string };
