import { Type } from "typebox";
import { recordAudit } from "../../store/admin-audit.js";
import { findAdminByUsername } from "../../store/admin-users.js";
import { actorOf, principalOf } from "../auth/authenticate.js";
import { clearSessionCookie, setSessionCookie } from "../auth/cookie.js";
import { admitSignIn, signInFailed, signInSucceeded } from "../auth/login-limit.js";
import { hashPassword, verifyPassword } from "../auth/passwords.js";
import { endSession, startSession } from "../auth/sessions.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { Password, Username } from "./schemas.js";

const SessionInfo = Type.Object({
  username: Type.String(),
  csrfToken: Type.String({ description: "send it back in X-CSRF-Token on POST, PUT, PATCH and DELETE" }),
  expiresAt: Type.String({ format: "date-time", description: "the session's absolute end" }),
});

const Me = Type.Object({
  username: Type.String(),
  via: Type.Union([Type.Literal("session"), Type.Literal("token")]),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});

/**
 * Compared against when the username is unknown, so a wrong username costs the same time as a wrong
 * password and response times do not tell which usernames exist.
 */
function decoyHash(settings: ServerSettings): () => Promise<string> {
  let decoy: Promise<string> | undefined;
  return () => {
    decoy ??= hashPassword("crosscal decoy password", settings.passwordCost);
    return decoy;
  };
}

export async function authRoutes(app: App, settings: ServerSettings): Promise<void> {
  const decoy = decoyHash(settings);

  app.post(
    "/api/auth/login",
    {
      config: { public: true },
      schema: {
        summary: "Sign in: sets the session cookie and returns the CSRF token",
        tags: ["auth"],
        security: [],
        body: Type.Object({ username: Username, password: Password }),
        response: responses({ 200: SessionInfo }, [400, 401, 403, 413, 415, 429]),
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const attempt = await admitSignIn(settings, reply, { username, ip: request.ip });
      const admin = await findAdminByUsername(settings.db, username);
      const valid = await verifyPassword(password, admin?.passwordHash ?? (await decoy()));
      if (!admin || !valid) {
        await recordAudit(
          settings.db,
          { action: "login_failed", actor: username, ip: request.ip },
          settings.now(),
        );
        await signInFailed(settings, attempt);
        throw new ApiError(401, "invalid_credentials", "wrong username or password");
      }
      await signInSucceeded(settings, attempt);
      const { id, session } = await startSession(settings, admin);
      await recordAudit(settings.db, { action: "login", actor: username, ip: request.ip }, settings.now());
      setSessionCookie(request, reply, id, settings.session.absoluteMs);
      return { username: session.username, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  );

  app.post(
    "/api/auth/logout",
    {
      schema: {
        summary: "Sign out: ends the session (API tokens stay valid until deleted)",
        tags: ["auth"],
        response: responses({ 204: Type.Null() }, [401, 403]),
      },
    },
    async (request, reply) => {
      const caller = principalOf(request);
      if (caller.via === "session") {
        await endSession(settings, caller.session);
        await recordAudit(
          settings.db,
          { action: "logout", actor: actorOf(caller), ip: request.ip },
          settings.now(),
        );
        clearSessionCookie(request, reply);
      }
      reply.code(204);
    },
  );

  app.get(
    "/api/auth/me",
    {
      schema: {
        summary: "Who is signed in, and the session's CSRF token",
        tags: ["auth"],
        response: responses({ 200: Me }, [401]),
      },
    },
    async (request) => {
      const caller = principalOf(request);
      return caller.via === "session"
        ? {
            username: caller.username,
            via: caller.via,
            csrfToken: caller.session.csrfToken,
            expiresAt: caller.session.expiresAt,
          }
        : { username: caller.username, via: caller.via, csrfToken: null, expiresAt: null };
    },
  );
}
