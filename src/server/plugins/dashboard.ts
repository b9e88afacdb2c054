import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FallbackPage } from "./errors.js";

/**
 * Where `npm run build` leaves the dashboard: dist/web in the built package (this file is then
 * dist/server/plugins/dashboard.js), else web/dist of the checkout whose sources run (src/server/plugins).
 */
const PACKAGED_DASHBOARD_DIR = fileURLToPath(new URL("../../web", import.meta.url));
export const DEFAULT_DASHBOARD_DIR = existsSync(path.join(PACKAGED_DASHBOARD_DIR, "index.html"))
  ? PACKAGED_DASHBOARD_DIR
  : fileURLToPath(new URL("../../../web/dist", import.meta.url));

/**
 * What `vite build` writes wherever a nonce belongs (web/vite.config.ts, `html.cspNonce`): on the script,
 * stylesheet and preload tags, and on the `<meta property="csp-nonce">` the dashboard reads to give
 * Mantine's <style> element the same nonce. Replaced by a fresh nonce in every answer.
 */
export const NONCE_PLACEHOLDER = "__CROSSCAL_CSP_NONCE__";

/** Paths the dashboard never answers: the API, its document, the probes and the assets keep their 404. */
const NOT_DASHBOARD = ["/api", "/docs", "/healthz", "/readyz", "/metrics", "/assets"];

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * The page's Content Security Policy: scripts and stylesheets from this origin only, and the one <style>
 * element that carries the request's nonce (Mantine's CSS variables). No inline script anywhere. Style
 * attributes stay allowed: Mantine's components set CSS variables through them, and an attribute cannot
 * load anything or select other elements.
 */
export function dashboardPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>crosscal: the dashboard is not built</title></head>
<body>
<main>
<h1>The dashboard is not built</h1>
<p>Run <code>npm run build</code> in crosscal's folder, then reload this page. The API is at <a href="/docs">/docs</a>.</p>
</main>
</body>
</html>
`;

/** A client-side route of the dashboard: a page the browser asks for, outside the service's own paths. */
function isDashboardPage(request: FastifyRequest, pathname: string): boolean {
  if (pathname === "/") return true;
  if (NOT_DASHBOARD.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))) return false;
  return request.headers.accept?.includes("text/html") === true;
}

async function readIndex(root: string): Promise<string | undefined> {
  try {
    // Read at each visit (one small file): a new build is served without a restart.
    return await readFile(path.join(root, "index.html"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function sendPage(reply: FastifyReply, html: string, policy: string): FastifyReply {
  return reply
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-cache")
    .header("content-security-policy", policy)
    .header("referrer-policy", "same-origin")
    .header("x-frame-options", "DENY")
    .header("cross-origin-opener-policy", "same-origin")
    .header("vary", "accept")
    .send(html);
}

/**
 * The dashboard's pages: index.html, with a fresh CSP nonce, for `/` and any other page a browser asks
 * for outside the service's own paths, so the dashboard's client-side routes (/connections…) survive a
 * reload. Called where no route matched (plugins/errors.ts), so it never hides an API route or changes an
 * API answer; answers nothing (undefined) when the request is not for a page. Without a build, pages say
 * how to make one.
 */
export function dashboardPages(root: string): FallbackPage {
  return async (request, reply) => {
    if (request.method !== "GET" && request.method !== "HEAD") return undefined;
    const pathname = request.url.split("?")[0] ?? "/";
    if (!isDashboardPage(request, pathname)) return undefined;
    const index = await readIndex(root);
    if (index === undefined) return sendPage(reply, NOT_BUILT, "default-src 'none'; frame-ancestors 'none'");
    const nonce = randomBytes(16).toString("base64");
    return sendPage(reply, index.replaceAll(NONCE_PLACEHOLDER, nonce), dashboardPolicy(nonce));
  };
}

/**
 * The dashboard's hashed assets under /assets/ (web/, built into `root`): cached for a year and never
 * revalidated, since a new build has new names. Public and hidden from the OpenAPI document: they hold no
 * data, and the API calls the page makes authenticate. An unknown asset is the API's JSON 404.
 */
export async function registerDashboardAssets(app: FastifyInstance, root: string): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook("onRoute", (route) => {
      route.config = { ...route.config, public: true };
      route.schema = { ...route.schema, hide: true };
    });
    await scope.register(fastifyStatic, {
      root: path.join(root, "assets"),
      prefix: "/assets/",
      // The folder may appear later (`npm run build` while the service runs).
      suppressWarning: true,
      decorateReply: false,
      index: false,
      immutable: true,
      maxAge: YEAR_MS,
      // web/vite.config.ts writes .br and .gz beside each asset.
      preCompressed: true,
    });
  });
}
