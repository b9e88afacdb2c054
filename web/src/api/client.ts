import createClient, { type Middleware } from "openapi-fetch";
import { ApiError, errorOfAnswer, notAnswering } from "./errors";
import type { paths } from "./schema";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Codes of a 401 that mean the browser's session is over: the admin must sign in again. */
const SESSION_ENDED = new Set(["session_expired", "session_invalid", "unauthenticated"]);

let csrfToken: string | null = null;

/**
 * Keeps the session's CSRF token (from the login answer or GET /api/auth/me) for the unsafe requests that
 * follow. Kept in memory only: a reload asks /api/auth/me again.
 */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

const sessionEndedListeners = new Set<(error: ApiError) => void>();

/** Called whenever the API says the session is over (expired, signed out elsewhere); returns an unsubscribe. */
export function onSessionEnded(listener: (error: ApiError) => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

const session: Middleware = {
  onRequest({ request }) {
    if (csrfToken && UNSAFE_METHODS.has(request.method)) request.headers.set("x-csrf-token", csrfToken);
    return request;
  },
  async onResponse({ schemaPath, response }) {
    // Sign-in's refusals and the session query's "nobody signed in" are answers, not a session ending.
    if (response.status !== 401 || schemaPath.startsWith("/api/auth/")) return undefined;
    const error = errorOfAnswer(
      401,
      await response
        .clone()
        .json()
        .catch(() => undefined),
    );
    if (SESSION_ENDED.has(error.code)) for (const listener of sessionEndedListeners) listener(error);
    return undefined;
  },
};

/**
 * The REST API, typed from its OpenAPI document (schema.d.ts, made by `npm run api:schema`): paths,
 * parameters, bodies and answers are checked by the compiler. Same origin, so the session cookie goes
 * along; the CSRF token is added to unsafe requests. Wrap calls in `answer` to get the data or an ApiError:
 *
 *   const { tokens } = await answer(api.GET("/api/tokens"));
 */
export const api = createClient<paths>({
  credentials: "same-origin",
  // Looked up at each call rather than captured once, so tests can stand in for the service.
  fetch: (request) => globalThis.fetch(request),
});
api.use(session);

/**
 * The data of a successful answer. Anything else is thrown as an ApiError: the API's own error (code,
 * message, field), or `network_error` when the service did not answer.
 */
export async function answer<Data>(
  pending: Promise<{ data?: Data; error?: unknown; response: Response }>,
): Promise<Data> {
  let result: Awaited<typeof pending>;
  try {
    result = await pending;
  } catch (error) {
    if (error instanceof ApiError || (error as Error).name === "AbortError") throw error;
    throw notAnswering();
  }
  if (!result.response.ok) throw errorOfAnswer(result.response.status, result.error);
  return result.data as Data;
}
