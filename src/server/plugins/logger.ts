import type { FastifyRequest, FastifyServerOptions } from "fastify";
import { LOG_REDACTION } from "../../secrets/redact.js";
import type { ServerOptions } from "../options.js";

/**
 * The service's own secrets beyond the shared list (src/secrets/redact.ts): the setup token and the
 * session's CSRF token, as body fields and as the header. pino needs explicit paths (`*` is one level);
 * these sit at the top level, in a logged body, or in request headers.
 */
const SERVICE_SECRET_PATHS = [
  "setupToken",
  "*.setupToken",
  "csrfToken",
  "*.csrfToken",
  'headers["x-csrf-token"]',
  'req.headers["x-csrf-token"]',
];

export const LOG_REDACT_PATHS = [...LOG_REDACTION.paths, ...SERVICE_SECRET_PATHS];

/**
 * Query parameters whose values are secrets: the admin-consent callback's one-time `state` (Entra ID puts
 * it in the address). Paths cannot reach into a URL, so the request's logged URL is cleaned here.
 */
const SECRET_QUERY = /([?&](?:state|code|token|access_token)=)[^&#]*/gi;

const redactQuery = (url: string) => url.replace(SECRET_QUERY, `$1${LOG_REDACTION.censor ?? "[redacted]"}`);

/** Fastify's own request serializer (lib/logger-pino.js), with the URL's secrets replaced. */
function requestSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactQuery(request.url),
    version: request.headers?.["accept-version"]?.toString(),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** The Fastify logger: JSON lines to the given stream (stderr in `serve`), secrets replaced. */
export function loggerOptions(log: ServerOptions["log"]): FastifyServerOptions["logger"] {
  if (!log) return false;
  return {
    level: log.level ?? "info",
    ...(log.stream ? { stream: log.stream } : {}),
    redact: { paths: LOG_REDACT_PATHS, censor: LOG_REDACTION.censor ?? "[redacted]" },
    serializers: { req: requestSerializer },
  };
}
