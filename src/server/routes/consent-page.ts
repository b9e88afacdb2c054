import type { FastifyReply } from "fastify";

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
<p><a href="/">Back to crosscal</a></p>
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
