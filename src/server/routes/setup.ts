import { Type } from "typebox";
import { recordAudit } from "../../store/admin-audit.js";
import { consumeSetupToken, countAdmins, insertAdmin } from "../../store/admin-users.js";
import { transaction } from "../../store/database.js";
import { hashPassword } from "../auth/passwords.js";
import { hashSecret } from "../auth/tokens.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { NewPassword, Username } from "./schemas.js";

const alreadySetUp = () =>
  new ApiError(409, "already_set_up", "an administrator exists already: sign in at POST /api/auth/login");

/**
 * First-run setup: the one-time token `crosscal serve` printed creates the administrator and is used up.
 * Once an admin exists this answers 409, token or not.
 */
export async function setupRoutes(app: App, settings: ServerSettings): Promise<void> {
  // The dashboard asks before showing its first page: the setup form, or sign-in. That an administrator
  // exists is no secret worth keeping from whoever reaches the sign-in page.
  app.get(
    "/api/setup",
    {
      config: { public: true },
      schema: {
        summary: "Whether the first administrator is still to be created with the setup token",
        tags: ["auth"],
        security: [],
        response: responses(
          {
            200: Type.Object({
              needed: Type.Boolean({ description: "true until an administrator exists: POST /api/setup" }),
            }),
          },
          [],
        ),
      },
    },
    async () => ({ needed: (await countAdmins(settings.db)) === 0 }),
  );

  app.post(
    "/api/setup",
    {
      config: { public: true },
      schema: {
        summary: "Create the first administrator with the setup token printed by crosscal serve",
        tags: ["auth"],
        security: [],
        body: Type.Object({
          setupToken: Type.String({ minLength: 1 }),
          username: Username,
          password: NewPassword,
        }),
        response: responses({ 201: Type.Object({ username: Type.String() }) }, [400, 403, 409, 413, 415]),
      },
    },
    async (request, reply) => {
      const { setupToken, username, password } = request.body;
      if ((await countAdmins(settings.db)) > 0) throw alreadySetUp();
      // Hashed before the transaction: scrypt takes long, and a SQLite write lock should not wait on it.
      const passwordHash = await hashPassword(password, settings.passwordCost);
      const now = settings.now();
      await transaction(settings.db, async (trx) => {
        const token = await consumeSetupToken(trx, hashSecret(setupToken), now);
        if (token === "expired") {
          throw new ApiError(
            403,
            "setup_token_expired",
            "the setup token has expired: restart crosscal serve for a new one",
          );
        }
        if (token === "unknown")
          throw new ApiError(
            403,
            "setup_token_invalid",
            "the setup token is not the one crosscal serve printed last",
          );
        if ((await countAdmins(trx)) > 0) throw alreadySetUp();
        await insertAdmin(trx, { username, passwordHash }, now);
        await recordAudit(trx, { action: "setup", actor: username, ip: request.ip }, now);
      });
      reply.code(201);
      return { username };
    },
  );
}
