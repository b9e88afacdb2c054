import { decodeJwt } from "jose";

/**
 * The `roles` claim of an app-only access token: the application permissions Entra ID granted (admin
 * consent). A client may read its token's claims to explain a refusal (the signature is Graph's to check,
 * not ours). No claim: `[]`. An unreadable token: `undefined`, which only loses the hint.
 *
 * Grants made in Exchange Online (RBAC for Applications) are never in this claim: Exchange reads them when a
 * mailbox is asked for, so a token without a calendar role may still reach calendars.
 */
export function rolesOfToken(token: string): string[] | undefined {
  try {
    const roles = decodeJwt(token).roles;
    if (roles === undefined) return [];
    return Array.isArray(roles)
      ? roles.filter((role): role is string => typeof role === "string")
      : undefined;
  } catch {
    return undefined;
  }
}

/** Entra ID application permissions that let an app read calendars (any one). */
export const CALENDAR_ROLES: readonly string[] = [
  "Calendars.ReadWrite",
  "Calendars.Read",
  "Calendars.ReadBasic.All",
];

/** The permission crosscal needs to write its copies. */
export const CALENDAR_WRITE_ROLE = "Calendars.ReadWrite";
