import type { Tenant } from "../world/types.js";

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

export interface ConsentPrompt {
  action: string;
  appName: string;
  clientId: string;
  roles: string[];
  hidden: Record<string, string>;
  /** Offered when the authority names no tenant (common/organizations): the admin's own tenant. */
  tenants?: Tenant[];
}

/** The page an administrator sees: the app, the permissions it asks for, Accept and Cancel. */
export function consentPage(prompt: ConsentPrompt): string {
  const hidden = Object.entries(prompt.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n    ");
  const tenantChoice = prompt.tenants
    ? `<label>Sign in as an administrator of
      <select name="consent_tenant">${prompt.tenants
        .map(
          (t) =>
            `<option value="${escapeHtml(t.id)}">${escapeHtml(t.displayName)} (${escapeHtml(t.domain)})</option>`,
        )
        .join("")}</select></label>`
    : "";
  const roles = prompt.roles.map((role) => `<li>${escapeHtml(role)}</li>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Permissions requested</title></head>
<body>
  <h1>Permissions requested</h1>
  <p><strong>${escapeHtml(prompt.appName)}</strong> (${escapeHtml(prompt.clientId)}) asks for these application permissions, for your whole organization:</p>
  <ul>${roles}</ul>
  <form method="post" action="${escapeHtml(prompt.action)}">
    ${hidden}
    ${tenantChoice}
    <button type="submit" name="decision" value="accept">Accept</button>
    <button type="submit" name="decision" value="deny">Cancel</button>
  </form>
</body></html>`;
}

/** Entra's sign-in error page, reduced to what a test or a person needs: the AADSTS code and text. */
export function errorPage(code: number, description: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to your account</title></head>
<body>
  <h1>Sorry, but we're having trouble signing you in.</h1>
  <p id="error">AADSTS${code}: ${escapeHtml(description)}</p>
</body></html>`;
}
