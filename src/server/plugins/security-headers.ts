import type { FastifyInstance } from "fastify";

/**
 * The headers every answer carries, whichever part of the app or of Fastify sends it. `nosniff`: a
 * browser must take an answer for what its Content-Type says (an echoed validation token is text, never
 * a script or a page). `no-store` on the API: its answers hold meeting data, mailboxes and CSRF tokens
 * that no browser or proxy cache should keep; the /docs assets may still be cached.
 */
export function securityHeaders(url: string | undefined): Record<string, string> {
  const api = url === "/api" || /^\/api[/?]/.test(url ?? "");
  return { "x-content-type-options": "nosniff", ...(api ? { "cache-control": "no-store" } : {}) };
}

/** Adds the security headers to every answer that goes through Fastify's reply; a route's own win. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    for (const [name, value] of Object.entries(securityHeaders(request.url))) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    return payload;
  });
}
