import type { redactOptions } from "pino";

/** What a redacted value is logged as; the same text `Secret` shows for itself. */
export const REDACTED = "[redacted]";

/**
 * Keys whose values are secrets wherever they appear in a logged object. Header names are listed in both
 * spellings: Node lowercases incoming headers, but headers crosscal builds itself keep their capitals.
 */
export const SECRET_KEYS = [
  // HTTP: admin sessions, API tokens, Graph bearer tokens.
  "authorization",
  "Authorization",
  "proxy-authorization",
  "Proxy-Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "Set-Cookie",
  // Connection credentials, in crosscal's spelling and in OAuth's wire spelling.
  "clientSecret",
  "client_secret",
  "client_assertion",
  "privateKey",
  "passphrase",
  // Admin accounts and tokens.
  "password",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "id_token",
  // Webhooks: the clientState is what proves a notification comes from Graph.
  "clientState",
  // Anything else named plainly, including the key that seals connection secrets.
  "secret",
  "CROSSCAL_SECRET_KEY",
] as const;

/**
 * How deep a key is looked for: pino matches paths, not key names, and each `*` stands for exactly one
 * level, so every depth needs its own path. Four levels below the top cover what crosscal logs (e.g.
 * `req.headers.authorization`, `notification.body.value[0].clientState`). The price is real: pino runs
 * the wildcard paths on every line, and the cost grows with the depth (measured on Node 20: a request log
 * line takes about 70 µs at depth 4, 50 µs at 3, 30 µs at 2, against 2 µs without redaction). Hot paths
 * that log per notification should log little, or at debug level.
 */
export const REDACT_DEPTH = 4;

function pathsFor(key: string): string[] {
  // Keys that are not identifiers (set-cookie) need bracket notation, which attaches without a dot.
  const tail = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  const paths: string[] = [];
  for (let depth = 0; depth <= REDACT_DEPTH; depth++) {
    const wildcards = Array(depth).fill("*").join(".");
    if (!wildcards) paths.push(tail);
    else paths.push(tail.startsWith("[") ? `${wildcards}${tail}` : `${wildcards}.${tail}`);
  }
  return paths;
}

/**
 * The `redact` option every crosscal logger must use (`pino({ redact: LOG_REDACTION })`, or Fastify's
 * `logger: { redact: LOG_REDACTION }`), so secrets never reach the logs. Paths only reach values held
 * under a listed key: a secret pasted into a message string or a URL is beyond their reach.
 */
export const LOG_REDACTION: redactOptions = {
  paths: SECRET_KEYS.flatMap(pathsFor),
  censor: REDACTED,
};
