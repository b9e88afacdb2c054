import type { Selectable } from "kysely";
import type { Timestamp } from "./schema.js";

/** Tables of migration 004_admin: administrators, their sessions and API tokens, the audit log. */

export interface AdminUsersTable {
  id: string;
  username: string;
  /** scrypt, self-describing (see src/server/auth/passwords.ts). */
  passwordHash: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface AdminSetupTokensTable {
  /** SHA-256 (hex) of the one-time setup token printed on the console. */
  tokenHash: string;
  expiresAt: Timestamp;
  createdAt: Timestamp;
}

export interface AdminSessionsTable {
  /** SHA-256 (hex) of the session id carried by the cookie. */
  idHash: string;
  userId: string;
  /** Not a credential on its own: it proves a request was written by our pages, not by another site. */
  csrfToken: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  /** The absolute end of the session, however active it is. */
  expiresAt: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  /** SHA-256 (hex) of the token, which is shown once when created. */
  tokenHash: string;
  createdBy: string;
  createdAt: Timestamp;
  lastUsedAt: Timestamp | null;
  /** `read`: GET and HEAD only; `admin`: everything an administrator may do. */
  scope: ApiTokenScope;
  /** After this the token is refused; null: until deleted. */
  expiresAt: Timestamp | null;
}

export type ApiTokenScope = "read" | "admin";

/** Failed sign-ins of one key (a username from an address, or an address), for the growing delay. */
export interface SignInFailuresTable {
  key: string;
  failures: number;
  lastFailureAt: Timestamp;
  /** No attempt for this key is judged before then; null while failures are within the free allowance. */
  blockedUntil: Timestamp | null;
}

export interface AuditLogTable {
  id: string;
  at: Timestamp;
  action: string;
  actor: string | null;
  ip: string | null;
  /** JSON text of the action's details (never a secret). */
  detail: string | null;
}

export interface AdminTables {
  adminUsers: AdminUsersTable;
  adminSetupTokens: AdminSetupTokensTable;
  adminSessions: AdminSessionsTable;
  apiTokens: ApiTokensTable;
  auditLog: AuditLogTable;
  signInFailures: SignInFailuresTable;
}

export type AdminUserRow = Selectable<AdminUsersTable>;
export type AdminSessionRow = Selectable<AdminSessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type SignInFailuresRow = Selectable<SignInFailuresTable>;
