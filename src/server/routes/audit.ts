import { Type } from "typebox";
import { type AuditPosition, listAudit } from "../../store/admin-audit.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";

const AuditEntry = Type.Object({
  id: Type.String(),
  at: Type.String({ format: "date-time" }),
  action: Type.String({ description: "setup, login, login_failed, logout, token_created, token_deleted" }),
  actor: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
});

/** Opaque to clients: where the next page starts. */
const encodeCursor = (position: AuditPosition) => Buffer.from(JSON.stringify(position)).toString("base64url");

function decodeCursor(cursor: string): AuditPosition {
  try {
    const position = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<AuditPosition>;
    if (typeof position.at === "string" && typeof position.id === "string")
      return { at: position.at, id: position.id };
  } catch {
    // reported below
  }
  throw new ApiError(400, "invalid_cursor", "the cursor is not one this API returned", "querystring/cursor");
}

export async function auditRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.get(
    "/api/audit",
    {
      schema: {
        summary: "The audit log of admin actions, newest first, in pages",
        tags: ["auth"],
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          cursor: Type.Optional(Type.String({ description: "nextCursor of the previous page" })),
        }),
        response: responses(
          {
            200: Type.Object({
              entries: Type.Array(AuditEntry),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          },
          [400, 401],
        ),
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const page = await listAudit(
        settings.db,
        cursor === undefined ? { limit } : { limit, after: decodeCursor(cursor) },
      );
      return { entries: page.entries, nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );
}
