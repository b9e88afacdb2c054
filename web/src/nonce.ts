/**
 * The Content Security Policy nonce `crosscal serve` wrote into this page (`<meta property="csp-nonce">`,
 * see src/server/plugins/dashboard.ts). Only <style> elements carrying it may apply: Mantine's CSS
 * variables and the scroll lock of dialogs get it. Browsers hide the attribute once read, so the
 * property is asked first.
 */
export function cspNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  const nonce = meta?.nonce || meta?.getAttribute("nonce") || undefined;
  // Vite's dev server leaves the placeholder: no policy there, nothing to match.
  return nonce?.startsWith("__") ? undefined : nonce;
}
