/** The JSON seed format accepted by `--seed FILE` and by `POST /_emulator/seed` (see docs/emulator.md). */

export interface SeedUser {
  userPrincipalName: string;
  displayName?: string;
  mail?: string;
  givenName?: string;
  surname?: string;
  jobTitle?: string;
  department?: string;
}

export interface SeedGroup {
  displayName: string;
  mailNickname?: string;
  /** Member UPNs, or `group:<displayName>` for a nested group of the same tenant. */
  members: string[];
}

export interface SeedApp {
  clientId?: string;
  displayName?: string;
  clientSecret?: string;
  /** PEM of a public certificate accepted for client assertions. */
  certificatePem?: string;
  multiTenant?: boolean;
  /** Admin consent given in this (home) tenant. Default true. */
  consented?: boolean;
  /** Granted (and, for multi-tenant apps, requested) application roles. */
  roles?: string[];
  /**
   * An Exchange application access policy: the UPNs the Entra ID `roles` reach in mailboxes; omitted
   * means every mailbox. It does not narrow `exchangeRoleAssignments`.
   */
  mailboxScope?: string[];
  /** Exchange RBAC for Applications role assignments in this (home) tenant, independent of `roles`. */
  exchangeRoleAssignments?: SeedExchangeRoleAssignment[];
  redirectUris?: string[];
}

/**
 * `New-ManagementRoleAssignment -App … -Role <role>`, limited to a scope: named mailboxes, the direct
 * members of a group, or both; neither means the whole organization.
 */
export interface SeedExchangeRoleAssignment {
  /** An application role, e.g. "Application Calendars.ReadWrite" or "Application Calendars.Read". */
  role: string;
  /** Mailbox UPNs (or user ids) in scope. */
  mailboxes?: string[];
  /** A group of the same tenant (display name or id) whose direct members are in scope. */
  group?: string;
}

/** An event put in a mailbox as its owner would in Outlook: a Graph event body plus the mailbox. */
export interface SeedEvent extends Record<string, unknown> {
  mailbox: string;
}

export interface SeedTenant {
  id?: string;
  domain: string;
  displayName?: string;
  users?: SeedUser[];
  groups?: SeedGroup[];
  apps?: SeedApp[];
  events?: SeedEvent[];
}

export interface Seed {
  tenants: SeedTenant[];
}
