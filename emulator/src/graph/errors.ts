import { randomUUID } from "node:crypto";

/**
 * A Graph error answer. Thrown anywhere below a route; the one error handler in server.ts turns it into
 * Graph's envelope `{"error":{"code","message","innerError":{"request-id","date",...}}}`.
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function graphErrorBody(code: string, message: string, now: Date, requestId = randomUUID()) {
  const date = now.toISOString().replace(/\.\d{3}Z$/, "");
  return {
    error: {
      code,
      message,
      innerError: { date, "request-id": requestId, "client-request-id": requestId },
    },
  };
}

export const notFound = (message = "The specified object was not found in the store.") =>
  new GraphError(404, "ErrorItemNotFound", message);

export const badRequest = (message: string, code = "BadRequest") => new GraphError(400, code, message);

export const accessDenied = (message = "Access is denied. Check credentials and try again.") =>
  new GraphError(403, "ErrorAccessDenied", message);
