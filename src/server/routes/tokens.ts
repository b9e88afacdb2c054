import { Type } from "typebox";
import { recordAudit } from "../../store/admin-audit.js";
import { deleteApiToken, insertApiToken, listApiTokens } from "../../store/admin-tokens.js";
import { transaction } from "../../store/database.js";
import { actorOf, type Principal, principalOf } from "../auth/authenticate.js";
import { hashSecret, newSecret } from "../auth/tokens.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { PlainText } from "./schemas.js";

const Scope = Type.Union([Type.Literal("read"), Type.Literal("admin")], {
  description: "read: GET and HEAD only (monitoring, reports); admin: everything an administrator may do",
});
const ExpiresAt = Type.Union([Type.String({ format: "date-time" }), Type.Null()], {
  description: "when the token stops working; null: until deleted",
});

const TokenInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scope: Scope,
  createdBy: Type.String(),
  createdAt: Type.String({ format: "date-time" }),
  expiresAt: ExpiresAt,
  lastUsedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});

const CreatedToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scope: Scope,
  createdBy: Type.String(),
  createdAt: Type.String({ format: "date-time" }),
  expiresAt: ExpiresAt,
  token: Type.String({ description: "shown this once: only its hash is kept" }),
});

const NewToken = Type.Object({
  name: PlainText({ maxLength: 100 }),
  scope: Scope,
  expiresAt: Type.Optional(
    Type.String({ format: "date-time", description: "when it stops working (default: until deleted)" }),
  ),
});

/**
 * When a new token ends: as asked, in the future, and never after the token that asks for it (a token
 * cannot outlive itself by minting another).
 */
function expiryOf(caller: Principal, asked: string | undefined, now: Date): Date | null {
  const expiresAt = asked === undefined ? null : new Date(asked);
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new ApiError(400, "invalid_request", "expiresAt must be in the future", "body/expiresAt");
  }
  const limit = caller.via === "token" && caller.expiresAt ? new Date(caller.expiresAt) : null;
  if (limit && (!expiresAt || expiresAt > limit)) {
    throw new ApiError(
      400,
      "invalid_request",
      `a token made with an API token cannot outlive it: give expiresAt no later than ${limit.toISOString()}`,
      "body/expiresAt",
    );
  }
  return expiresAt;
}

/**
 * API tokens for scripts and monitoring (`Authorization: Bearer <token>`). Only an administrator's session
 * or an admin token makes them: a read token cannot POST at all (see auth/authenticate.ts).
 */
export async function tokenRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.post(
    "/api/tokens",
    {
      schema: {
        summary: "Create an API token (shown once) with a scope and an optional expiry",
        tags: ["auth"],
        body: NewToken,
        response: responses({ 201: CreatedToken }, [400, 401, 403, 413, 415]),
      },
    },
    async (request, reply) => {
      const caller = principalOf(request);
      const token = newSecret("api");
      const now = settings.now();
      const { name, scope } = request.body;
      const expiresAt = expiryOf(caller, request.body.expiresAt, now);
      const row = await transaction(settings.db, async (trx) => {
        const tokenHash = hashSecret(token);
        const row = await insertApiToken(
          trx,
          { name, scope, expiresAt, tokenHash, createdBy: caller.username },
          now,
        );
        const detail = { tokenId: row.id, name, scope, expiresAt: row.expiresAt };
        await recordAudit(
          trx,
          { action: "token_created", actor: actorOf(caller), ip: request.ip, detail },
          now,
        );
        return row;
      });
      reply.code(201);
      const { tokenHash: _, lastUsedAt: __, ...info } = row;
      return { ...info, token };
    },
  );

  app.get(
    "/api/tokens",
    {
      schema: {
        summary: "List API tokens (never the tokens themselves)",
        tags: ["auth"],
        response: responses({ 200: Type.Object({ tokens: Type.Array(TokenInfo) }) }, [401]),
      },
    },
    async () => ({ tokens: await listApiTokens(settings.db) }),
  );

  app.delete(
    "/api/tokens/:id",
    {
      schema: {
        summary: "Delete an API token: it stops working at once",
        tags: ["auth"],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: responses({ 204: Type.Null() }, [400, 401, 403, 404]),
      },
    },
    async (request, reply) => {
      const caller = principalOf(request);
      const now = settings.now();
      await transaction(settings.db, async (trx) => {
        const deleted = await deleteApiToken(trx, request.params.id);
        if (!deleted) throw new ApiError(404, "token_not_found", `no API token with id ${request.params.id}`);
        const detail = { tokenId: deleted.id, name: deleted.name };
        await recordAudit(
          trx,
          { action: "token_deleted", actor: actorOf(caller), ip: request.ip, detail },
          now,
        );
      });
      reply.code(204);
    },
  );
}
