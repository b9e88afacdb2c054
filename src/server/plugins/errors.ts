import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ApiError, errorBody } from "../errors.js";

const CODE_BY_STATUS: Record<number, string> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

/** Fastify's body parsing errors, with messages that say what to fix. */
const PARSING_ERRORS: Record<string, [code: string, message: string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ["invalid_json", "the request body is not valid JSON"],
  FST_ERR_CTP_EMPTY_JSON_BODY: ["invalid_json", "the request body is empty but says it is JSON"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ["unsupported_media_type", "send the request body as application/json"],
};

function fromValidation(error: FastifyError): ApiError {
  const part = error.validationContext ?? "body";
  const unknown = unknownField(error);
  if (unknown) {
    return new ApiError(
      400,
      "invalid_request",
      `unknown field "${unknown.name}": remove it or check its spelling against the API document (/docs)`,
      `${part}${unknown.path}/${unknown.name}`,
    );
  }
  const first = error.validation?.[0];
  const missing = first?.params?.["missingProperty"];
  const path = `${first?.instancePath ?? ""}${typeof missing === "string" ? `/${missing}` : ""}`;
  return new ApiError(400, "invalid_request", error.message, `${part}${path}`);
}

/**
 * The field a closed schema refused (see closed-schemas.ts), if that is what failed. Within a union ajv
 * reports each alternative's failure; the unknown field is the one worth naming.
 */
function unknownField(error: FastifyError): { name: string; path: string } | undefined {
  for (const failure of error.validation ?? []) {
    const name = failure.params?.["additionalProperty"];
    if (typeof name === "string") return { name, path: failure.instancePath };
  }
  return undefined;
}

/** Any error thrown anywhere, as the one ApiError the client sees. Unknown errors say nothing inside. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const fastify = error as Partial<FastifyError>;
  if (fastify.validation) return fromValidation(fastify as FastifyError);
  const parsing = fastify.code ? PARSING_ERRORS[fastify.code] : undefined;
  if (parsing) return new ApiError(fastify.statusCode ?? 400, ...parsing);
  // SyntaxError from JSON.parse in Fastify's parser, in versions that do not wrap it.
  if (error instanceof SyntaxError && fastify.statusCode === 400)
    return new ApiError(400, ...PARSING_ERRORS.FST_ERR_CTP_INVALID_JSON_BODY!);
  const status = fastify.statusCode;
  if (status && status >= 400 && status < 500) {
    return new ApiError(status, CODE_BY_STATUS[status] ?? "bad_request", fastify.message ?? "bad request");
  }
  return new ApiError(500, "internal_error", "internal error; the service log has the details");
}

const NO_ROUTE = new ApiError(404, "not_found", "no such route: the API's routes are listed at /docs");

/**
 * A page a browser may ask for where no route is (the dashboard's, plugins/dashboard.ts): the reply it
 * sent, or undefined when the request is not for it.
 */
export type FallbackPage = (
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<FastifyReply | undefined>;

/**
 * One error handler and one not-found handler for the whole app, so every 4xx and 5xx has the same shape.
 * Server errors are logged with their cause (the log redacts secrets); the client gets none of it.
 */
export function installErrorHandling(app: FastifyInstance, fallbackPage?: FallbackPage): void {
  app.setErrorHandler((error, request, reply) => {
    const api = toApiError(error);
    if (api.statusCode >= 500) request.log.error({ err: error }, "request failed");
    reply.code(api.statusCode).send(errorBody(api));
  });
  // The address is not repeated back: an answer never reflects what a link's author put in it.
  app.setNotFoundHandler(async (request, reply) => {
    const page = await fallbackPage?.(request, reply);
    return page ?? reply.code(404).send(errorBody(NO_ROUTE));
  });
}
