/**
 * The mailbox a Graph request addresses, as the key of the per-mailbox limiter: the `{id|upn}` of
 * `/users/{id|upn}/…` (also `/users('{upn}')/…`), lower-cased. Callers that address one mailbox both by id
 * and by UPN should pass the `mailbox` option, so both count against the same limit.
 */
export function mailboxOfPath(pathOrUrl: string): string | undefined {
  const withoutOrigin = pathOrUrl.replace(/^https?:\/\/[^/]+/i, "");
  const path = withoutOrigin.split("?")[0]!.replace(/^\/(v1\.0|beta)(?=\/|$)/i, "");
  const segments = path.split("/").filter(Boolean);
  const first = segments[0] ?? "";
  if (first.toLowerCase() === "users" && segments.length >= 3) return normalise(segments[1]!);
  const call = first.match(/^users\('?(.+?)'?\)$/i);
  if (call && segments.length >= 2) return normalise(call[1]!);
  return undefined;
}

export function normaliseMailbox(mailbox: string): string {
  return mailbox.toLowerCase();
}

function normalise(segment: string): string {
  try {
    return normaliseMailbox(decodeURIComponent(segment));
  } catch {
    return normaliseMailbox(segment);
  }
}
