import type { FastifyReply } from "fastify";
import type { ConsentFailure, ConsentOutcome } from "../../connections/consent.js";
import type { ConnectionRow } from "../../store/connections.js";

/**
 * The small HTML page the admin-consent callback answers with: the administrator's browser arrives from
 * Entra ID, so the outcome is shown to a person, with a link back to the dashboard.
 */

// Five characters are all HTML text and double-quoted attributes need escaped; not worth a dependency.
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

export interface ConsentPage {
  status: 200 | 400 | 409 | 503;
  title: string;
  /** Plain-text sentences, escaped here. */
  lines: string[];
}

export function renderConsentPage(page: ConsentPage): string {
  const lines = page.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>crosscal: ${escapeHtml(page.title)}</title></head>
<body>
<h1>${escapeHtml(page.title)}</h1>
${lines}
<p><a href="/connections">Back to crosscal</a></p>
</body>
</html>
`;
}

/** Sends the page; nothing on it may be cached, framed or leak the callback URL through a Referer. */
export function sendConsentPage(reply: FastifyReply, page: ConsentPage): FastifyReply {
  return reply
    .code(page.status)
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .header("referrer-policy", "no-referrer")
    .header("content-security-policy", "default-src 'none'; frame-ancestors 'none'")
    .send(renderConsentPage(page));
}

const STATUS: Record<ConsentFailure, ConsentPage["status"]> = {
  invalid: 400,
  conflict: 409,
  unavailable: 503,
};

export const failedPage = (status: ConsentPage["status"], lines: string[]): ConsentPage => ({
  status,
  title: "No connection was created",
  lines,
});

/** What the administrator reads of a callback's outcome. */
export function outcomePage(outcome: ConsentOutcome): ConsentPage {
  if (outcome.kind === "failed") return failedPage(STATUS[outcome.failure], outcome.lines);
  const row: ConnectionRow = outcome.connection;
  const connected = row.status === "connected";
  return {
    status: 200,
    title: connected ? `Connection ${row.name} is connected` : `Connection ${row.name} was created`,
    lines: [
      `Tenant ${row.tenant} granted admin consent; crosscal signs in there as app ${row.clientId}.`,
      `Live check: ${row.status.replaceAll("_", " ")}${row.statusReason ? ` (${row.statusReason})` : ""}.`,
      ...(row.recheckAt
        ? [
            `Consent takes a few minutes to reach every Microsoft server: crosscal checks again at ${row.recheckAt}.`,
          ]
        : []),
    ],
  };
}
