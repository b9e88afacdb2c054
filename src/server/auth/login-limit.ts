import type {} from "@fastify/rate-limit";
import type { FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import { ApiError } from "../errors.js";
import type { LoginLimits } from "../options.js";
import type { App } from "../types.js";

/**
 * Login attempts are limited per client address and, separately, per username: one address cannot guess
 * fast, and many addresses together cannot guess one account fast either. Both are counted on every
 * attempt (a success too), by @fastify/rate-limit's counters; the per-username one needs the parsed body,
 * hence a preHandler. Counters live in the process: one `serve` process answers logins.
 */
export function loginRateLimit(app: App, limits: LoginLimits): preHandlerAsyncHookHandler {
  const perIp = app.createRateLimit({
    max: limits.perIp,
    timeWindow: limits.windowMs,
    keyGenerator: (request: FastifyRequest) => `login-ip:${request.ip}`,
  });
  const perUsername = app.createRateLimit({
    max: limits.perUsername,
    timeWindow: limits.windowMs,
    keyGenerator: (request: FastifyRequest) =>
      `login-user:${String((request.body as { username?: unknown } | undefined)?.username).toLowerCase()}`,
  });
  return async (request, reply) => {
    for (const [limiter, what] of [
      [perIp, "from this address"],
      [perUsername, "for this username"],
    ] as const) {
      const result = await limiter(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header("retry-after", String(result.ttlInSeconds));
        throw new ApiError(
          429,
          "rate_limited",
          `too many sign-in attempts ${what}: retry in ${result.ttlInSeconds} s`,
        );
      }
    }
  };
}
