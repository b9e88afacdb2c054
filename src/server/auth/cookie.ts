import type { CookieSerializeOptions } from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE = "crosscal_session";

/**
 * httpOnly: page scripts cannot read it. SameSite=Strict: browsers do not send it with requests other
 * sites start (CSRF's first line; the X-CSRF-Token check is the second). Secure whenever the request came
 * over https (directly, or through a trusted proxy), so it never travels in clear once https is in use.
 */
function cookieOptions(request: FastifyRequest, maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure: request.protocol === "https",
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, id: string, maxAgeMs: number) {
  reply.setCookie(SESSION_COOKIE, id, cookieOptions(request, Math.floor(maxAgeMs / 1000)));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}
