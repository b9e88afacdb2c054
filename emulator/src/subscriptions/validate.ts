import { GraphError } from "../graph/errors.js";
import type { ChangeType } from "./model.js";

const invalid = (message: string) => new GraphError(400, "InvalidRequest", message);

const PAYLOAD_ERROR =
  "Could not process subscription creation payload. Are all property names spelled and camelCased properly?";
const CHANGE_TYPES: readonly ChangeType[] = ["created", "updated", "deleted"];
const TLS_VERSIONS = ["v1_0", "v1_1", "v1_2", "v1_3"];
const MAX_CLIENT_STATE = 128;

/** The subscription fields a create request carries, checked. */
export interface CreateInput {
  resource: string;
  mailbox: string;
  changeType: string;
  changeTypes: Set<ChangeType>;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  expiresAt: number;
  clientState?: string;
  latestSupportedTlsVersion: string;
}

export interface UrlPolicy {
  allowHttp: boolean;
}

export function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalid(PAYLOAD_ERROR);
  return body as Record<string, unknown>;
}

/**
 * The mailbox (id or UPN) of an Outlook event resource: `users/{id}/events`, with or without a leading
 * slash, in any casing, `users('{id}')` accepted. Outlook also takes a `$filter` after the path; the
 * emulator accepts it but notifies for every event of the mailbox.
 */
export function mailboxOfResource(resource: unknown): string {
  if (typeof resource !== "string" || resource.trim() === "") throw invalid(PAYLOAD_ERROR);
  const path = resource.split("?")[0]!.trim();
  if (/^\/?me(\/|$)/i.test(path)) {
    throw new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
  }
  const match = /^\/?users(?:\/([^/()]+)|\('([^']+)'\))\/events\/?$/i.exec(path);
  const mailbox = match?.[1] ?? match?.[2];
  if (!mailbox) throw invalid(`The resource '${resource}' is not supported for change notifications.`);
  return decodeURIComponent(mailbox);
}

export function parseChangeType(value: unknown): Set<ChangeType> {
  if (typeof value !== "string") throw invalid(PAYLOAD_ERROR);
  const parts = value.split(",").map((part) => part.trim().toLowerCase());
  const result = new Set<ChangeType>();
  for (const part of parts) {
    if (!CHANGE_TYPES.includes(part as ChangeType)) {
      throw invalid(`'${value}' is not a valid changeType: use created, updated and/or deleted.`);
    }
    result.add(part as ChangeType);
  }
  return result;
}

/** An absolute https URL (http only when the emulator is told to allow it). */
export function checkUrl(value: unknown, name: string, policy: UrlPolicy): string {
  if (typeof value !== "string") throw invalid(PAYLOAD_ERROR);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`Invalid ${name}: '${value}' is not an absolute URL.`);
  }
  const httpsOnly = url.protocol !== "https:" && !(policy.allowHttp && url.protocol === "http:");
  if (httpsOnly) throw invalid(`The ${name} must use the HTTPS scheme: '${value}'.`);
  return value;
}

/** Parses `expirationDateTime` and checks it is ahead of `now` by at most `maxMinutes`. */
export function checkExpiration(value: unknown, now: number, maxMinutes: number): number {
  if (value === undefined || value === null) {
    throw invalid("expirationDateTime is a required property for subscription creation.");
  }
  const at = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw invalid(PAYLOAD_ERROR);
  if (at <= now) throw invalid("Subscription expiration date time must be in the future.");
  if (at - now > maxMinutes * 60_000) {
    throw new GraphError(
      400,
      "ExtensionError",
      `Subscription expiration can only be ${maxMinutes} minutes in the future.`,
    );
  }
  return at;
}

export function checkClientState(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(PAYLOAD_ERROR);
  if (value.length > MAX_CLIENT_STATE) {
    throw invalid(`clientState must be at most ${MAX_CLIENT_STATE} characters long.`);
  }
  return value;
}

function checkTlsVersion(value: unknown): string {
  if (value === undefined || value === null) return "v1_2";
  if (typeof value !== "string" || !TLS_VERSIONS.includes(value)) {
    throw invalid(`Invalid latestSupportedTlsVersion '${String(value)}'.`);
  }
  return value;
}

/** Checks the body of `POST /subscriptions`; rich notifications (resource data) are not offered. */
export function parseCreate(body: unknown, now: number, maxMinutes: number, policy: UrlPolicy): CreateInput {
  const input = requireObject(body);
  if (input.includeResourceData === true) {
    throw invalid("includeResourceData is not supported by this emulator for Outlook events.");
  }
  const lifecycle = input.lifecycleNotificationUrl;
  const clientState = checkClientState(input.clientState);
  return {
    resource: String(input.resource),
    mailbox: mailboxOfResource(input.resource),
    changeType: String(input.changeType),
    changeTypes: parseChangeType(input.changeType),
    notificationUrl: checkUrl(input.notificationUrl, "notificationUrl", policy),
    ...(lifecycle !== undefined &&
      lifecycle !== null && {
        lifecycleNotificationUrl: checkUrl(lifecycle, "lifecycleNotificationUrl", policy),
      }),
    expiresAt: checkExpiration(input.expirationDateTime, now, maxMinutes),
    ...(clientState !== undefined && { clientState }),
    latestSupportedTlsVersion: checkTlsVersion(input.latestSupportedTlsVersion),
  };
}
