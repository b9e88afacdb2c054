import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { recordAudit } from "../../store/admin-audit.js";
import { type ApiTokenScope, findApiTokenByHash, touchApiToken } from "../../store/admin-tokens.js";
import { ApiError, unauthenticated } from "../errors.js";
import type { ServerSettings } from "../options.js";
import { clearSessionCookie, SESSION_COOKIE } from "./cookie.js";
import { checkCsrfToken, checkSameOrigin, isUnsafeMethod } from "./csrf.js";
import { resumeSession, type Session } from "./sessions.js";
import { hashSecret } from "./tokens.js";

/** Who made a request: an administrator through a browser session, or through an API token. */
export type Principal =
  | { via: "session"; username: string; session: Session }
  | {
      via: "token";
      username: string;
      tokenId: string;
      tokenName: string;
      scope: ApiTokenScope;
      expiresAt: string | null;
    };

declare module "fastify" {
  interface FastifyRequest {
    caller: Principal | null;
  }
  interface FastifyContextConfig {
    /** Reachable without authentication (health, setup, login). */
    public?: boolean;
  }
}

/** How the audit log names who acted. */
export const actorOf = (principal: Principal) =>
  principal.via === "session" ? principal.username : `${principal.username} (token "${principal.tokenName}")`;

/** The principal of an authenticated route (the hook has run): a programming error if missing. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.caller) throw new Error(`route ${request.url} ran without authentication`);
  return request.caller;
}

const isDocsRoute = (url: string | undefined) => url === "/docs" || url?.startsWith("/docs/") === true;

// The UI's own routes (and its JSON document) are public: the document describes no secret.
const isPublic = (request: FastifyRequest) =>
  request.is404 || request.routeOptions.config.public === true || isDocsRoute(request.routeOptions.url);

const TOUCH_EVERY_MS = 60_000;

/** `Bearer <token>` and nothing else: one space, a token of our alphabet, no trailing words. */
const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/i;

async function fromBearer(settings: ServerSettings, token: string) {
  const row = await findApiTokenByHash(settings.db, hashSecret(token));
  if (!row) throw new ApiError(401, "token_invalid", "the API token is unknown or has been deleted");
  const now = settings.now();
  if (row.expiresAt && Date.parse(row.expiresAt) <= now.getTime()) {
    throw new ApiError(401, "token_expired", `the API token "${row.name}" expired at ${row.expiresAt}`);
  }
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) >= TOUCH_EVERY_MS) {
    await touchApiToken(settings.db, row.id, now);
  }
  const principal: Principal = {
    via: "token",
    username: row.createdBy,
    tokenId: row.id,
    tokenName: row.name,
    scope: row.scope,
    expiresAt: row.expiresAt,
  };
  return principal;
}

async function fromCookie(
  settings: ServerSettings,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
): Promise<Principal> {
  try {
    const session = await resumeSession(settings, id);
    return { via: "session", username: session.username, session };
  } catch (error) {
    if (error instanceof ApiError) clearSessionCookie(request, reply);
    throw error;
  }
}

async function authenticate(settings: ServerSettings, request: FastifyRequest, reply: FastifyReply) {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const token = BEARER.exec(authorization)?.[1];
    if (!token) {
      throw new ApiError(401, "token_invalid", "the Authorization header must be: Bearer <API token>");
    }
    // A bearer token is not an ambient credential (no browser adds it on its own): no CSRF checks.
    return fromBearer(settings, token);
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) throw unauthenticated();
  const principal = await fromCookie(settings, request, reply, cookie);
  if (principal.via === "session" && isUnsafeMethod(request.method)) {
    checkSameOrigin(request);
    checkCsrfToken(request, principal.session.csrfToken);
  }
  return principal;
}

/** A read token reads: any other method is refused (after the caller is known, so the refusal is audited). */
function checkScope(caller: Principal, method: string): void {
  if (caller.via === "token" && caller.scope === "read" && isUnsafeMethod(method)) {
    throw new ApiError(
      403,
      "token_read_only",
      `the API token "${caller.tokenName}" may only read (GET): use an admin token or sign in to change anything`,
    );
  }
}

/**
 * Every route needs an authenticated principal unless it is public. Runs on onRequest, before the body is
 * read, so anonymous and cross-site requests are refused without parsing anything they sent. Public
 * routes that change state (setup, login) still refuse other sites' requests.
 */
export function installAuthentication(app: FastifyInstance, settings: ServerSettings): void {
  app.decorateRequest("caller", null);
  app.addHook("onRequest", async (request, reply) => {
    if (isPublic(request)) {
      if (isUnsafeMethod(request.method) && !request.is404) checkSameOrigin(request);
      return;
    }
    request.caller = await authenticate(settings, request, reply);
    checkScope(request.caller, request.method);
  });
  // Every request an API token made, read or write, answered or refused, is in the audit log: a leaked
  // token shows up there with what it did.
  app.addHook("onResponse", async (request, reply) => {
    const caller = request.caller;
    if (caller?.via !== "token") return;
    const detail = {
      tokenId: caller.tokenId,
      method: request.method,
      route: request.routeOptions.url ?? request.url.split("?")[0],
      status: reply.statusCode,
    };
    await recordAudit(
      settings.db,
      { action: "token_used", actor: actorOf(caller), ip: request.ip, detail },
      settings.now(),
    ).catch((error) => request.log.error({ err: error }, "recording a token's use failed"));
  });
}
