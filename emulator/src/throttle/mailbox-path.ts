/**
 * Segments after `/users/{id}` that reach Exchange Online, where the per (app, mailbox) Outlook limits apply
 * (events, calendars, messages, contacts...). Directory reads such as `/users/{id}` or `/users/{id}/memberOf`
 * are Entra ID's and throttled differently.
 */
const OUTLOOK_SEGMENTS = new Set([
  "events",
  "calendar",
  "calendars",
  "calendarview",
  "calendargroups",
  "mailboxsettings",
  "messages",
  "mailfolders",
  "contacts",
  "contactfolders",
  "outlook",
  "inferenceclassification",
  "findmeetingtimes",
  "sendmail",
  "todo",
]);

/** A percent-decoded path (segment), or the text as sent when it is not valid percent-encoding. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The user id or UPN an Outlook request addresses, from a path relative to the version root
 * (`/users/{id|upn}/events/...`, also `/users('{upn}')/events`), or undefined for any other request.
 */
export function mailboxKeyOfPath(pathAndQuery: string): string | undefined {
  const queryAt = pathAndQuery.indexOf("?");
  const path = queryAt < 0 ? pathAndQuery : pathAndQuery.slice(0, queryAt);
  const segments = path.split("/").filter(Boolean);
  const first = segments[0]?.toLowerCase();
  let idOrUpn: string | undefined;
  let next: string | undefined;
  if (first === "users") {
    idOrUpn = segments[1];
    next = segments[2];
  } else if (first?.startsWith("users(")) {
    idOrUpn = segments[0]!.slice("users(".length, -1).replace(/^'(.*)'$/, "$1");
    next = segments[1];
  }
  if (!idOrUpn || !next) return undefined;
  const resource = safeDecode(next).split(/[(?]/)[0]!.toLowerCase();
  return OUTLOOK_SEGMENTS.has(resource) ? safeDecode(idOrUpn) : undefined;
}

/** `mailboxKeyOfPath` for a full Graph URL path such as `/v1.0/users/x/events`. */
export function mailboxKeyOfGraphUrl(url: string): string | undefined {
  const rest = url.replace(/^\/(v1\.0|beta)(?=\/|$)/i, "");
  return mailboxKeyOfPath(rest);
}
