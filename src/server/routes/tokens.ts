import { Type } from "typebox";
import { recordAudit } from "../../store/admin-audit.js";
import { deleteApiToken, insertApiToken, listApiTokens } from "../../store/admin-tokens.js";
import { transaction } from "../../store/database.js";
import { actorOf, principalOf } from "../auth/authenticate.js";
import { hashSecret, newSecret } from "../auth/tokens.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";

const TokenInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String({ format: "date-time" }),
  lastUsedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});

const CreatedToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String({ format: "date-time" }),
  token: Type.String({ description: "shown this once: only its hash is kept" }),
});

/** API tokens for scripts and monitoring (`Authorization: Bearer <token>`). */
export async function tokenRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.post(
    "/api/tokens",
    {
      schema: {
        summary: "Create an API token (shown once)",
        tags: ["auth"],
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: responses({ 201: CreatedToken }, [400, 401, 403, 413, 415]),
      },
    },
    async (request, reply) => {
      const caller = principalOf(request);
      const token = newSecret("api");
      const now = settings.now();
      const row = await transaction(settings.db, async (trx) => {
        const row = await insertApiToken(
          trx,
          { name: request.body.name, tokenHash: hashSecret(token), createdBy: caller.username },
          now,
        );
        const detail = { tokenId: row.id, name: row.name };
        await recordAudit(
          trx,
          { action: "token_created", actor: actorOf(caller), ip: request.ip, detail },
          now,
        );
        return row;
      });
      reply.code(201);
      return { id: row.id, name: row.name, createdBy: row.createdBy, createdAt: row.createdAt, token };
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
