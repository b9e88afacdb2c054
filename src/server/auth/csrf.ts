import type { FastifyRequest } from "fastify";
import { safeEqual } from "../../secrets/compare.js";
import { ApiError } from "../errors.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const isUnsafeMethod = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

function originOf(value: string): string | undefined {
  try {
    // Through URL, so "http://host:80" and "http://host" are the same origin.
    return new URL(value).origin.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The origin this request was addressed to, as a browser on our own pages would send it. */
const ownOrigin = (request: FastifyRequest) => originOf(`${request.protocol}://${request.host}`);

/**
 * Refuses a request another site started: its Origin (or, failing that, its Referer), when the browser
 * sent one, must be the service itself. Browsers send Origin on every cross-site POST; requests without
 * either (curl, scripts) are judged by the other checks.
 */
export function checkSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  const referer = request.headers.referer;
  const claimed = origin && origin !== "null" ? originOf(origin) : referer ? originOf(referer) : undefined;
  const sentOne = origin !== undefined || referer !== undefined;
  if (sentOne && (claimed === undefined || claimed !== ownOrigin(request))) {
    throw new ApiError(403, "cross_origin_request", "requests from other sites are refused");
  }
}

/**
 * A cookie comes with any request the browser makes, whoever asked for it; a header does not. An unsafe
 * request authenticated by the session cookie must therefore repeat the session's CSRF token in
 * X-CSRF-Token (our pages have it from login or /api/auth/me; other sites cannot read it).
 */
export function checkCsrfToken(request: FastifyRequest, expected: string): void {
  const given = request.headers["x-csrf-token"];
  if (typeof given !== "string" || given === "") {
    throw new ApiError(403, "csrf_token_missing", "send the session's CSRF token in the X-CSRF-Token header");
  }
  if (!safeEqual(given, expected)) {
    throw new ApiError(403, "csrf_token_invalid", "the X-CSRF-Token header does not match the session");
  }
}
